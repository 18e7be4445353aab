from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from people.models import (
    Area,
    Consent,
    DataExport,
    EqualityAnswers,
    Invitation,
    MemberProfile,
    RoleChange,
    StaffAccess,
    Topic,
    TrainingRecord,
    User,
)
from people.services import consent_give
from tests.site_rules.rules import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    FormCheck,
    Rule,
    everyone,
    only,
    signed_in,
)

RULES = {
    # Setting up a first authenticator app after an email check: the role users here already
    # have one, so they are sent to manage it; members have nothing to set up.
    "people:second_factor_setup": only("staff", "finance", "admin", status=REDIRECT),
    "people:second_factor_setup_code": only("staff", "finance", "admin", status=REDIRECT),
    "people:role_list": only("admin"),
    "people:role_changes": only("admin"),
    "people:role_edit": only("admin", kwargs=lambda w: {"pk": w.people.member.pk}),
    "people:access_log": only("admin"),
    # A member's own profile and data: every signed-in person is a member.
    "people:profile": signed_in(),
    "people:profile_step": signed_in(kwargs=lambda w: {"step": "contact"}),
    "people:consent": signed_in(),
    "people:consent_withdraw": signed_in(),
    "people:equality": signed_in(),
    "people:equality_remove": everyone(NOT_ALLOWED),
    "people:training_add": signed_in(),
    "people:my_data": signed_in(),
    # "Download my data" as a PDF (asked for on the my_data page): each file is its owner's
    # alone (404 for anyone else, staff and admin included).
    "people:data_export": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                               kwargs=lambda w: {"pk": w.data_export.pk}),
    "people:data_export_download": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                        kwargs=lambda w: {"pk": w.data_export.pk}),
    "people:data_export_try_again": everyone(NOT_ALLOWED,
                                             kwargs=lambda w: {"pk": w.data_export.pk}),
    "people:delete_account": signed_in(),
    "people:stay": signed_in(),
    # Only the invited person sees their invitation; for anyone else it does not exist.
    "people:invitation": Rule(LOGIN, OK, 404, 404, 404, 404,
                              kwargs=lambda w: {"pk": w.invitation.pk}),
    # Staff only: searching, adding people and their full profiles.
    "people:bank_search": only("staff"),
    # Equality answers as totals only, for the staff and Our Voice home pages' panels.
    "people:equality_totals": only("our_voice", "staff"),
    "people:bank_create": only("staff"),
    "people:bank_person": only("staff", kwargs=lambda w: {"pk": w.people.member.pk}),
    # Staff acting for someone who phoned or wrote (offline people are full members).
    "people:bank_person_step": only("staff", kwargs=lambda w: {"pk": w.people.member.pk,
                                                               "step": "access"}),
    # Our Voice's account has no consent yet: the form to record it shows.
    "people:bank_person_consent": only("staff", kwargs=lambda w: {"pk": w.people.our_voice.pk}),
    "people:bank_person_stay": only("staff", kwargs=lambda w: {"pk": w.people.member.pk}),
    "people:bank_person_invitation": only("staff", kwargs=lambda w: {
        "pk": w.people.member.pk, "invitation_pk": w.invitation.pk}),
}
assert FORBIDDEN  # (imported for readers: only() gives it to the other roles)


def build(world):
    topic, _ = Topic.objects.get_or_create(slug="dementia", defaults={"name": "Dementia"})
    area, _ = Area.objects.get_or_create(slug="carrow", defaults={"name": "Carrow"})
    profile = MemberProfile.objects.create(user=world.people.member, phone="01632 960001",
                                           meeting_mode="both", recognition="payment",
                                           access_needs=["step_free"])
    profile.topics.set([topic])
    profile.areas.set([area])
    consent_give(person=world.people.member)
    world.invitation = Invitation.objects.create(
        person=world.people.member, target_kind="project", target_id=1,
        target_title="Carers strategy", target_url="/projects/", sent_by=world.people.staff)
    world.data_export = DataExport.objects.create(
        person=world.people.member, version="large_print", status=DataExport.Status.DONE,
        file=default_storage.save("data-exports/site-world/my-data.pdf",
                                  ContentFile(b"%PDF-1.7 test")), size=13)


