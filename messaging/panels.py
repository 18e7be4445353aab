"""The messages room's panels (see coproduction.panels): staff and admin homes, and a
person's page in the people bank."""

from coproduction.panels import Panel
from messaging import selectors
from messaging.models import Delivery


def staff(user):
    return [Panel("Messages", "messaging/panels/staff.html", {
        "to_phone": Delivery.objects.filter(status__in=Delivery.FOR_STAFF).count(),
        "failed": Delivery.objects.filter(status=Delivery.Status.PERMANENT_FAILURE).count(),
    }, order=20)]


def admin(user):
    return [Panel("Messages", "messaging/panels/admin.html", {}, order=30)]


def staff_person(person):
    """On a person's page for staff: messages that could not be delivered, and the latest."""
    return [Panel("Messages to this person", "messaging/panels/person.html", {
        "failures": selectors.failures_for(person), "recent": selectors.recent_for(person),
    }, order=60)]
