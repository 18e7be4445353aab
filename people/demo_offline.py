"""Demo people who do not use email: added by staff from a phone call or a paper form, who
prefer a phone call or a letter, and what staff did for them through the members' own services
(a booking, a project place, an invitation answered, a claim, their profile changed). Runs
after every room's demo (coproduction's seed_demo), since it books their events and projects.
Keyed by name (they have no email address): running it again changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from people import invitations
from people.models import (
    AccessNeed,
    Consent,
    Format,
    Involvement,
    MeetingMode,
    MemberProfile,
    Notification,
    Recognition,
    User,
)
from people.services import (
    invitation_answer,
    invitations_send,
    involvement_record,
    member_create_on_behalf,
    profile_save,
)

# (name, channel, phone, address, formats, access needs, how they agreed, what they were told)
OFFLINE_PEOPLE = [
    ("Doreen Whitlock", Notification.Channel.PHONE, "01632 960418",
     "14 Mill Lane\nBrookfield", [Format.LARGE_PRINT], [AccessNeed.HEARING_LOOP,
                                                        AccessNeed.STEP_FREE],
     Consent.Method.PHONE, "The privacy notice, read aloud in full over the phone. She asked "
                           "who would see her phone number."),
    ("Arthur Penhaligon", Notification.Channel.POST, "",
     "3 Church Street\nCarrow", [Format.EASY_READ, Format.LARGE_PRINT], [AccessNeed.BREAKS],
     Consent.Method.PAPER, "The easy-read privacy notice, posted with the paper form; he "
                           "signed and returned it."),
    ("Maureen Okafor", Notification.Channel.PHONE, "01632 960733",
     "Flat 2, 40 Park Road\nDunmere", [], [AccessNeed.CARER, AccessNeed.QUIET_ROOM],
     Consent.Method.PHONE, "The privacy notice, read aloud; her daughter was on the call."),
]


def seed(*, stdout):
    staff = User.objects.filter(email="staff@example.org").first()
    if staff is None:
        return
    made = []
    for name, channel, phone, address, formats, needs, method, told in OFFLINE_PEOPLE:
        if User.objects.filter(name=name, email="").exists():
            continue
        person = member_create_on_behalf(
            created_by=staff, email="", name=name, method=method, what_they_were_told=told,
            profile_fields={"preferred_channel": channel, "phone": phone, "address": address,
                            "formats": formats, "access_needs": needs,
                            "meeting_mode": MeetingMode.IN_PERSON,
                            "recognition": Recognition.PAYMENT,
                            "contact_times": "Weekday mornings"})
        made.append(person)
    if made:
        _things_staff_did(staff, {person.name: person for person in made})
    offline = User.objects.filter(email="", anonymised_at=None).count()
    stdout.write(f"People with no email address (staff act for them): {offline}.")


def _things_staff_did(staff, people):
    from listening.models import Event
    from listening.services import places_left, registration_create
    from payments.calculation import ClaimValues, ExpenseEntry
    from payments.models import ActivityType, ExpenseType
    from payments.services import claim_create
    from projects.models import Project, Status
    from projects.services import interest_express_for

    doreen = people.get("Doreen Whitlock")
    arthur = people.get("Arthur Penhaligon")
    maureen = people.get("Maureen Okafor")
    if doreen:
        # Booked by phone onto the next event with a free place.
        for event in Event.objects.published().filter(
                starts_at__gt=timezone.now()).order_by("starts_at"):
            if places_left(event) != 0:
                registration_create(event=event, person=doreen, booked_by=staff,
                                    access_needs=doreen.profile.access_needs_summary())
                break
        # Her interest in a project, and a place on it if one is free.
        project = Project.objects.filter(status=Status.RECRUITING).order_by("pk").first()
        if project is not None:
            try:
                interest_express_for(project=project, person=doreen, recorded_by=staff,
                                     give_place=True, what_i_bring="I cared for my husband "
                                     "for nine years before he went into a care home.",
                                     access_needs=doreen.profile.access_needs_summary())
            except ValidationError:
                interest_express_for(project=project, person=doreen, recorded_by=staff,
                                     what_i_bring="I cared for my husband for nine years.",
                                     access_needs=doreen.profile.access_needs_summary())
    if arthur:
        # He wrote back: large print as well as easy read, and he needs regular breaks.
        profile = MemberProfile.objects.get(user=arthur)
        profile.access_needs_other = "Please send papers a week before, in large print."
        profile_save(profile=profile, changed_by=staff, what="their access needs")
        targets = invitations.open_targets()
        if targets:
            invitations_send(sent_by=staff, people=[arthur], target=targets[0])
            invitation = arthur.invitations.first()
            if invitation is not None:
                invitation_answer(invitation=invitation, answer="yes", answered_by=staff)
    if maureen:
        # She came to a carers' forum and phoned about her expenses: staff made the claim.
        involvement = involvement_record(
            person=maureen, kind=Involvement.Kind.OTHER, activity_key="other:offline-demo",
            activity_title="Carers' forum", title="Carers' forum meeting",
            starts_at=timezone.now() - timedelta(days=12), hours=Decimal("2"),
            source=f"people.demo_offline:{maureen.pk}")
        meeting = ActivityType.objects.filter(name="Meeting").first()
        mileage = ExpenseType.objects.filter(name="Mileage").first()
        if meeting is not None and mileage is not None:
            claim_create(involvement=involvement, made_by=staff, submit=True,
                         values=ClaimValues(
                             activity_type=meeting, hours=Decimal("2"),
                             expenses=[ExpenseEntry(expense_type=mileage, miles=Decimal("6"),
                                                    details="Her son drove her there and "
                                                            "back")]))
