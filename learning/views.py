from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from coproduction.documents import (
    document_format_asked,
    document_response,
    pdf_response,
    render_pdf,
)
from coproduction.form_pages import form_page
from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.plain_language import remember
from coproduction.roles import Role, role_required
from learning import access, documents, forms, rules, selectors, services
from learning.models import (
    Booking,
    Course,
    CourseSession,
    Report,
    ToolkitPage,
    ToolkitTemplate,
)
from people.access import person_for_user
from people.selectors import access_need_codes, access_needs_text, document_format_for

FORUM_ROLES = rules.FORUM_ROLES


def _posted(request):
    """The posted data, even when empty: a form whose boxes may all be left unticked (nobody
    came, nothing needed) is still a form that was sent."""
    return request.POST if request.method == "POST" else None


# --- The hub -----------------------------------------------------------------------------------

@require_safe
def home(request):
    return render(request, "learning/home.html", {
        "can_use_forum": rules.can_use_forum(request.user),
        "is_staff": rules.is_council_staff(request.user)})


# --- The training offer ------------------------------------------------------------------------

@require_safe
def course_list(request):
    form = forms.CourseFilterForm(request.GET or None)
    audience = form.cleaned_data["audience"] if form.is_valid() else ""
    page = paginate(request, selectors.courses_for(request.user, audience=audience))
    return render(request, "learning/course_list.html", {
        "form": form, "page": page, "can_run": rules.can_run_courses(request.user)})


@require_safe
def course_detail(request, pk):
    course = access.course_for_user(request.user, pk)
    return render(request, "learning/course_detail.html",
                  selectors.course_page(course, request.user))


@role_required(Role.STAFF)
def course_create(request):
    form = forms.CourseForm(request.POST or None, instance=Course(created_by=request.user))
    if request.method == "POST" and form.is_valid():
        course = services.course_save(course=form.save(commit=False))
        messages.success(request, "Course added. Now add a date for it.")
        remember(request, form, reverse("learning:session_create", args=[course.pk]))
        return redirect("learning:session_create", pk=course.pk)
    return form_page(request, form, title="Add a course", button="Add course",
                      back=reverse("learning:course_list"), back_text="Training offer")


@role_required(Role.STAFF)
def course_edit(request, pk):
    course = access.course_for_user(request.user, pk)
    form = forms.CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        services.course_save(course=form.save(commit=False))
        messages.success(request, "Course saved.")
        remember(request, form, course.get_absolute_url())
        return redirect(course)
    return form_page(request, form, title=f"Change {course.title}", button="Save course",
                      back=course.get_absolute_url(), back_text="Back to the course")


@role_required(Role.STAFF)
def session_create(request, pk):
    course = access.course_for_user(request.user, pk)
    form = forms.SessionForm(request.POST or None, instance=CourseSession(course=course))
    if request.method == "POST" and form.is_valid():
        session = services.session_save(session=form.save(commit=False))
        messages.success(request, "Date added. People can now book it.")
        return redirect(session)
    return form_page(request, form, title="Add a date", button="Add date",
                      caption=course.title, back=course.get_absolute_url(),
                      back_text="Back to the course")


@role_required(Role.STAFF)
def session_edit(request, pk):
    session = access.session_for_user(request.user, pk, run=True)
    form = forms.SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        services.session_save(session=form.save(commit=False))
        messages.success(request, "Session saved.")
        return redirect(session)
    return form_page(request, form, title="Change the session", button="Save session",
                      caption=session.course.title, back=session.get_absolute_url(),
                      back_text="Back to the session")


@require_safe
def session_detail(request, pk):
    session = access.session_for_user(request.user, pk)
    return render(request, "learning/session_detail.html",
                  selectors.session_page(session, request.user))


