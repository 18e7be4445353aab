"""The messages room's URLs: the outbox, one message, a letter's PDF, the people to phone, one
call, and GOV.UK Notify's delivery receipts (POST only, no session: a bearer token)."""

from messaging.models import CallAttempt, Delivery
from people.models import Notification
from tests.site_rules.rules import NOT_ALLOWED, FormCheck, everyone, only

RULES = {
    "messaging:outbox": only("staff", "admin"),
    "messaging:delivery": only("staff", "admin", kwargs=lambda w: {"pk": w.letter.pk}),
    "messaging:letter_pdf": only("staff", "admin", kwargs=lambda w: {"pk": w.letter.pk}),
    "messaging:phone_list": only("staff"),
    "messaging:call": only("staff", kwargs=lambda w: {"pk": w.call.pk}),
    "messaging:notify_callback": everyone(NOT_ALLOWED),
}

FORM_CHECKS = [
    FormCheck(url="messaging:call", role="staff", kwargs=lambda w: {"pk": w.call.pk},
              data={"outcome": "", "note": "Left a voicemail"}, unchanged=(CallAttempt,),
              errors=("Say whether you reached them",)),
]


def build(world):
    member = world.people.member
    note = Notification.objects.create(person=member, subject="You have a place",
                                       body="See you on Monday at 10am.", url="/projects/",
                                       channel=Notification.Channel.POST)
    world.letter = Delivery.objects.create(
        notification=note, channel=Notification.Channel.POST, subject=note.subject,
        to="1 High Street\nNorthtown\nNT1 1AA", text=note.body,
        status=Delivery.Status.OUTBOX)
    world.call = Delivery.objects.create(
        notification=note, channel=Notification.Channel.PHONE, subject=note.subject,
        to="01632 960001", text="Tell them: see you on Monday at 10am.",
        status=Delivery.Status.TO_PHONE)
