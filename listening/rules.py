"""Who may do what with listening events, feedback and commitments (object level). Whole
pages are guarded with coproduction.roles.role_required."""

from coproduction.roles import Role, has_role
from listening.models import Event, Registration
from stories.rules import co_hosts_event


def can_run_events(user) -> bool:
    """Staff make events, and run any of them."""
    return has_role(user, Role.STAFF)


def can_run_event(user, event: Event) -> bool:
    """Registrations and attendance, walk-ins, the sign-in sheet, "what we heard" and the
    guests to contact: staff, and the staff of a partner organisation that co-hosts the event
    (stories.Partner). Changing the event's details stays with staff."""
    return can_run_events(user) or co_hosts_event(user, event)


def can_see_event(user, event: Event) -> bool:
    return event.is_published or can_run_event(user, event)


def can_cancel_registration(user, registration: Registration) -> bool:
    return (user.is_authenticated and registration.person_id == user.pk
            and registration.status != Registration.Status.CANCELLED)


def can_make_reports(user) -> bool:
    return can_run_events(user)


def can_read_report(user, report) -> bool:
    """Anyone may read a published report; staff and Our Voice members may read any (Our
    Voice are told of the quarterly report before it is published)."""
    if report.is_published and report.status == report.Status.DONE:
        return True
    return has_role(user, Role.STAFF) or has_role(user, Role.OUR_VOICE)
