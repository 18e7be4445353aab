from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coproduction import public_cache
from coproduction.documents import (
    calendar_event,
    calendar_response,
    document_format_asked,
    document_response,
)
from coproduction.form_pages import form_page
from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.panels import panels_for
from coproduction.plain_language import remember
from coproduction.roles import Role, role_required
from messaging.kinds import Kind
from messaging.selectors import channel_preview
from people.access import person_for_user
from people.models import AccessNeed
from people.selectors import access_need_codes, access_needs_text, document_format_for
from projects import access, forms, rules, selectors, services
from projects.calendar import registered_entries
from projects.models import (
    AssuranceScore,
    CalendarFeed,
    Interest,
    Principle,
    Reflection,
    Session,
    Status,
    Update,
)


def _form_page(request, form, *, project=None, extra=None, **page):
    """The shared form page, captioned with the project it is about."""
    return form_page(request, form, caption=project.title if project else "",
                     extra={"project": project, **(extra or {})}, **page)


# --- Public pages -------------------------------------------------------------------------

@require_safe
@public_cache.for_visitors("projects")
def project_list(request):
    form = forms.ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.projects_for_list(**{k: v for k, v in filters.items() if v})
    page = paginate(request, projects, per_page=20)
    return render(request, "projects/project_list.html",
                  {"filter_form": form, "page": page})


@require_safe
def project_detail(request, pk):
    project = access.project_for_user(request.user, pk)
    return render(request, "projects/project_detail.html", {
        **selectors.project_page(project, request.user),
        # What the policy pays (the payments room adds it: projects cannot import payments).
        "recognition_panels": panels_for("project_recognition", project),
    })


@require_safe
@role_required(Role.MEMBER)
def terms_document(request, pk):
    project = access.project_for_user(request.user, pk)
    member = selectors.is_member(request.user, project)
    if not project.terms_document or not rules.can_see_members_only(request.user, project,
                                                                     member):
        raise Http404
    extension = project.terms_document.name.rsplit(".", 1)[-1]
    return FileResponse(project.terms_document.open("rb"), as_attachment=True,
                        filename=f"terms-of-reference.{extension}")


# --- Staff: create, edit, move --------------------------------------------------------------

