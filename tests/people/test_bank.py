"""Staff search the people bank fairly, invite people, export a shortlist; all recorded."""

import csv
import io
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from people.models import Consent, Invitation, Involvement, MemberProfile, StaffAccess, User
from people.selectors import people_bank_search
from people.services import consent_withdraw, involvement_record
from tests.conftest import make_user
from tests.people.conftest import ANSWERS, bank_member


def _involve(person, key, days_ago):
    involvement_record(person=person, kind=Involvement.Kind.EVENT, activity_key=key,
                       activity_title=key, title=key, hours=2, source=f"t:{person.pk}:{key}",
                       starts_at=timezone.now() - timedelta(days=days_ago))


def test_each_filter_finds_the_right_people(db, topics, areas):
    a = make_user("a@test.example", "Alice")
    b = make_user("b@test.example", "Bola")
    c = make_user("c@test.example", "Cai")
    bank_member(a, topics=[topics["Dementia"]], areas=[areas["Carrow"]], draws_on_care=True,
                formats=["easy_read"], access_needs=["hearing_loop"], meeting_mode="online",
                availability=["evenings"], recognition="vouchers", help_with="home care")
    bank_member(b, topics=[topics["Carers"]], areas=[areas["Fenwick"]], unpaid_carer=True,
                formats=["large_print"], access_needs=["step_free"], meeting_mode="both",
                availability=["weekends"], recognition="payment")
    bank_member(c, topics=[topics["Dementia"]], consent=False)  # not in the bank

    def names(**filters):
        return sorted(person.name for person in people_bank_search(**filters))

    assert names() == ["Alice", "Bola"]
    assert names(topic=topics["Dementia"]) == ["Alice"]
    assert names(area=areas["Fenwick"]) == ["Bola"]
    assert names(lived_experience="care") == ["Alice"]
    assert names(lived_experience="carer") == ["Bola"]
    assert names(format="easy_read") == ["Alice"]
    assert names(access_need="step_free") == ["Bola"]
    assert names(availability="evenings") == ["Alice"]
    assert names(recognition="payment") == ["Bola"]
    assert names(meeting_mode="online") == ["Alice", "Bola"]  # "both" can meet online
    assert names(meeting_mode="in_person") == ["Bola"]
    assert names(q="home care") == ["Alice"]


def test_fair_spread_puts_the_least_involved_first_and_counts_activities(db):
    busy, rested, new = (make_user(f"{n}@test.example", n) for n in ("Busy", "Rested", "New"))
    for person in (busy, rested, new):
        bank_member(person)
    _involve(busy, "project:1", 10)
    _involve(busy, "project:2", 20)
    _involve(busy, "project:2", 25)  # a second meeting of the same project counts once
    _involve(rested, "event:1", 500)  # before the fair-spread period
    results = list(people_bank_search(sort="fair"))
    assert [p.name for p in results] == ["New", "Rested", "Busy"]
    assert {p.name: p.recent_involvements for p in results} == {"New": 0, "Rested": 0,
                                                                 "Busy": 2}
    assert [p.name for p in people_bank_search(not_recently_involved=True)] == ["New",
                                                                              "Rested"]


def _many_members(count, topics, areas):
    for i in range(count):
        person = User.objects.create_user(email=f"p{i}@test.example", name=f"P{i:03d}")
        bank_member(person, topics=list(topics.values())[: 1 + i % 3],
                    areas=[areas["Carrow"]])
        if i % 4 == 0:
            _involve(person, f"project:{i}", 30)


def test_search_page_query_count_does_not_grow(client_for, staff, topics, areas,
                                               django_assert_max_num_queries):
    client = client_for(staff)
    _many_members(30, topics, areas)
    # Session, user, second factor check, count, page of people, topics, areas, the
    # search form's topic and area lists, and the panels that are not on this page: ~12.
    with django_assert_max_num_queries(14) as small:
        assert client.get("/people-bank/?sort=fair").status_code == 200
    for i in range(30, 300):
        person = User.objects.create_user(email=f"p{i}@test.example", name=f"P{i:03d}")
        bank_member(person, topics=[topics["Autism"]], areas=[areas["Fenwick"]])
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get("/people-bank/?sort=fair")
    assert "300 people found" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    print(f"people bank search: {len(large.captured_queries)} queries for 30 and 300 people")


