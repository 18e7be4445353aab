"""The training offer: booking with access needs, the one waiting list, reminders, attendance
that gives a training record and a certificate, co-trainers paid like any involvement,
records typed in from paper, and who has been trained."""

import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import selectors, services
from learning.models import Audience, Booking, Completion, Course, Trainer
from payments.selectors import involvements_to_claim
from people.models import Involvement, MemberProfile, Notification, TrainingRecord
from tests.at_once import postgresql_only, run_at_once
from tests.learning.conftest import make_course, make_session
from tests.site_rules.projects import make_project


def _pdf_text(content):
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


def _book(session, person):
    return services.booking_create(session=session, person=person)


def test_booking_carries_the_persons_access_needs(people, upcoming, client_for):
    MemberProfile.objects.create(user=people.member, access_needs=["step_free", "breaks"],
                                 access_needs_other="I use a wheelchair.")
    client = client_for(people.member)
    page = client.get(reverse("learning:book", args=[upcoming.pk])).content.decode()
    assert "Needs: step-free access, regular breaks. Also: I use a wheelchair." in page
    assert 'value="step_free" checked' in page or 'checked value="step_free"' in page \
        or page.count("checked") >= 2
    response = client.post(reverse("learning:book", args=[upcoming.pk]), {
        "access_needs": "Step-free access and a break every hour", "needs": ["step_free"]})
    assert response.status_code == 302
    booking = Booking.objects.get(session=upcoming, person=people.member)
    assert booking.status == Booking.Status.BOOKED
    assert booking.access_needs == "Step-free access and a break every hour"
    assert booking.needs == ["step_free"]
    told = Notification.objects.get(person=people.member)
    assert told.subject == "You are booked: Being a co-chair"
    assert "Step-free access and a break every hour" in told.body
    assert "BEGIN:VEVENT" in told.calendar and "Being a co-chair" in told.calendar
    # Staff running the course see what each person needs.
    staff_page = client_for(people.staff).get(upcoming.get_absolute_url()).content.decode()
    assert "Step-free access and a break every hour" in staff_page


def test_booking_twice_is_refused_and_saves_nothing(people, upcoming, client_for):
    _book(upcoming, people.member)
    response = client_for(people.member).post(reverse("learning:book", args=[upcoming.pk]),
                                              {"access_needs": ""})
    assert response.status_code == 200
    assert "You have already booked this session" in response.content.decode()
    assert Booking.objects.count() == 1


def test_the_waiting_list_moves_up_in_order_when_someone_cancels(people, course, others):
    session = make_session(course, capacity=1)
    first = _book(session, people.member)
    second = _book(session, others[0])
    third = _book(session, others[1])
    assert [first.status, second.status, third.status] == ["booked", "waiting", "waiting"]
    assert services.places_left(session) == 0
    assert Notification.objects.filter(person=others[0],
                                       subject__startswith="You are on the waiting list").exists()

    moved = services.booking_cancel(booking=first)

    assert [b.pk for b in moved] == [second.pk]
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("booked", "waiting")
    assert Notification.objects.filter(
        person=others[0], subject="A place has come free: you are booked on Being a co-chair"
    ).exists()
    # Nobody new jumps the queue: with someone still waiting, a newcomer waits too.
    services.session_save(session=session)  # no new places
    newcomer = _book(session, others[2])
    assert newcomer.status == "waiting"


def test_more_places_move_the_waiting_people_up(people, course, others):
    session = make_session(course, capacity=1)
    _book(session, people.member)
    waiting = _book(session, others[0])
    session.capacity = 2
    services.session_save(session=session)
    waiting.refresh_from_db()
    assert waiting.status == "booked"


def test_cancelling_through_the_page_frees_the_place(people, course, others, client_for):
    session = make_session(course, capacity=1)
    mine = _book(session, people.member)
    waiting = _book(session, others[0])
    client = client_for(people.member)
    assert client.get(reverse("learning:booking_cancel", args=[mine.pk])).status_code == 200
    client.post(reverse("learning:booking_cancel", args=[mine.pk]))
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == ("cancelled", "booked")
    # Someone else's booking is not found.
    assert client_for(others[1]).get(
        reverse("learning:booking_cancel", args=[waiting.pk])).status_code == 404