@role_required(Role.STAFF)
def project_create(request):
    form = forms.ProjectForm(request.POST or None, request.FILES or None,
                             initial={"staff_co_chair": request.user})
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        try:
            services.project_save(project=project, by=request.user,
                                  topics=form.cleaned_data["topics"],
                                  areas=form.cleaned_data["areas"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Project saved as a draft.")
            remember(request, form, project.get_absolute_url())
            return redirect(project)
    return _form_page(request, form, title="Start a project", button="Save as draft",
                      back=reverse("staff_home"), back_text="Back to staff home",
                      multipart=True)


@role_required(Role.STAFF)
def project_edit(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_edit)
    form = forms.ProjectForm(request.POST or None, request.FILES or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_save(project=form.save(commit=False), by=request.user,
                                  topics=form.cleaned_data["topics"],
                                  areas=form.cleaned_data["areas"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Project details saved.")
            remember(request, form, project.get_absolute_url())
            return redirect(project)
    return _form_page(request, form, title=f"Change {project.title}", button="Save changes",
                      back=project.get_absolute_url(), back_text="Back to the project",
                      multipart=True, project=project)


@role_required(Role.STAFF)
def project_status(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_edit)
    form = forms.StatusForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["to"]
        if to == Status.EVALUATING and "send" not in request.POST:
            # Members will be asked how it went: first show how each one will be asked.
            asked = services.evaluation_messages(project)
            if asked:
                return render(request, "projects/status_confirm.html", {
                    "project": project, "to": to, "form": form,
                    "preview": channel_preview(asked, kind=Kind.EVALUATION)})
        try:
            services.project_move(project=project, to=to, by=request.user,
                                  outcome_summary=form.cleaned_data["outcome_summary"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Project status changed.")
            return redirect(project)
    history = project.status_changes.select_related("changed_by")
    return _form_page(request, form, title=f"Change the status of {project.title}",
                      button="Change status", back=project.get_absolute_url(),
                      back_text="Back to the project", project=project,
                      template="projects/status.html", extra={"history": history})


# --- Our Voice assurance -----------------------------------------------------------------

@require_safe
@role_required(Role.OUR_VOICE, Role.STAFF)
def review_queue(request):
    return render(request, "projects/review_queue.html",
                  {"projects": selectors.review_queue()})


@require_safe
@role_required(Role.OUR_VOICE, Role.STAFF)
def assurance(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_see_assurance)
    return render(request, "projects/assurance.html", {
        "project": project, "can_assure": rules.can_assure(request.user, project),
        "can_reply": rules.can_reply_to_assurance(request.user, project),
        "topics": list(project.topics.all()), "areas": list(project.areas.all()),
        **selectors.assurance_page(project)})


@role_required(Role.OUR_VOICE)
def assurance_score(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_assure)
    mine = AssuranceScore.objects.filter(project=project, reviewer=request.user).first()
    initial = {p.value: getattr(mine, p.value) for p in Principle} if mine else None
    form = forms.ScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.assurance_score_save(project=project, reviewer=request.user,
                                      scores=form.cleaned_data)
        messages.success(request, "Your scores are saved.")
        return redirect("projects:assurance", pk=project.pk)
    return _form_page(request, form, title=f"Score {project.title}", button="Save scores",
                      back=reverse("projects:assurance", args=[project.pk]),
                      back_text="Back to the plan", project=project,
                      template="projects/assurance_score.html",
                      intro="Read the plan, then score it against each of the six "
                            "co-production principles.")


@role_required(Role.OUR_VOICE)
def assurance_comment(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_assure)
    form = forms.CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.assurance_comment_add(project=project, author=request.user,
                                       body=form.cleaned_data["body"])
        messages.success(request, "Your comment is added. Staff will answer it.")
        return redirect("projects:assurance", pk=project.pk)
    return _form_page(request, form, title=f"Comment on {project.title}", button="Add comment",
                      back=reverse("projects:assurance", args=[project.pk]),
                      back_text="Back to the plan", project=project)


@role_required(Role.OUR_VOICE)
def assurance_decision(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_assure)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assurance_decide(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "The Our Voice decision is recorded.")
            return redirect("projects:assurance", pk=project.pk)
    return _form_page(request, form, title=f"Decide on {project.title}",
                      button="Record decision", project=project,
                      back=reverse("projects:assurance", args=[project.pk]),
                      back_text="Back to the plan")


@role_required(Role.STAFF)
def assurance_reply(request, pk):
    comment = access.comment_for_user(request.user, pk)
    form = forms.ReplyForm(request.POST or None, initial={"reply": comment.reply})
    if request.method == "POST" and form.is_valid():
        services.assurance_reply(comment=comment, by=request.user,
                                 reply=form.cleaned_data["reply"])
        messages.success(request, "Your answer is saved.")
        return redirect("projects:assurance", pk=comment.project_id)
    return _form_page(request, form, title="Answer a comment", button="Save answer",
                      back=reverse("projects:assurance", args=[comment.project_id]),
                      back_text="Back to the plan", project=comment.project,
                      extra={"quote": comment})


# --- Recruiting ----------------------------------------------------------------------------

@role_required(Role.MEMBER)
def express_interest(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_express_interest)
    existing = Interest.objects.filter(project=project, person=request.user).first()
    initial = ({"what_i_bring": existing.what_i_bring, "access_needs": existing.access_needs,
                "needs": existing.needs} if existing
               else {"access_needs": access_needs_text(request.user),
                     "needs": sorted(access_need_codes(request.user) & set(AccessNeed.values))})
    form = forms.InterestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.interest_express(project=project, person=request.user, **form.cleaned_data)
        messages.success(request, "Thank you. We have your interest and will be in touch.")
        return redirect(project)
    return _form_page(request, form, title=f"Take part in {project.title}",
                      button="Send", back=project.get_absolute_url(),
                      back_text="Back to the project", project=project)


@role_required(Role.STAFF)
def interest_for_person(request, person_pk):
    """Staff register the interest of someone who phoned or wrote, from their people bank
    page, and may give them a place at once (services.interest_express_for)."""
    person = person_for_user(request.user, person_pk)
    projects = selectors.projects_to_join_for(person)
    form = forms.InterestForPersonForm(request.POST or None, projects=projects, initial={
        "access_needs": access_needs_text(person),
        "needs": sorted(access_need_codes(person) & set(AccessNeed.values))})
    if request.method == "POST" and form.is_valid():
        try:
            interest = services.interest_express_for(person=person, recorded_by=request.user,
                                                     **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error, field="give_place")
        else:
            project = form.cleaned_data["project"]
            messages.success(request, f"{person} has a place on {project.title}."
                             if interest.state == Interest.State.ACCEPTED else
                             f"{person}'s interest in {project.title} is saved.")
            return redirect("people:bank_person", pk=person.pk)
    return _form_page(request, form, title=f"Register {person}'s interest in a project",
                      button="Save", back=reverse("people:bank_person", args=[person.pk]),
                      back_text=f"Back to {person}'s profile",
                      intro="Ask them each question. We record that you did this for them."
                      if projects.exists() else "No project is looking for people now.")


@require_safe
@role_required(Role.STAFF)
def interest_review(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_edit)
    return render(request, "projects/interest_review.html", {
        "project": project, "interests": selectors.interest_for_review(project),
        "places_taken": services.places_taken(project)})


@role_required(Role.STAFF)
def interest_decide(request, pk):
    interest = access.interest_for_user(request.user, pk)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_decide(interest=interest, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"Decision saved. {interest.person} has been told.")
            return redirect("projects:interest_review", pk=interest.project_id)
    return _form_page(request, form, title=f"Decide on {interest.person}'s interest",
                      button="Save and tell them", project=interest.project,
                      back=reverse("projects:interest_review", args=[interest.project_id]),
                      back_text="Back to interest", template="projects/interest_decide.html",
                      extra={"interest": interest})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def membership_end(request, pk):
    """Asks first ("Are you sure?"), then ends the membership when the person confirms."""
    membership = access.membership_for_user(request.user, pk)
    if not membership.active:
        raise Http404
    if request.method != "POST":
        return render(request, "projects/membership_end.html", {
            "membership": membership, "project": membership.project,
            "leaving": membership.person_id == request.user.pk})
    moved_up = services.membership_end(membership=membership, by=request.user)
    if membership.person_id == request.user.pk:
        messages.success(request, "You have left the project. Thank you for taking part.")
    else:
        messages.success(request, f"{membership.person} has left the project.")
    if moved_up:
        messages.info(request, f"{moved_up.person} moved up from the waiting list.")
    return redirect(membership.project)


# --- Sessions -------------------------------------------------------------------------------

@role_required(Role.MEMBER)
def session_create(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_run)
    form = forms.SessionForm(request.POST or None, instance=Session(project=project))
    if request.method == "POST" and form.is_valid():
        session = services.session_save(session=form.save(commit=False))
        messages.success(request, "Meeting added.")
        return redirect(session)
    return _form_page(request, form, title=f"Add a meeting to {project.title}",
                      button="Add meeting", back=project.get_absolute_url(),
                      back_text="Back to the project", project=project)


@role_required(Role.MEMBER)
def session_edit(request, pk):
    session = access.session_for_user(request.user, pk, rule=rules.can_run)
    form = forms.SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        services.session_save(session=form.save(commit=False))
        messages.success(request, "Meeting saved.")
        return redirect(session)
    return _form_page(request, form, title=f"Change {session.title}", button="Save meeting",
                      back=session.get_absolute_url(), back_text="Back to the meeting",
                      project=session.project)


@require_safe
@role_required(Role.MEMBER)
def session_detail(request, pk):
    session = access.session_for_user(request.user, pk)
    context = selectors.session_page(session, request.user)
    if context["can_run"]:
        context["arranged_form"] = forms.ArrangedForm(initial={"arranged": session.arranged})
    return render(request, "projects/session_detail.html", context)


@require_POST
@role_required(Role.MEMBER)
def session_arranged(request, pk):
    session = access.session_for_user(request.user, pk, rule=rules.can_run)
    form = forms.ArrangedForm(request.POST)
    if form.is_valid():
        services.session_arranged_save(session=session, arranged=form.cleaned_data["arranged"])
        messages.success(request, "Access arrangements saved.")
    return redirect(session)


@require_safe
@role_required(Role.MEMBER)
def session_ics(request, pk):
    session = access.session_for_user(request.user, pk)
    return calendar_response(f"meeting-{session.pk}.ics", [_event(session)])


def _event(session):
    location = ", ".join(filter(None, [session.venue, session.address.replace("\n", ", ")]))
    if session.online:
        location = f"{location} and online" if location else "Online"
    description = "\n".join(filter(None, [
        session.project.title,
        f"Join online: {session.online_link}" if session.online else "",
        f"What to bring or read: {session.what_to_bring}" if session.what_to_bring else "",
    ]))
    return calendar_event(uid=f"project-session-{session.pk}",
                          title=f"{session.project.title}: {session.title}",
                          starts_at=session.starts_at, ends_at=session.ends_at,
                          description=description, location=location,
                          url=session.get_absolute_url())


@require_safe
def calendar_feed(request, token):
    """A member's private feed: their project meetings and what they booked in other rooms
    (projects.calendar's registered sources, e.g. listening events)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    entries = [_event(s) for s in selectors.sessions_for_feed(feed.person)]
    entries += registered_entries(feed.person)
    return calendar_response("my-project-meetings.ics", entries,
                             name="My meetings and events")


@require_POST
@role_required(Role.MEMBER)
def calendar_feed_renew(request):
    services.calendar_feed_renew(person=request.user)
    messages.success(request, "Your calendar has a new private address. The old one no longer "
                              "works: add the new one to your calendar app.")
    return redirect("projects:mine")


@role_required(Role.MEMBER)
def attendance(request, pk):
    session = access.session_for_user(request.user, pk, rule=rules.can_run)
    rows = selectors.session_page(session, request.user)["attendance"]
    longest = session.length_in_hours()
    form = forms.AttendanceForm(request.POST or None, rows=rows, longest=longest)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_mark(session=session, hours_by_person=form.hours_by_person(),
                                     by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Attendance saved.")
            return redirect(session)
    return _form_page(request, form, title=f"Who came to {session.title}",
                      button="Save attendance", back=session.get_absolute_url(),
                      back_text="Back to the meeting", project=session.project,
                      intro="Enter how many hours each person took part, up to "
                            f"{longest.normalize():f}, the length of the meeting. "
                            "Leave the box empty if they did not come.")


# --- Updates --------------------------------------------------------------------------------

@role_required(Role.MEMBER)
def update_create(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_run)
    form = forms.UpdateForm(request.POST or None,
                            instance=Update(project=project, author=request.user))
    if request.method == "POST" and form.is_valid():
        update = services.update_post(update=form.save(commit=False))
        messages.success(request, "Update posted. You can now send it to members.")
        remember(request, form, reverse("projects:update_send", kwargs={"pk": update.pk}))
        return redirect("projects:update_send", pk=update.pk)
    return _form_page(request, form, title=f"Post an update on {project.title}",
                      button="Post update", back=project.get_absolute_url(),
                      back_text="Back to the project", project=project)


@role_required(Role.MEMBER)
def update_send(request, pk):
    update = access.update_for_user(request.user, pk)
    if request.method == "POST":
        count = services.update_send(update=update)
        messages.success(request, f"Update sent to {count} "
                                  f"{'person' if count == 1 else 'people'}.")
        return redirect(update.project)
    recipients = services.update_recipients(update).select_related("profile")
    return render(request, "projects/update_send.html", {
        "update": update, "project": update.project,
        "preview": channel_preview([services.update_message(update, person)
                                    for person in recipients], kind=Kind.PROJECT_UPDATE)})


# --- Evaluating -----------------------------------------------------------------------------

@role_required(Role.MEMBER)
def evaluation(request, pk):
    project = access.project_for_user(request.user, pk)
    if project.status != Status.EVALUATING or not project.memberships.filter(
            person=request.user).exists():
        raise Http404
    existing = project.evaluations.filter(person=request.user).first()
    form = forms.EvaluationForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        answers = {f: form.cleaned_data[f] for f in form.Meta.fields}
        services.evaluation_submit(project=project, person=request.user, answers=answers)
        messages.success(request, "Thank you for your feedback.")
        return redirect("projects:mine")
    return _form_page(request, form, title=f"How did {project.title} go?",
                      button="Send feedback", back=project.get_absolute_url(),
                      back_text="Back to the project", project=project,
                      intro="Six short questions about how taking part felt. "
                            "There are no right answers.")


@role_required(Role.STAFF)
def reflection(request, pk):
    project = access.project_for_user(request.user, pk, rule=rules.can_edit)
    existing = Reflection.objects.filter(project=project).first()
    form = forms.ReflectionForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        services.reflection_save(project=project, by=request.user, **form.cleaned_data)
        messages.success(request, "Reflection saved.")
        return redirect(project)
    return _form_page(request, form, title=f"Look back on {project.title}",
                      button="Save reflection", back=project.get_absolute_url(),
                      back_text="Back to the project", project=project)


@require_safe
@role_required(Role.MEMBER)
def certificate(request, pk):
    project = access.project_for_user(request.user, pk)
    context = selectors.certificate(project, request.user)
    if context is None:
        raise Http404
    version = document_format_asked(request, default=document_format_for(request.user))
    return document_response(request, "projects/certificate.html", context, version=version,
                             filename=f"certificate-project-{project.pk}.pdf")


@require_safe
@role_required(Role.MEMBER)
def my_projects(request):
    feed = services.calendar_feed_for(request.user)
    feed_url = request.build_absolute_uri(reverse("projects:calendar_feed",
                                                  args=[feed.token]))
    return render(request, "projects/my_projects.html",
                  {**selectors.my_projects(request.user), "feed_url": feed_url})