def test_staff_invite_ticked_people_and_the_member_answers(client_for, staff, topics, areas,
                                                          fake_target,
                                                          django_capture_on_commit_callbacks):
    yes = make_user("yes@test.example", "Yemi")
    gone = make_user("gone@test.example", "Gwen")
    bank_member(yes)
    bank_member(gone)
    consent_withdraw(person=gone)
    # First staff see how each person will be asked; nothing is sent yet.
    confirm = client_for(staff).post("/people-bank/?sort=name", {
        "action": "invite", "target": fake_target.key, "people": [yes.pk, gone.pk]})
    page = confirm.content.decode()
    assert confirm.status_code == 200 and not Invitation.objects.exists()
    assert "Invite 1 person to Carers strategy group" in page
    assert "1 of the people you ticked is left out" in page
    assert [("Email", 1)] == confirm.context["preview"]["counts"]
    assert "We think you could help with Carers strategy group." in page  # the email
    assert f'name="people" value="{yes.pk}"' in page and f'value="{gone.pk}"' not in page
    assert 'action="/people-bank/?sort=name"' in page
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post("/people-bank/", {
            "action": "invite", "target": fake_target.key, "people": [yes.pk], "send": "1"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.person == yes and invitation.target_kind == "testkind"
    assert invitation.target_title == "Carers strategy group" and invitation.sent_by == staff
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["yes@test.example"]
    assert f"/invitations/{invitation.pk}/" in mail.outbox[0].body

    # Inviting again to the same thing sends nothing new.
    client_for(staff).post("/people-bank/", {"action": "invite", "target": fake_target.key,
                                             "people": [yes.pk], "send": "1"})
    assert Invitation.objects.count() == 1

    # Only the invited person may answer.
    assert client_for(gone).get(f"/invitations/{invitation.pk}/").status_code == 404
    member_client = client_for(yes)
    assert fake_target.title in member_client.get("/dashboard/").content.decode()
    response = member_client.post(f"/invitations/{invitation.pk}/", {"answer": "not_now"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "not_now" and invitation.answered_at
    assert ANSWERS == [invitation], "the target's room was not told of the answer"


def test_export_is_staff_only_formula_safe_and_recorded(client_for, staff, people):
    person = make_user("x@test.example", "=HYPERLINK(evil)")
    bank_member(person, phone="01632 960001")
    response = client_for(staff).post("/people-bank/", {"action": "export",
                                                        "people": [person.pk]})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(evil)" and rows[1][2] == "01632 960001"
    record = StaffAccess.objects.get()
    assert (record.actor, record.action, record.count) == (staff, "exported", 1)
    assert client_for(people.member).post("/people-bank/", {
        "action": "export", "people": [person.pk]}).status_code == 403


def test_viewing_a_full_profile_is_recorded_and_never_shows_equality(client_for, staff,
                                                                   member):
    from people.models import EqualityAnswers
    from people.services import equality_save

    bank_member(member, help_with="Transport")
    equality_save(person=member, answers={field: choices[0][0] for field, (_q, choices)
                                          in EqualityAnswers.QUESTIONS.items()})
    html = client_for(staff).get(f"/people-bank/{member.pk}/").content.decode()
    assert "Transport" in html
    for question, _choices in EqualityAnswers.QUESTIONS.values():
        assert question not in html
    assert "16 to 24" not in html
    assert StaffAccess.objects.filter(actor=staff, action="viewed_profile",
                                      subject=member).count() == 1


def test_staff_add_someone_from_a_phone_call(client_for, staff, topics, areas):
    response = client_for(staff).post("/people-bank/new/", {
        "name": "Pat Phone", "email": "", "method": "phone", "agreed": "on",
        "preferred_channel": "phone", "phone": "01632 960002", "meeting_mode": "in_person",
        "recognition": "expenses_only", "topics": [topics["Carers"].pk],
        "areas": [areas["Fenwick"].pk], "lived_experience": ["carer"],
        "access_needs": ["quiet_room"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    person = User.objects.get(name="Pat Phone")
    profile = MemberProfile.objects.get(user=person)
    assert profile.created_by == staff and profile.unpaid_carer
    assert profile.access_needs == ["quiet_room"]
    consent = Consent.objects.get(person=person)
    assert (consent.method, consent.recorded_by) == ("phone", staff)
    assert StaffAccess.objects.filter(action="created_profile", subject=person).exists()
    assert not person.has_usable_password()


def test_the_full_profile_opens_only_for_people_in_the_people_bank(client_for, staff, member,
                                                                   people):
    from people.services import consent_withdraw

    bank_member(member, help_with="Transport")
    page = f"/people-bank/{member.pk}/"
    assert client_for(staff).get(page).status_code == 200
    consent_withdraw(person=member)  # left the people bank
    assert client_for(staff).get(page).status_code == 404
    # Accounts that were never in the people bank, such as the admin's, do not open either.
    assert client_for(staff).get(f"/people-bank/{people.admin.pk}/").status_code == 404
    assert not StaffAccess.objects.filter(subject=people.admin).exists()