def test_members_cannot_see_or_book_a_staff_course(people, client_for):
    course = make_course(title="Starting a co-production project", audience=Audience.STAFF)
    session = make_session(course)
    member = client_for(people.member)
    assert member.get(course.get_absolute_url()).status_code == 404
    assert member.get(reverse("learning:book", args=[session.pk])).status_code == 404
    assert "Starting a co-production" not in member.get(
        reverse("learning:course_list")).content.decode()
    staff = client_for(people.staff)
    assert staff.post(reverse("learning:book", args=[session.pk]), {}).status_code == 302
    assert Booking.objects.get(person=people.staff).status == "booked"


def test_reminders_go_once_to_people_booked(people, course, others):
    tomorrow = make_session(course, days=1)
    _book(tomorrow, people.member)
    services.booking_cancel(booking=_book(tomorrow, others[0]))
    assert services.session_send_reminders(tomorrow.pk) == 1
    assert services.session_send_reminders(tomorrow.pk) == 0
    reminder = Notification.objects.get(person=people.member, subject__startswith="Reminder")
    assert "Carrow Centre" in reminder.body
    assert not Notification.objects.filter(person=others[0],
                                           subject__startswith="Reminder").exists()


def _booked_past(past, *persons):
    for person in persons:
        Booking.objects.create(session=past, person=person)


def test_attendance_gives_a_training_record_and_a_certificate(people, past, others,
                                                              client_for):
    MemberProfile.objects.create(user=people.member)
    _booked_past(past, people.member, others[0])
    staff = client_for(people.staff)
    response = staff.post(reverse("learning:attendance", args=[past.pk]),
                          {"came": [str(people.member.pk)]})
    assert response.status_code == 302
    completion = Completion.objects.get()
    assert (completion.person, completion.source) == (people.member, "attended")
    record = completion.training_record
    assert (record.person, record.title, record.attended_on) == (
        people.member, "Being a co-chair", timezone.localdate(past.starts_at))
    assert not TrainingRecord.objects.filter(person=others[0]).exists()

    member = client_for(people.member)
    # Beside their involvement history on the profile, and on "My learning".
    assert "Being a co-chair" in member.get(reverse("people:profile")).content.decode()
    mine = member.get(reverse("learning:mine")).content.decode()
    certificate_url = reverse("learning:certificate", args=[completion.pk])
    assert certificate_url in mine
    pdf = member.get(certificate_url)
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "Mo Member" in text and "Being a co-chair" in text
    assert "How to plan a meeting" in text
    assert client_for(others[0]).get(certificate_url).status_code == 404

    # Unticking someone takes the course off their record again.
    staff.post(reverse("learning:attendance", args=[past.pk]), {})
    assert not Completion.objects.exists()
    assert not TrainingRecord.objects.exists()


def test_attendance_cannot_be_recorded_before_the_session(people, upcoming, client_for):
    _booked_past(upcoming, people.member)
    response = client_for(people.staff).post(
        reverse("learning:attendance", args=[upcoming.pk]), {"came": [str(people.member.pk)]})
    assert response.status_code == 200
    assert "once the session has started" in response.content.decode()
    assert not Completion.objects.exists()


@pytest.mark.parametrize(("chosen", "words"), [
    ("standard", "This is to certify that"), ("large_print", "This is to certify that"),
    ("easy_read", "You came to our training.")])
def test_the_certificate_comes_in_the_persons_format(people, past, client_for, chosen, words):
    MemberProfile.objects.create(user=people.member,
                                 formats=[] if chosen == "standard" else [chosen])
    _booked_past(past, people.member)
    services.attendance_mark(session=past, came={people.member.pk}, by=people.staff)
    completion = Completion.objects.get()
    client = client_for(people.member)
    response = client.get(reverse("learning:certificate", args=[completion.pk]))
    assert words in _pdf_text(response.content)
    if chosen != "standard":
        assert chosen.replace("_", "-") in response["Content-Disposition"]
    # Anyone can pick another format.
    other = client.get(reverse("learning:certificate", args=[completion.pk]),
                       {"format": "easy_read" if chosen != "easy_read" else "standard"})
    assert _pdf_text(other.content) != _pdf_text(response.content)