@role_required(Role.MEMBER)
def book(request, pk):
    session = access.session_for_user(request.user, pk)
    if not rules.can_book(request.user, session.course):
        raise Http404
    initial = {"access_needs": access_needs_text(request.user),
               "needs": sorted(access_need_codes(request.user)
                               & {code for code, _label in forms.AccessNeed.choices})}
    form = forms.BookingForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(session=session, person=request.user,
                                              **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "You are booked." if booking.status ==
                             Booking.Status.BOOKED else
                             "The session is full, so you are on the waiting list. We will "
                             "tell you if a place comes free.")
            return redirect(session)
    left = services.places_left(session)
    return form_page(request, form, title=f"Book {session.course.title}",
                      button="Book" if left else "Join the waiting list",
                      caption=str(session), back=session.get_absolute_url(),
                      back_text="Back to the session",
                      intro=f"{left} place{'s' if left != 1 else ''} left." if left else
                      "The session is full, so you will join the waiting list. We will tell "
                      "you as soon as a place comes free.")


@role_required(Role.STAFF)
def book_for_person(request, person_pk):
    """Staff book a place on a course for someone who phoned or wrote, from their people bank
    page: the same service as booking for oneself, recorded in their history as done by this
    staff member."""
    person = person_for_user(request.user, person_pk)
    sessions = selectors.sessions_to_book_for(person)
    form = forms.BookForPersonForm(_posted(request), sessions=sessions, initial={
        "access_needs": access_needs_text(person),
        "needs": sorted(access_need_codes(person) & {code for code, _label in
                                                     forms.AccessNeed.choices})})
    if request.method == "POST" and form.is_valid():
        session = form.cleaned_data.pop("session")
        try:
            booking = services.booking_create(session=session, person=person,
                                              booked_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if booking.status == Booking.Status.BOOKED:
                messages.success(request, f"{person} is booked on {session.course.title}. "
                                          "We have sent them the details their way.")
            else:
                messages.info(request, f"{session.course.title} is full on that date: {person} "
                                       "is on the waiting list. We have told them their way.")
            return redirect("people:bank_person", pk=person.pk)
    return form_page(request, form, title="Book a place on a course for them",
                     button="Book their place", caption=str(person),
                     back=reverse("people:bank_person", args=[person.pk]),
                     back_text=f"Back to {person}'s profile",
                     intro="We tell them the details their way and record that you booked it "
                           "for them." if sessions.exists() else
                     "There are no course dates coming up that they are not already booked "
                     "on.")


@role_required(Role.MEMBER)
def booking_cancel(request, pk):
    booking = access.booking_for_user(request.user, pk)
    if booking.status == Booking.Status.CANCELLED:
        raise Http404
    if request.method == "POST":
        services.booking_cancel(booking=booking)
        messages.success(request, "Your booking is cancelled.")
        return redirect(booking.session)
    return render(request, "learning/booking_cancel.html", {"booking": booking})


@role_required(Role.STAFF)
def attendance(request, pk):
    session = access.session_for_user(request.user, pk, run=True)
    context = selectors.session_page(session, request.user)
    form = forms.AttendanceForm(_posted(request), bookings=[
        b for b in context["bookings"] if b.status == Booking.Status.BOOKED])
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_mark(session=session, came=form.came_ids(), by=request.user)
        except ValidationError as error:
            add_service_error(form, error, field="came")
        else:
            messages.success(request, "Attendance saved. Everyone who came has the course on "
                                      "their training record.")
            return redirect(session)
    return form_page(request, form, title="Who came", button="Save attendance",
                      caption=str(session), back=session.get_absolute_url(),
                      back_text="Back to the session")


@role_required(Role.STAFF)
def trainer_add(request, pk):
    session = access.session_for_user(request.user, pk, run=True)
    form = forms.TrainerForm(request.POST or None,
                             initial={"hours": session.length_in_hours()})
    if request.method == "POST" and form.is_valid():
        try:
            services.trainer_add(session=session, person=form.cleaned_data["email"],
                                 kind=form.cleaned_data["kind"],
                                 hours=form.cleaned_data["hours"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Trainer added.")
            return redirect(session)
    return form_page(request, form, title="Add a trainer", button="Add trainer",
                      caption=str(session), back=session.get_absolute_url(),
                      back_text="Back to the session",
                      intro="Lived-experience co-trainers are paid for their time like any "
                            "involvement: once the session has happened they can claim for it.")


@require_POST
@role_required(Role.STAFF)
def trainer_remove(request, pk):
    trainer = access.trainer_for_user(request.user, pk)
    services.trainer_remove(trainer=trainer)
    messages.success(request, "Trainer removed.")
    return redirect(trainer.session)


@require_safe
@role_required(Role.MEMBER)
def my_learning(request):
    return render(request, "learning/my_learning.html", selectors.my_learning(request.user))


@require_safe
@role_required(Role.MEMBER)
def certificate(request, pk):
    completion = access.completion_for_user(request.user, pk)
    version = document_format_asked(request, default=document_format_for(request.user))
    return document_response(request, "learning/certificate.html",
                             selectors.certificate(completion), version=version,
                             filename=f"certificate-course-{completion.pk}.pdf")


@role_required(Role.STAFF)
def record_paper(request):
    form = forms.PaperRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["course"]:
                completion = services.completion_record_from_paper(
                    person=data["email"], course=data["course"],
                    completed_on=data["completed_on"], by=request.user)
            else:
                services.training_record_for_someone(
                    person=data["email"], title=data["title"], provider=data["provider"],
                    attended_on=data["completed_on"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if data["course"]:
                messages.success(request, f"{completion.course} recorded for "
                                          f"{completion.person}.")
                return redirect(f"{reverse('learning:trained')}?course={completion.course_id}")
            messages.success(request, f"{data['title']} recorded for {data['email']}.")
            return redirect("learning:trained")
    return form_page(request, form, title="Record training from paper",
                      button="Record training", back=reverse("learning:trained"),
                      back_text="Who has been trained",
                      intro="For someone who signed a paper sheet at one of our courses, or "
                            "told us about training they did elsewhere. It goes on their "
                            "training record, beside their projects and events.")


@require_safe
@role_required(Role.STAFF)
def trained(request):
    form = forms.TrainedFilterForm(request.GET or None)
    course = form.cleaned_data["course"] if form.is_valid() else None
    leads = form.cleaned_data["leads"] if form.is_valid() else False
    data = selectors.who_has_been_trained(course=course, project_leads_only=leads)
    page = paginate(request, data["people"]) if course is not None else None
    return render(request, "learning/trained.html", {**data, "form": form, "course": course,
                                                     "page": page})


# --- The toolkit -------------------------------------------------------------------------------

@require_safe
def toolkit(request):
    return render(request, "learning/toolkit.html", {
        "pages": list(ToolkitPage.objects.all()),
        "templates": list(ToolkitTemplate.objects.all()),
        "is_staff": rules.is_council_staff(request.user)})


@require_safe
def toolkit_page(request, slug):
    page = get_object_or_404(ToolkitPage, slug=slug)
    return render(request, "learning/toolkit_page.html", {
        "page": page, "blocks": documents.blocks(page.body),
        "pages": list(ToolkitPage.objects.only("slug", "title"))})


@require_safe
def glossary(request):
    return render(request, "learning/glossary.html", {"terms": selectors.glossary()})


@require_safe
def template_download(request, slug, file_format):
    if file_format not in ("docx", "pdf"):
        raise Http404
    template = get_object_or_404(ToolkitTemplate, slug=slug)
    if file_format == "docx":
        response = HttpResponse(documents.template_docx(template),
                                content_type=documents.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{template.slug}.docx"'
        return response
    pdf = render_pdf("learning/template_print.html", {
        "template": template, "blocks": documents.blocks(template.body)})
    return pdf_response(pdf, f"{template.slug}.pdf")


@role_required(Role.STAFF, Role.OUR_VOICE)
def checklist(request, pk):
    project = access.project_for_checklist(request.user, pk)
    rows = selectors.checklist_for(project)
    can_fill = rules.can_fill_checklist(request.user, project)
    form = forms.ChecklistForm(_posted(request), rows=rows) if can_fill else None
    if request.method == "POST":
        if not can_fill:
            raise PermissionDenied
        if form.is_valid():
            services.checklist_save(project=project, answers=form.answers(), by=request.user)
            messages.success(request, "Planning checklist saved. Our Voice see it when they "
                                      "review the plan.")
            return redirect("learning:checklist", pk=project.pk)
    return render(request, "learning/checklist.html", {
        "project": project, "rows": rows, "form": form,
        "done": sum(1 for row in rows if row["answer"] and row["answer"].done)})


# --- The forum ---------------------------------------------------------------------------------

@require_safe
@role_required(*FORUM_ROLES)
def forum(request):
    form = forms.ForumSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(request, selectors.topics(q=filters.get("q", ""),
                                              theme=filters.get("theme"),
                                              kind=filters.get("kind", "")), per_page=20)
    return render(request, "learning/forum.html", {
        "form": form, "page": page, "themes": list(forms.ForumTheme.objects.all()),
        "can_moderate": rules.can_moderate(request.user),
        "open_reports": selectors.open_reports().count()
        if rules.can_moderate(request.user) else 0})


@role_required(*FORUM_ROLES)
def topic_create(request):
    form = forms.TopicForm(request.POST or None, initial={"theme": request.GET.get("theme")}
                           if request.method != "POST" and request.GET.get("theme", "")
                           .isdigit() else None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_start(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Your topic is posted. We will tell you about replies.")
            return redirect(topic)
    return form_page(request, form, title="Start a topic", button="Post topic",
                      back=reverse("learning:forum"), back_text="Forum")


@require_safe
@role_required(*FORUM_ROLES)
def topic_detail(request, pk):
    topic = access.topic_for_user(request.user, pk)
    return render(request, "learning/topic.html", {
        **selectors.topic_page(topic, request.user), "reply_form": forms.ReplyForm()})


@role_required(*FORUM_ROLES)
def reply(request, pk):
    topic = access.topic_for_user(request.user, pk)
    form = forms.ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.reply_add(topic=topic, author=request.user,
                                      body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_error(form, error, field="body")
        else:
            messages.success(request, "Your reply is posted.")
            return redirect(f"{topic.get_absolute_url()}#post-{post.pk}")
    return form_page(request, form, title="Reply", button="Post reply", caption=topic.title,
                      back=topic.get_absolute_url(), back_text="Back to the topic")


@require_POST
@role_required(*FORUM_ROLES)
def follow(request, pk):
    topic = access.topic_for_user(request.user, pk)
    following = request.POST.get("follow") == "yes"
    services.follow_set(topic=topic, person=request.user, following=following)
    messages.success(request, "You will hear about new replies." if following else
                     "You will not hear about new replies.")
    return redirect(topic)


@require_POST
@role_required(*FORUM_ROLES)
def helpful(request, pk):
    post = access.post_for_user(request.user, pk)
    try:
        services.helpful_mark(post=post, person=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Thank you: marked as helpful.")
    return redirect(f"{post.topic.get_absolute_url()}#post-{post.pk}")


@role_required(*FORUM_ROLES)
def report(request, pk):
    post = access.post_for_user(request.user, pk)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_report(post=post, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "Thank you. A moderator will look at it.")
        return redirect(post.topic)
    return form_page(request, form, title="Report a post", button="Send report",
                      caption=post.topic.title, back=post.topic.get_absolute_url(),
                      back_text="Back to the topic", extra={"post": post},
                      template="learning/post_form_page.html")


@role_required(*FORUM_ROLES)
def hide(request, pk):
    post = access.post_for_user(request.user, pk)
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    form = forms.HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_hide(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "The post is hidden. Its place says why.")
            return redirect(post.topic)
    return form_page(request, form, title="Hide a post", button="Hide post",
                      caption=post.topic.title, back=post.topic.get_absolute_url(),
                      back_text="Back to the topic", extra={"post": post},
                      template="learning/post_form_page.html")


@require_POST
@role_required(*FORUM_ROLES)
def unhide(request, pk):
    post = access.post_for_user(request.user, pk)
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    services.post_unhide(post=post, by=request.user)
    messages.success(request, "The post is shown again.")
    return redirect(post.topic)


@require_safe
@role_required(*FORUM_ROLES)
def reports(request):
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    return render(request, "learning/reports.html",
                  {"page": paginate(request, selectors.open_reports())})


@require_POST
@role_required(*FORUM_ROLES)
def report_dismiss(request, pk):
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    found = get_object_or_404(Report, pk=pk)
    services.report_dismiss(report=found, by=request.user)
    messages.success(request, "Report closed. The post stays.")
    return redirect("learning:reports")
