"""One access helper per object type, the one convention in every room: `<entity>_for_user(user,
pk)` fetches the object with what its pages need, checks the room's rule, and answers 404
(never saying whether something exists that the person may not see). Every view calls these."""

from django.http import Http404

from listening import rules
from listening.models import Commitment, Event, Report


def event_for_user(user, pk, *, rule=rules.can_see_event) -> Event:
    """The event, if this user may see it (unpublished events are for staff and co-hosts
    only), or pass `rule` (e.g. rules.can_run_event) for the pages that run it."""
    event = Event.objects.select_related("kind", "host", "project").filter(pk=pk).first()
    if event is None or not rule(user, event):
        raise Http404
    return event


def commitment_for_user(user, pk) -> Commitment:
    """Commitments are public ("You said, we did"): anyone may see any of them."""
    commitment = (Commitment.objects.select_related("owner", "event", "topic", "area")
                  .filter(pk=pk).first())
    if commitment is None:
        raise Http404
    return commitment


def report_for_user(user, pk) -> Report:
    """A "You said, we did" report, if this user may read it."""
    report = Report.objects.select_related("requested_by").filter(pk=pk).first()
    if report is None or not rules.can_read_report(user, report):
        raise Http404
    return report
