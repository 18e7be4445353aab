"""The people room's panels on the role home pages (see coproduction.panels)."""

from django.conf import settings

from coproduction.panels import Panel
from people import selectors
from people.models import Consent, MemberProfile


def member(user):
    return [Panel("Your profile and the people bank", "people/panels/member.html", {
        "has_profile": MemberProfile.objects.filter(user=user).exists(),
        "in_bank": Consent.objects.filter(person=user, withdrawn_at=None).exists(),
        "invitations": selectors.invitations_waiting(user),
    }, order=10)]


def staff(user):
    waiting, waiting_count = selectors.retention_waiting_offline()
    return [
        Panel("The people bank", "people/panels/staff.html", {
            **selectors.people_bank_counts(),
            "months": settings.FAIR_SPREAD_MONTHS,
            "retention_waiting": waiting, "retention_waiting_count": waiting_count,
        }, order=10),
        _equality_panel(),
    ]


def our_voice(user):
    return [_equality_panel()]


def _equality_panel():
    """A short panel: how many answered, and a link to the full totals on their own page."""
    totals = selectors.kept_for_staff("equality-counts", selectors.equality_counts)
    return Panel("Who is in the people bank", "people/panels/equality.html",
                 {"total": totals["total"], "too_few": totals["too_few"],
                  "threshold": totals["threshold"]}, order=80)


def admin(user):
    return [Panel("People and privacy", "people/panels/admin.html", {}, order=10)]
