"""Who may do what with listening events, feedback and commitments (object level). Whole
pages are guarded with coproduction.roles.role_required."""

from django.shortcuts import get_object_or_404

from coproduction.roles import Role, has_role
from listening.models import Commitment, Event, Registration


def can_run_events(user) -> bool:
    return has_role(user, Role.STAFF)


def can_see_event(user, event: Event) -> bool:
    return event.is_published or can_run_events(user)


def can_cancel_registration(user, registration: Registration) -> bool:
    return (user.is_authenticated and registration.person_id == user.pk
            and registration.status != Registration.Status.CANCELLED)


def event_for_user(user, pk) -> Event:
    """The event, if this user may see it (unpublished events are for staff only); else 404."""
    event = get_object_or_404(Event.objects.select_related("kind", "host", "project"), pk=pk)
    if not can_see_event(user, event):
        from django.http import Http404

        raise Http404
    return event


def commitment_for_user(user, pk) -> Commitment:
    """Commitments are public ("You said, we did"); the helper keeps the loading in one place."""
    return get_object_or_404(
        Commitment.objects.select_related("owner", "event", "topic", "area"), pk=pk)


def can_make_reports(user) -> bool:
    return can_run_events(user)


def report_for_user(user, pk):
    """A "You said, we did" report: anyone may read a published one; staff and Our Voice
    members may read any (Our Voice are told of the quarterly report before it is
    published); else 404."""
    from django.http import Http404

    from listening.models import Report

    report = get_object_or_404(Report.objects.select_related("requested_by"), pk=pk)
    if report.is_published and report.status == Report.Status.DONE:
        return report
    if has_role(user, Role.STAFF) or has_role(user, Role.OUR_VOICE):
        return report
    raise Http404