def test_lived_experience_co_trainers_can_claim_for_their_time(people, past, client_for):
    _booked_past(past, people.member)
    client_for(people.staff).post(reverse("learning:trainer_add", args=[past.pk]), {
        "email": people.our_voice.email, "kind": "lived_experience", "hours": "4.5"})
    Trainer.objects.create(session=past, person=people.admin, kind=Trainer.Kind.STAFF,
                           hours=Decimal("3"))
    services.attendance_mark(session=past, came={people.member.pk}, by=people.staff)
    involvement = Involvement.objects.get(person=people.our_voice)
    assert involvement.hours == Decimal("4.5")
    assert involvement.activity_title == "Being a co-chair"
    assert involvement.title.startswith("Co-trainer: Being a co-chair on")
    assert list(involvements_to_claim(people.our_voice)) == [involvement]
    # Staff trainers are at work: nothing to claim. Learners are not paid for learning.
    assert Involvement.objects.count() == 1
    # Removing the trainer removes what they could claim.
    trainer = Trainer.objects.get(person=people.our_voice)
    services.trainer_remove(trainer=trainer)
    assert not Involvement.objects.exists()


def test_staff_record_training_from_paper_and_see_who_is_trained(people, client_for,
                                                                 django_assert_max_num_queries):
    course = make_course(title="Starting a co-production project", audience=Audience.STAFF)
    make_project(people.staff)  # the staff member leads a project now
    staff = client_for(people.staff)
    response = staff.post(reverse("learning:record_paper"), {
        "email": people.staff.email, "course": course.pk,
        "completed_on_0": "3", "completed_on_1": "3", "completed_on_2": "2026"})
    assert response.status_code == 302
    services.completion_record_from_paper(person=people.member, course=course,
                                          completed_on=timezone.localdate(),
                                          by=people.staff)
    completion = Completion.objects.get(person=people.staff)
    assert (completion.source, completion.recorded_by) == ("paper", people.staff)
    assert completion.training_record.recorded_by == people.staff
    data = selectors.who_has_been_trained()
    row = next(c for c in data["courses"] if c.pk == course.pk)
    assert (row.people, row.leads, data["all_leads"]) == (2, 1, 1)
    leads_only = selectors.who_has_been_trained(course=course, project_leads_only=True)
    assert [c.person for c in leads_only["people"]] == [people.staff]
    # A date in the future is refused.
    response = staff.post(reverse("learning:record_paper"), {
        "email": people.member.email, "course": course.pk,
        "completed_on_0": "1", "completed_on_1": "1",
        "completed_on_2": str(timezone.localdate().year + 1)})
    assert "today or in the past" in response.content.decode()
    assert Completion.objects.count() == 2
    for n in range(8):
        extra = make_course(title=f"Course {n}")
        services.completion_record_from_paper(person=people.member, course=extra,
                                              completed_on=timezone.localdate(),
                                              by=people.staff)
    with django_assert_max_num_queries(14):
        assert staff.get(reverse("learning:trained") + f"?course={course.pk}"
                         ).status_code == 200


