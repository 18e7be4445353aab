"""Seeds tests/site_privacy.py's canaries into the world's member's most private data (and one
forum post by Our Voice), so that the whole-site run can count where they appear."""

from django.db import models

from learning.models import Post
from payments.models import Claim, PayeeDetails
from people.models import EqualityAnswers, MemberProfile
from tests.site_privacy import CANARIES

RULES = {}


def _value(kind):
    return CANARIES[kind][0]


def build(world):
    member = world.people.member
    # An answer no form offers: whatever shows one person's answer shows this.
    EqualityAnswers.objects.update_or_create(person=member, defaults={
        "notice_version": "1", **{field: _value("equality answer")
                                  for field in EqualityAnswers.QUESTIONS}})
    access = _value("access needs")
    MemberProfile.objects.filter(user=member).update(access_needs_other=access)
    # Every "what you need to take part" the member gave: bookings, registrations, interests,
    # memberships.
    from django.apps import apps

    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if "access_needs" in names and "person" in names and isinstance(
                model._meta.get_field("access_needs"), models.TextField):
            model.objects.filter(person=member).update(access_needs=access)
    PayeeDetails.objects.update_or_create(person=member, defaults={
        "reference": _value("payee reference"), "set_by": world.people.finance})
    notes = _value("claim notes")
    for claim in Claim.objects.filter(person=member):
        claim.notes = notes
        claim.answers = {**claim.answers, "notes": notes}
        claim.save(update_fields=["notes", "answers"])
    reply = world.learning["reply"]
    Post.objects.filter(pk=reply.pk).update(body=f"{reply.body} {_value('forum post')}")
