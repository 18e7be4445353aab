"""The learning room's panels on the role home pages."""

from coproduction.panels import Panel
from learning import selectors


def member(user):
    mine = selectors.my_learning(user)
    return [Panel("My learning", "learning/panels/member.html", {
        "bookings": mine["bookings"][:3], "completions": len(mine["completions"])}, order=40)]


def member_profile(person):
    """On a member's profile, seen by them or by staff (whose link books for them)."""
    return [Panel("Training", "learning/panels/member_profile.html", {
        "bookings": selectors.upcoming_bookings(person), "person": person}, order=40)]


def staff(user):
    return [Panel("Learning together", "learning/panels/staff.html", {}, order=60)]
