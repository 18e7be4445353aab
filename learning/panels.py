"""The learning room's panels on the role home pages."""

from coproduction.panels import Panel
from learning import selectors


def member(user):
    mine = selectors.my_learning(user)
    return [Panel("My learning", "learning/panels/member.html", {
        "bookings": mine["bookings"][:3], "completions": len(mine["completions"])}, order=40)]


def staff(user):
    return [Panel("Learning together", "learning/panels/staff.html", {}, order=60)]
