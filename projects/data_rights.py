"""The projects room's part of "download my data" and of deleting an account."""

from people.selectors import access_need_labels
from projects.models import AssuranceComment, CalendarFeed, Evaluation, Interest, Membership


def data_for_person(person) -> list[dict]:
    rows = []
    for interest in Interest.objects.filter(person=person).select_related("project"):
        rows.append({"project": interest.project.title, "record": "Expression of interest",
                     "status": interest.get_state_display(),
                     "what you would bring": interest.what_i_bring,
                     "what you need to take part": interest.access_needs,
                     "what helps you take part": access_need_labels(interest.needs),
                     "date": interest.created_at})
    for membership in Membership.objects.filter(person=person).select_related("project"):
        rows.append({"project": membership.project.title,
                     "record": membership.get_role_display(),
                     "status": "Left" if membership.left_at else "Taking part",
                     "what you need to take part": membership.access_needs,
                     "what helps you take part": access_need_labels(membership.needs),
                     "date": membership.joined_at})
    for evaluation in Evaluation.objects.filter(person=person).select_related("project"):
        rows.append({"project": evaluation.project.title, "record": "Your feedback",
                     "comment": evaluation.comment, "date": evaluation.submitted_at})
    return rows


def erase(person) -> None:
    """Free text a person wrote about themselves goes; counts and attendance (needed for
    payments) stay without it."""
    Interest.objects.filter(person=person).update(what_i_bring="", access_needs="", needs=[])
    Membership.objects.filter(person=person).update(access_needs="", needs=[])
    Evaluation.objects.filter(person=person).update(comment="")
    AssuranceComment.objects.filter(author=person).update(body="(removed)")
    CalendarFeed.objects.filter(person=person).delete()
