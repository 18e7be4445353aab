"""The projects room's panels on the role home pages."""

from coproduction.panels import Panel
from projects import selectors


def member(user):
    mine = selectors.my_projects(user)
    return [Panel("My projects", "projects/panels/member.html", {
        "memberships": [m for m in mine["memberships"] if m.active],
        "interests": mine["interests"], "sessions": mine["sessions"][:3],
        "feedback_requests": mine["feedback_requests"]}, order=20)]


def member_profile(person):
    """On a member's profile, seen by them or by staff (whose link acts for them)."""
    mine = selectors.my_projects(person)
    return [Panel("Projects", "projects/panels/member_profile.html", {
        "memberships": [m for m in mine["memberships"] if m.active],
        "interests": mine["interests"], "person": person}, order=20)]


def staff(user):
    queue = list(selectors.review_queue())
    return [Panel("Projects I lead", "projects/panels/staff.html", {
        "projects": list(selectors.projects_led_by(user)), "in_review": len(queue)}, order=20)]


def our_voice(user):
    queue = list(selectors.review_queue())
    return [Panel("Plans to review", "projects/panels/our_voice.html",
                  {"projects": queue[:5], "count": len(queue)}, order=10)]