def test_the_course_list_runs_a_fixed_number_of_queries(people, client_for,
                                                        django_assert_max_num_queries):
    client = client_for(people.member)
    for n in range(3):
        course = make_course(title=f"Course {n}")
        make_session(course)
    client.get(reverse("learning:course_list"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("learning:course_list"))
    for n in range(3, 15):
        course = make_course(title=f"Course {n}")
        make_session(course)
        make_session(course, days=-3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("learning:course_list")).content.decode()
    assert "Course 14" in page


def test_my_learning_lists_bookings_completions_and_training_elsewhere(people, past, upcoming,
                                                                       client_for):
    _book(upcoming, people.member)
    _booked_past(past, people.member)
    services.attendance_mark(session=past, came={people.member.pk}, by=people.staff)
    TrainingRecord.objects.create(person=people.member, title="Mental health first aid",
                                  attended_on=timezone.localdate() - timedelta(days=90))
    page = client_for(people.member).get(reverse("learning:mine")).content.decode()
    assert page.count("Being a co-chair") >= 2
    assert "Mental health first aid" in page


def test_staff_add_a_course_and_get_plain_english_advice(people, client_for):
    staff = client_for(people.staff)
    response = staff.post(reverse("learning:course_create"), {
        "title": "Being heard", "audience": "members",
        "summary": "We will help stakeholders to speak up.",
        "what_you_will_learn": "How to prepare\nHow to ask", "easy_read_summary": "",
        "provider": "The council", "published": "on"}, follow=True)
    course = Course.objects.get(title="Being heard")
    assert response.redirect_chain[-1][0] == reverse("learning:session_create",
                                                     args=[course.pk])
    assert "Plain English check" in response.content.decode()
    assert course.learning_points() == ["How to prepare", "How to ask"]


def test_deleting_an_account_removes_what_the_person_wrote(people, upcoming):
    from learning.data_rights import data_for_person, erase

    booking = services.booking_create(session=upcoming, person=people.member,
                                      access_needs="I use a wheelchair.")
    assert any(row["record"] == "Course booking" for row in data_for_person(people.member))
    erase(people.member)
    booking.refresh_from_db()
    assert booking.access_needs == ""


def test_the_hourly_job_queues_tomorrows_sessions_once(people, course, settings):
    from learning import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = True
    tomorrow = make_session(course, days=1)
    later = make_session(course, days=5)
    _book(tomorrow, people.member)
    _book(later, people.member)
    tomorrow.starts_at = timezone.make_aware(timezone.datetime.combine(
        timezone.localdate() + timedelta(days=1), timezone.datetime.min.time())
    ) + timedelta(hours=10)
    tomorrow.ends_at = tomorrow.starts_at + timedelta(hours=2)
    tomorrow.save()
    assert tasks.send_session_reminders() == 1
    assert tasks.send_session_reminders() == 0
    assert Notification.objects.filter(person=people.member,
                                       subject__startswith="Reminder").count() == 1


def test_staff_record_training_someone_did_elsewhere(people, client_for):
    staff = client_for(people.staff)
    response = staff.post(reverse("learning:record_paper"), {
        "email": people.member.email, "course": "", "title": "Mental health first aid",
        "provider": "St John Ambulance",
        "completed_on_0": "3", "completed_on_1": "3", "completed_on_2": "2026"})
    assert response.status_code == 302
    record = TrainingRecord.objects.get(person=people.member)
    assert (record.title, record.provider, record.recorded_by) == (
        "Mental health first aid", "St John Ambulance", people.staff)
    assert not Completion.objects.exists()
    # Neither one of ours nor a name: asked for one.
    response = staff.post(reverse("learning:record_paper"), {
        "email": people.member.email, "course": "", "title": " ",
        "completed_on_0": "3", "completed_on_1": "3", "completed_on_2": "2026"})
    assert "Choose one of our courses, or type the name" in response.content.decode()
    assert TrainingRecord.objects.count() == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_the_same_moment_on_postgresql(course):
    from tests.conftest import make_user

    session = make_session(course, capacity=2)
    first, second = [_book(session, make_user(f"b{i}@test.example")) for i in range(2)]
    waiting = [_book(session, make_user(f"w{i}@test.example")) for i in range(3)]

    errors = run_at_once(lambda: services.booking_cancel(booking=first),
                         lambda: services.booking_cancel(booking=second))

    assert not errors
    assert [Booking.objects.get(pk=b.pk).status for b in waiting] == [
        "booked", "booked", "waiting"]
    assert Booking.objects.filter(session=session, status="booked").count() == 2
