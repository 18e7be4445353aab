"""A member builds their profile one question at a time, joins the bank, and manages it."""

from people.models import Consent, EqualityAnswers, Invitation, MemberProfile, TrainingRecord
from people.selectors import access_needs_text, recognition_preference
from people.services import preferred_channel
from tests.people.conftest import bank_member


def test_profile_steps_build_a_profile_then_ask_for_consent(client_for, member, topics, areas):
    client = client_for(member)
    assert client.get("/profile/").status_code == 200
    assert not MemberProfile.objects.filter(user=member).exists(), "a GET saved something"
    steps = [
        ("about-you", {"name": "Mo"}),
        ("contact", {"preferred_channel": "text", "phone": "07700 900982",
                     "contact_times": "Mornings"}),
        ("formats", {"formats": ["large_print", "interpreter"],
                     "interpreter_language": "Polish"}),
        ("access", {"access_needs": ["step_free", "breaks"], "access_needs_other": "I tire."}),
        ("experience", {"lived_experience": ["carer"], "topics": [topics["Dementia"].pk],
                        "help_with": "Respite"}),
        ("areas", {"areas": [areas["Carrow"].pk], "meeting_mode": "online",
                   "availability": ["evenings"]}),
        ("recognition", {"recognition": "vouchers"}),
    ]
    for position, (step, data) in enumerate(steps):
        response = client.post(f"/profile/{step}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        expected = f"/profile/{steps[position + 1][0]}/" if position + 1 < len(steps) \
            else "/profile/consent/"
        assert response["Location"] == expected
    assert client.post("/profile/consent/", {"agree": "on"}).status_code == 302

    member.refresh_from_db()
    profile = MemberProfile.objects.get(user=member)
    assert member.name == "Mo"
    assert profile.formats == ["large_print", "interpreter"]
    assert profile.unpaid_carer and not profile.draws_on_care
    assert list(profile.topics.all()) == [topics["Dementia"]]
    assert profile.availability == ["evenings"]
    consent = Consent.objects.get(person=member)
    assert consent.method == "online" and consent.notice_version and consent.withdrawn_at is None
    # The interfaces other rooms read.
    assert preferred_channel(member) == "text"
    assert recognition_preference(member) == "vouchers"
    assert access_needs_text(member) == (
        "Needs: step-free access, regular breaks. "
        "Formats: large print, an interpreter (Polish). Also: I tire.")
    page = client.get("/profile/").content.decode()
    assert "In the people bank" in page and "Polish" in page


def test_after_joining_a_change_returns_to_the_profile(client_for, member):
    bank_member(member)
    response = client_for(member).post("/profile/recognition/", {"recognition": "nothing"})
    assert response["Location"] == "/profile/"


def test_post_needs_an_address(client_for, member):
    response = client_for(member).post("/profile/contact/", {"preferred_channel": "post"})
    assert response.status_code == 200
    assert "Enter a postal address" in response.content.decode()
    assert not MemberProfile.objects.exists()


def test_withdrawing_consent_withdraws_pending_invitations(client_for, member, staff):
    bank_member(member)
    pending = Invitation.objects.create(person=member, target_kind="project", target_id=1,
                                        target_title="A", target_url="/", sent_by=staff)
    answered = Invitation.objects.create(person=member, target_kind="project", target_id=2,
                                         target_title="B", target_url="/", sent_by=staff,
                                         status="yes")
    response = client_for(member).post("/profile/consent/withdraw/")
    assert response.status_code == 302
    pending.refresh_from_db()
    answered.refresh_from_db()
    assert pending.status == "withdrawn" and answered.status == "yes"
    assert Consent.objects.get(person=member).withdrawn_at is not None
    # A withdrawn invitation cannot be answered any more.
    client_for(member).post(f"/invitations/{pending.pk}/", {"answer": "yes"})
    pending.refresh_from_db()
    assert pending.status == "withdrawn"


def test_equality_answers_need_their_own_consent_and_can_be_deleted(client_for, member):
    answers = {field: "prefer_not" for field in EqualityAnswers.QUESTIONS}
    client = client_for(member)
    assert client.post("/profile/equality/", answers).status_code == 200
    assert not EqualityAnswers.objects.exists()
    assert client.post("/profile/equality/", {**answers, "agree": "on"}).status_code == 302
    assert EqualityAnswers.objects.get(person=member).consented_at
    assert client.get("/profile/equality/remove/").status_code == 405
    client.post("/profile/equality/remove/")
    assert not EqualityAnswers.objects.exists()


def test_member_adds_training(client_for, member):
    response = client_for(member).post("/profile/training/add/", {
        "title": "Co-production basics", "provider": "Council", "attended_on": "3/3/2026"})
    assert response.status_code == 302
    record = TrainingRecord.objects.get(person=member)
    assert str(record.attended_on) == "2026-03-03"


def test_the_lived_experience_page_asks_its_main_question_first(member):
    from tests.site_checks import client_as

    html = client_as(member).get("/profile/experience/").content.decode()
    first = html.index("Your lived experience", html.index("<form"))
    assert first < html.index("What do you know about?") < html.index(
        "What would you like to help with?")
