"""Project updates: members-only news stays with members; the people listed before sending are
exactly the people told; nobody is told twice."""

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Notification, StaffAccess
from projects import services
from projects.models import Interest, Membership, Update
from tests.conftest import make_user


def _update(project, author, *, public=False):
    return services.update_post(update=Update(project=project, author=author, title="News",
                                              body="We met the director.", public=public))


@pytest.mark.django_db
def test_members_only_news_is_not_on_the_public_page(people, project, client_for, other):
    _update(project, people.staff, public=False)
    Membership.objects.create(project=project, person=people.member)
    assert "We met the director." not in client_for(None).get(
        project.get_absolute_url()).content.decode()
    assert "We met the director." not in client_for(other).get(
        project.get_absolute_url()).content.decode()
    member_page = client_for(people.member).get(project.get_absolute_url()).content.decode()
    assert "We met the director." in member_page and "(members only)" in member_page


@pytest.mark.django_db
def test_public_news_is_on_the_public_page(people, project, client_for):
    _update(project, people.staff, public=True)
    assert "We met the director." in client_for(None).get(
        project.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_people_listed_before_sending_are_exactly_the_people_told(people, project,
                                                                      client_for, other):
    chair = make_user("chair@test.example", "Cora Chair")
    project.lived_experience_co_chair = chair
    services.project_save(project=project, by=people.staff)
    Membership.objects.create(project=project, person=people.member)
    Membership.objects.create(project=project, person=other, left_at=timezone.now())
    Interest.objects.create(project=project, person=make_user("ann@test.example", "Ann Asked"))
    update = _update(project, people.staff)
    staff = client_for(people.staff)
    preview = staff.get(reverse("projects:update_send", args=[update.pk]))
    listed = {person.pk for person, _way in preview.context["preview"]["people"]}
    staff.post(reverse("projects:update_send", args=[update.pk]))
    told = set(Notification.objects.filter(dedupe_key=f"update:{update.pk}")
               .values_list("person", flat=True))
    assert listed == told == {people.member.pk, chair.pk}


@pytest.mark.django_db
def test_nobody_is_told_twice(people, project):
    Membership.objects.create(project=project, person=people.member)
    update = _update(project, people.staff)
    assert services.update_send(update=update) == 1
    assert services.update_send(update=update) == 0
    assert Notification.objects.filter(person=people.member).count() == 1
    assert Update.objects.get(pk=update.pk).sent_at is not None
    # One audit row for the one message, naming who sent the update.
    assert list(StaffAccess.objects.filter(action=StaffAccess.Action.MESSAGE_SENT)
                .values_list("actor", "subject")) == [(people.staff.pk, people.member.pk)]


@pytest.mark.django_db
def test_only_those_who_run_the_project_post_or_send(people, project, client_for):
    Membership.objects.create(project=project, person=people.member)
    update = _update(project, people.staff)
    member = client_for(people.member)
    assert member.get(reverse("projects:update_create", args=[project.pk])).status_code == 404
    assert member.post(reverse("projects:update_send", args=[update.pk])).status_code == 404
    assert Update.objects.get(pk=update.pk).sent_at is None
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_staff_see_each_channel_counted_with_its_words_before_sending(people, project,
                                                                     client_for):
    from messaging.models import Delivery
    from people.models import MemberProfile

    Membership.objects.create(project=project, person=people.member)  # no profile: email
    for email, channel, frequency in [("t@test.example", "text", "as_it_happens"),
                                      ("l@test.example", "post", "as_it_happens"),
                                      ("p@test.example", "phone", "as_it_happens"),
                                      ("n@test.example", "text", "as_it_happens"),
                                      ("w@test.example", "email", "weekly")]:
        person = make_user(email, email.split("@")[0].upper())
        MemberProfile.objects.create(user=person, preferred_channel=channel,
                                     phone="07700 900982" if email[0] != "n" else "",
                                     address="1 Mill Lane\nNorthtown", message_frequency=frequency)
        Membership.objects.create(project=project, person=person)
    update = _update(project, people.staff)
    staff = client_for(people.staff)
    page = staff.get(reverse("projects:update_send", args=[update.pk]))
    counts = dict(page.context["preview"]["counts"])
    # "n" asked for texts but gave no number: the preview already shows the email instead.
    assert counts == {"Email": 2, "Text message": 1, "Letter": 1, "Phone call": 1,
                      "Kept for their weekly round-up": 1}
    text = page.content.decode()
    assert "N: Email (they asked for text message)" in text
    assert "We met the director." in text and "characters (two text messages" in text
    assert not Notification.objects.exists()  # nothing is sent by looking
    staff.post(reverse("projects:update_send", args=[update.pk]))
    sent = {}
    for delivery in Delivery.objects.all():
        sent[delivery.channel] = sent.get(delivery.channel, 0) + 1
    assert sent == {"email": 3, "text": 1, "post": 1, "phone": 1}  # one email is held
    assert Delivery.objects.filter(status=Delivery.Status.HELD).count() == 1
