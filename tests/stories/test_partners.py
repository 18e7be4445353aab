"""Partner organisations: what they co-host shows on their page and on the project's and
event's pages; partner accounts (the seventh role) see and co-run what their organisation
co-hosts, and nothing else."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from listening.models import Event, EventKind
from people.models import Role, RoleChange
from projects.models import Session
from projects.models import Status as ProjectStatus
from projects.rules import can_run, can_view
from stories.models import Partner, PartnerAccount
from stories.services import partner_account_add, partner_account_remove
from tests.conftest import make_user
from tests.site_rules.projects import make_project


@pytest.fixture
def centre(people):
    return Partner.objects.create(name="Carers' Centre", what_they_do="Support for carers.",
                                  website="https://carers.example")


@pytest.fixture
def worker(people, centre):
    user = make_user("gill@carers.example", "Gill Harper")
    partner_account_add(partner=centre, user=user, by=people.admin)
    user.refresh_from_db()
    return user


def test_an_admin_gives_a_partner_account_which_grants_the_role(people, centre, worker):
    assert worker.has_role(Role.PARTNER) and not worker.has_role(Role.STAFF)
    assert RoleChange.objects.filter(user=worker, role=Role.PARTNER, granted=True).exists()
    with pytest.raises(PermissionDenied):
        partner_account_add(partner=centre, user=people.member, by=people.staff)
    partner_account_remove(account=worker.partner_account, by=people.admin)
    worker.refresh_from_db()
    assert not worker.has_role(Role.PARTNER) and not PartnerAccount.objects.exists()


def test_partner_staff_see_and_co_run_only_what_their_organisation_co_hosts(
        people, centre, worker, client_for):
    hosted = make_project(people.staff, status=ProjectStatus.DRAFT, title="Carers' cafés")
    other = make_project(people.staff, status=ProjectStatus.DRAFT, title="Not theirs")
    centre.projects.add(hosted)
    assert can_view(worker, hosted) and can_run(worker, hosted)
    assert not can_view(worker, other) and not can_run(worker, other)
    assert not can_run(people.member, hosted)

    client = client_for(worker)
    assert client.get(f"/projects/{hosted.pk}/").status_code == 200
    assert client.get(f"/projects/{other.pk}/").status_code == 404
    # Co-running: adding a meeting to the co-hosted project works; to another does not.
    starts = timezone.now() + timedelta(days=10)
    form = {"title": "Planning", "date_0": str(starts.day), "date_1": str(starts.month),
            "date_2": str(starts.year), "start_time": "10:00", "end_time": "12:00",
            "venue": "Carers' Centre", "in_person": "on"}
    client.post(f"/projects/{hosted.pk}/meetings/new/", form)
    assert Session.objects.filter(project=hosted, title="Planning").exists()
    assert client.post(f"/projects/{other.pk}/meetings/new/", form).status_code == 404

    home = client.get("/partners/mine/").content.decode()
    assert "Carers&#x27; cafés" in home and "Not theirs" not in home
    assert client_for(people.member).get("/partners/mine/").status_code == 403


def test_partner_staff_co_run_the_events_their_organisation_co_hosts(
        people, centre, worker, client_for):
    from listening.models import Registration
    from listening.rules import can_run_event, can_see_event

    kind = EventKind.objects.create(name="Forum", slug="forum")
    starts = timezone.now() - timedelta(days=2)

    def event(title, published=True):
        return Event.objects.create(title=title, kind=kind, description="Talk",
                                    starts_at=starts, ends_at=starts + timedelta(hours=1),
                                    is_published=published)

    hosted, other = event("Carers' forum", published=False), event("Not theirs")
    centre.events.add(hosted)
    assert can_see_event(worker, hosted) and can_run_event(worker, hosted)
    assert not can_run_event(worker, other) and not can_run_event(people.member, hosted)
    assert not can_see_event(people.member, hosted)

    client = client_for(worker)
    page = client.get(f"/events/{hosted.pk}/").content.decode()
    assert "Run this event" in page and f"/events/{hosted.pk}/attendance/" in page
    assert f"/events/{hosted.pk}/edit/" not in page  # changing the event stays with staff
    for url in ("attendance", "walk-in", "sign-in-sheet", "what-we-heard", "to-contact"):
        assert client.get(f"/events/{hosted.pk}/{url}/").status_code == 200, url
        assert client.get(f"/events/{other.pk}/{url}/").status_code == 404, url
    assert client.get(f"/events/{hosted.pk}/edit/").status_code == 403
    assert "Run this event" not in client.get(f"/events/{other.pk}/").content.decode()
    # The same actions as staff: someone who came without registering, then attendance.
    client.post(f"/events/{hosted.pk}/walk-in/", {"name": "Sam Carer", "email": ""})
    walk_in = Registration.objects.get(event=hosted, guest_name="Sam Carer")
    assert walk_in.walk_in and walk_in.attended
    client.post(f"/events/{hosted.pk}/attendance/", {})  # added by mistake: untick
    walk_in.refresh_from_db()
    assert not walk_in.attended
    assert client.post(f"/events/{other.pk}/walk-in/", {"name": "X"}).status_code == 404
    assert client_for(people.member).get(f"/events/{hosted.pk}/attendance/").status_code == 403


def test_co_hosts_show_on_the_partner_project_and_event_pages(people, centre, client):
    project = make_project(people.staff, title="Short breaks")
    kind = EventKind.objects.create(name="Forum", slug="forum")
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(title="Carers' forum", kind=kind, description="Talk",
                                 starts_at=starts, ends_at=starts + timedelta(hours=1),
                                 is_published=True)
    hidden = Event.objects.create(title="Unpublished", kind=kind, description="x",
                                  starts_at=starts, ends_at=starts + timedelta(hours=1),
                                  is_published=False)
    centre.projects.add(project)
    centre.events.add(event, hidden)
    page = client.get(f"/partners/{centre.pk}/").content.decode()
    assert "Short breaks" in page and "Carers&#x27; forum" in page and "Unpublished" not in page
    assert "Co-hosted with" in client.get(f"/projects/{project.pk}/").content.decode()
    assert "Carers&#x27; Centre" in client.get(f"/events/{event.pk}/").content.decode()


def test_members_say_which_groups_they_belong_to(people, centre, client_for):
    client = client_for(people.member)
    client.post("/my-groups/", {"groups": [centre.pk]})
    assert list(people.member.partner_groups.all()) == [centre]
    client.post("/my-groups/", {})
    assert not people.member.partner_groups.exists()


def test_the_partner_list_runs_the_same_queries_for_many(
        people, client, django_assert_max_num_queries):
    projects = [make_project(people.staff, title=f"P{i}") for i in range(5)]
    for i in range(30):
        Partner.objects.create(name=f"Partner {i:02}", what_they_do="x").projects.set(projects)
    # count, the page with its counts
    with django_assert_max_num_queries(3):
        response = client.get("/partners/")
    assert "Partner 00" in response.content.decode()