FORM_CHECKS = [
    # An admin may not take away their own admin role (nobody could then give it back).
    FormCheck(url="people:role_edit", role="admin", data={"roles": ["staff"]},
              kwargs=lambda w: {"pk": w.people.admin.pk}, unchanged=(RoleChange,), kept=(),
              errors=("You cannot remove your own admin role",)),
    FormCheck(url="people:profile_step", role="our_voice", kwargs=lambda w: {"step": "contact"},
              data={"preferred_channel": "text", "phone": "not a phone",
                    "contact_times": "Mornings"},
              unchanged=(MemberProfile,), errors=("Enter a phone number",)),
    FormCheck(url="people:profile_step", role="our_voice",
              kwargs=lambda w: {"step": "about-you"}, data={"name": ""},
              unchanged=(MemberProfile,), kept=()),
    FormCheck(url="people:profile_step", role="our_voice", kwargs=lambda w: {"step": "formats"},
              data={"formats": ["interpreter"], "formats_other": "Makaton"},
              unchanged=(MemberProfile,), kept=("Makaton",),
              errors=("Tell us which language",)),
    FormCheck(url="people:profile_step", role="our_voice", kwargs=lambda w: {"step": "areas"},
              data={"meeting_mode": ""}, unchanged=(MemberProfile,), kept=(),
              errors=("Choose how you can meet",)),
    FormCheck(url="people:profile_step", role="our_voice",
              kwargs=lambda w: {"step": "recognition"}, data={"recognition": ""},
              unchanged=(MemberProfile,), kept=()),
    FormCheck(url="people:consent", role="our_voice", data={"agree": ""}, kept=(),
              errors=("Tick the box",)),
    FormCheck(url="people:equality", role="member", data={"agree": "", "age_band": "25_34"},
              unchanged=(EqualityAnswers,), kept=()),
    FormCheck(url="people:training_add", role="member",
              data={"title": "First aid", "provider": "Red Cross", "attended_on_0": "31",
                    "attended_on_1": "2", "attended_on_2": "2026"},
              unchanged=(TrainingRecord,), errors=("Enter a real date",)),
    FormCheck(url="people:my_data", role="member",
              data={"document_format": ""}, unchanged=(DataExport,), kept=(),
              errors=("Choose a format",)),
    FormCheck(url="people:delete_account", role="member", data={"confirm": ""}, kept=(),
              errors=("Tick the box to confirm",)),
    FormCheck(url="people:invitation", role="member", kwargs=lambda w: {"pk": w.invitation.pk},
              data={"answer": ""}, kept=(), errors=("Choose yes, no or not now",)),
    FormCheck(url="people:bank_search", role="staff", data={"target": "", "action": "invite"},
              unchanged=(Invitation,), kept=(), errors=("Tick at least one person",)),
    FormCheck(url="people:bank_person_consent", role="staff",
              kwargs=lambda w: {"pk": w.people.our_voice.pk},
              data={"method": "phone", "what_they_were_told": "The notice, read aloud",
                    "given_on_0": "31", "given_on_1": "2", "given_on_2": "2026"},
              unchanged=(Consent,), kept=(),  # a textarea: kept, checked in tests/people
              errors=("Enter a real date", "Confirm they agreed")),
    FormCheck(url="people:bank_person_invitation", role="staff",
              kwargs=lambda w: {"pk": w.people.member.pk, "invitation_pk": w.invitation.pk},
              data={"answer": ""}, kept=(), errors=("Choose yes, no or not now",)),
    FormCheck(url="people:bank_person_step", role="staff",
              kwargs=lambda w: {"pk": w.people.member.pk, "step": "contact"},
              data={"preferred_channel": "post", "address": "", "contact_times": "Mornings"},
              unchanged=(StaffAccess,), errors=("Enter a postal address",)),
    FormCheck(url="people:bank_create", role="staff",
              data={"name": "Pat Paper", "email": "not-an-email", "method": "paper",
                    "preferred_channel": "email"},
              unchanged=(User, MemberProfile), kept=("Pat Paper", "not-an-email")),
]
