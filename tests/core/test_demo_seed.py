from io import StringIO

from django.core.management import call_command

from people.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from people.models import Area, Role, Topic, User


def test_seed_demo_twice_creates_no_duplicates(db):
    call_command("seed_demo", stdout=StringIO())
    counts = (User.objects.count(), Area.objects.count(), Topic.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Area.objects.count(), Topic.objects.count()) == counts
    assert counts[1] >= 5 and counts[2] >= 10
    # Some people have no email address (never a made-up one), prefer a phone call or a
    # letter, and staff did things for them in several rooms.
    from people.models import StaffAccess

    assert not User.objects.filter(email__endswith=".invalid").exists()
    offline = User.objects.filter(email="", anonymised_at=None)
    assert {person.profile.preferred_channel for person in offline} == {"phone", "post"}
    done = set(StaffAccess.objects.filter(subject__in=offline, action="acted_for")
               .values_list("detail", flat=True))
    for words in ("Booked a place on", "Gave them a place on", "Answered their invitation",
                  "Started a claim for", "Updated their access needs"):
        assert any(detail.startswith(words) for detail in done), words
    assert offline.filter(retention_check__isnull=False).exists()


def test_each_demo_account_can_sign_in_with_its_role(db, client):
    call_command("seed_demo", stdout=StringIO())
    expected = {"member": Role.MEMBER, "our voice": Role.OUR_VOICE, "staff": Role.STAFF,
                "finance": Role.FINANCE, "admin": Role.ADMIN}
    for role, email, _name in DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.has_role(expected[role])
        assert client.login(email=email, password=DEMO_PASSWORD)
        client.logout()


def test_print_demo_accounts_lists_one_per_role(db):
    out = StringIO()
    call_command("print_demo_accounts", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123" in text and DEMO_PASSWORD in text
    for _role, email, _name in DEMO_ACCOUNTS:
        assert email in text


def test_the_demo_emails_nobody(db, mailoutbox, django_capture_on_commit_callbacks):
    from people.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    assert Notification.objects.exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert mailoutbox == []


def test_the_demo_keeps_the_waiting_lists_rules(db):
    """Nobody in the demo waits beside a free place, and the demo shows one full project and
    one full event with people waiting (seeded through the services, like real use)."""
    from listening.models import Event
    from listening.services import EventPlaces
    from projects.models import Interest, Project
    from projects.services import ProjectPlaces

    call_command("seed_demo", stdout=StringIO())
    waiting_somewhere = {"project": 0, "event": 0}
    for kind, places in ([("project", ProjectPlaces(p)) for p in Project.objects.all()]
                         + [("event", EventPlaces(e)) for e in Event.objects.all()]):
        first = places.waiting().first()
        if first is not None and places.capacity() is not None:
            # The first in the queue would not fit: otherwise they should have moved up.
            needed = places.places_taken() + places.places_for(first)
            assert needed > places.capacity(), places.owner
            waiting_somewhere[kind] += 1
    assert waiting_somewhere["project"] >= 1 and waiting_somewhere["event"] >= 1
    assert Interest.objects.filter(state=Interest.State.WAITING).exists()
