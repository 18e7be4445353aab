"""The learning room's part of "download my data" and of deleting an account."""

from learning.models import Booking, Completion, Post, Report
from people.selectors import access_need_labels


def data_for_person(person) -> list[dict]:
    rows = []
    for booking in Booking.objects.filter(person=person).select_related("session__course"):
        rows.append({"record": "Course booking", "course": booking.session.course.title,
                     "status": booking.get_status_display(),
                     "what you need to take part": booking.access_needs,
                     "what helps you take part": access_need_labels(booking.needs),
                     "date": booking.session.starts_at})
    for completion in Completion.objects.filter(person=person).select_related("course"):
        rows.append({"record": "Course completed", "course": completion.course.title,
                     "how it was recorded": completion.get_source_display(),
                     "date": completion.completed_on})
    for post in Post.objects.filter(author=person).select_related("topic"):
        rows.append({"record": "Forum post", "topic": post.topic.title, "text": post.body,
                     "date": post.created_at})
    return rows


def erase(person) -> None:
    """What a person wrote goes; that they came to a course stays (co-trainer payments and
    counts need it) without their words."""
    Booking.objects.filter(person=person).update(access_needs="", needs=[])
    Post.objects.filter(author=person).update(body="(removed)")
    Report.objects.filter(reported_by=person).update(reason="(removed)")
