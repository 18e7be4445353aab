"""One access helper per object type (`<entity>_for_user(user, pk)`): fetch with what the
page needs, check learning.rules, and answer 404 for anything the person may not see."""

from django.http import Http404

from learning import rules
from learning.models import Booking, Completion, Course, CourseSession, Post, Topic, Trainer


def course_for_user(user, pk, *, rule=rules.can_see_course) -> Course:
    course = Course.objects.filter(pk=pk).first()
    if course is None or not rule(user, course):
        raise Http404
    return course


def session_for_user(user, pk, *, run=False) -> CourseSession:
    session = CourseSession.objects.select_related("course").filter(pk=pk).first()
    if session is None or not rules.can_see_course(user, session.course):
        raise Http404
    if run and not rules.can_run_courses(user):
        raise Http404
    return session


def booking_for_user(user, pk) -> Booking:
    """The person's own booking, or any booking for staff who run courses."""
    booking = (Booking.objects.select_related("session__course", "person")
               .filter(pk=pk).first())
    if booking is None or not (booking.person_id == user.pk or rules.can_run_courses(user)):
        raise Http404
    return booking


def trainer_for_user(user, pk) -> Trainer:
    trainer = Trainer.objects.select_related("session").filter(pk=pk).first()
    if trainer is None or not rules.can_run_courses(user):
        raise Http404
    return trainer


def completion_for_user(user, pk) -> Completion:
    """Only the person's own certificate."""
    completion = (Completion.objects.select_related("course", "session", "person",
                                                    "person__profile")
                  .filter(pk=pk).first())
    if completion is None or completion.person_id != user.pk:
        raise Http404
    return completion


def topic_for_user(user, pk) -> Topic:
    topic = Topic.objects.select_related("theme", "author").filter(pk=pk).first()
    if topic is None or not rules.can_use_forum(user):
        raise Http404
    return topic  # a hidden topic still opens, saying it was hidden and why


def post_for_user(user, pk) -> Post:
    post = Post.objects.select_related("topic", "author").filter(pk=pk).first()
    if post is None or not rules.can_use_forum(user):
        raise Http404
    return post


def project_for_checklist(user, pk, *, rule=rules.can_see_checklist):
    from projects.models import Project

    project = Project.objects.select_related("staff_co_chair").filter(pk=pk).first()
    if project is None or not rule(user, project):
        raise Http404
    return project
