from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from people.models import GRANTABLE_ROLES, Recognition, Role, User


def people_for_role_admin(*, q: str = "", role: str = ""):
    people = User.objects.order_by("email")
    if q:
        people = people.filter(Q(email__icontains=q) | Q(name__icontains=q))
    if role:
        people = people.filter(**{GRANTABLE_ROLES[Role(role)]: True})
    return people


def access_needs_text(person) -> str:
    """A plain-English summary of what `person` needs to take part, to pre-fill the access
    needs box when they join a project or register for an event ("" if we do not know)."""
    profile = getattr(person, "profile", None)
    return profile.access_needs_summary() if profile is not None else ""


def recognition_preference(person) -> str:
    """How `person` wants to be recognised (a people.models.Recognition value)."""
    profile = getattr(person, "profile", None)
    return getattr(profile, "recognition", "") or Recognition.PAYMENT


def with_recent_involvement_count(people, *, months: int | None = None):
    """Annotates `recent_involvements`: how many different projects and events each person
    took part in over the last `months` (the fair-spread period), counted in the database."""
    months = months or settings.FAIR_SPREAD_MONTHS
    since = timezone.now() - timedelta(days=round(months * 30.44))
    return people.annotate(recent_involvements=Count(
        "involvements__activity_key",
        filter=Q(involvements__starts_at__gte=since),
        distinct=True,
    ))
