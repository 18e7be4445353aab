from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from coproduction import public_cache
from coproduction.documents import DocumentFormat, calendar_response, document_format_asked
from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.plain_language import remember
from coproduction.roles import Role, role_required
from listening import access, reports, selectors, services
from listening.calendar import event_calendar_entry
from listening.forms import (
    BookForPersonForm,
    CommitmentFilterForm,
    CommitmentForm,
    CommitmentUpdateForm,
    EventForm,
    FeedbackBatchForm,
    FeedbackFilterForm,
    FeedbackForm,
    FeedbackRowFormSet,
    GuestRegisterForm,
    RegisterForm,
    ReportFilterForm,
    SurveyUploadForm,
    TagForm,
    ThemeForm,
    ThemeMergeForm,
    WalkInForm,
    WhatWeHeardForm,
)
from listening.models import (
    Channel,
    Commitment,
    Event,
    FeedbackItem,
    GuestMessage,
    Registration,
)
from listening.rules import can_cancel_registration, can_run_event, can_run_events
from messaging.kinds import Kind
from messaging.selectors import channel_preview
from people.access import person_for_user
from people.selectors import access_needs_text, document_format_for

IMPORT_SESSION_KEY = "listening_survey_import"


# ---------------------------------------------------------------- public pages


@require_safe
@public_cache.for_visitors("events")
def event_list(request):
    past = request.GET.get("when") == "past"
    events = selectors.events_for_list(user_is_staff=can_run_events(request.user), past=past)
    return render(request, "listening/event_list.html", {
        "page": paginate(request, events), "past": past,
        "can_run_events": can_run_events(request.user)})


@require_safe
def event_detail(request, pk):
    event = access.event_for_user(request.user, pk)
    event = selectors.event_with_counts(event.pk)
    return render(request, "listening/event_detail.html", {
        "event": event, "registration": selectors.registration_for(event, request.user),
        "places_left": services.places_left(event), "can_run_events": can_run_events(request.user),
        "can_run_event": can_run_event(request.user, event),
        "topics": list(event.topics.all()), "areas": list(event.areas.all())})


@require_safe
def event_calendar(request, pk):
    event = access.event_for_user(request.user, pk)
    return calendar_response(f"event-{event.pk}.ics", [event_calendar_entry(event)],
                             name=event.title)


def event_register(request, pk):
    """Members register with their access needs pre-filled; visitors may sign in, or register
    as a guest with a name and one way to contact them."""
    event = access.event_for_user(request.user, pk)
    if event.has_started:
        messages.info(request, "This event has started, so registration is closed.")
        return redirect(event)
    member = request.user.is_authenticated
    existing = selectors.registration_for(event, request.user)
    if existing and existing.status != Registration.Status.CANCELLED:
        return redirect(event)
    data = request.POST if request.method == "POST" else None
    if member:
        form = RegisterForm(data,
                            initial={"access_needs": access_needs_text(request.user)})
    else:
        form = GuestRegisterForm(data)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        brings = set(data["brings"])
        fields = {"access_needs": data["access_needs"], "brings_carer": "carer" in brings,
                  "brings_assistant": "assistant" in brings,
                  "brings_interpreter": "interpreter" in brings}
        if member:
            fields["person"] = request.user
        else:
            fields |= {key: data[key] for key in
                       ("guest_name", "guest_contact_method", "guest_contact")}
        try:
            registration = services.registration_create(event=event, **fields)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, "You are booked. We have sent you the details.")
            else:
                messages.info(request, "The event is full. You are on the waiting list. We will "
                                       "tell you if a place comes free.")
            return redirect(event)
    return render(request, "listening/event_register.html",
                  {"event": event, "form": form, "member": member,
                   "places_left": services.places_left(event)})


@role_required(Role.STAFF)
def book_for_person(request, person_pk):
    """Staff book a place for someone who phoned or wrote, from their people bank page: the
    same service as booking for oneself, recorded in their history as done by this staff
    member."""
    person = person_for_user(request.user, person_pk)
    events = selectors.events_to_book_for(person)
    form = BookForPersonForm(request.POST or None, events=events,
                             initial={"access_needs": access_needs_text(person)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        brings = set(data["brings"])
        try:
            registration = services.registration_create(
                event=data["event"], person=person, access_needs=data["access_needs"],
                brings_carer="carer" in brings, brings_assistant="assistant" in brings,
                brings_interpreter="interpreter" in brings, booked_by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, f"{person} is booked on {data['event'].title}. "
                                          "We have sent them the details their way.")
            else:
                messages.info(request, f"{data['event'].title} is full: {person} is on the "
                                       "waiting list.")
            return redirect("people:bank_person", pk=person.pk)
    return render(request, "listening/book_for_person.html",
                  {"form": form, "person": person, "has_events": events.exists()})


@role_required(Role.MEMBER)
def registration_cancel(request, pk):
    """Asks "Are you sure?" first (GET); the button on that page cancels (POST)."""
    event = access.event_for_user(request.user, pk)
    registration = selectors.registration_for(event, request.user)
    if registration is None or not can_cancel_registration(request.user, registration):
        messages.info(request, "You are not registered for this event.")
        return redirect(event)
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, "Your place is cancelled. Thank you for telling us.")
        return redirect(event)
    return render(request, "listening/registration_cancel.html",
                  {"event": event, "registration": registration})


def _feedback(request, event):
    member = request.user.is_authenticated
    form = FeedbackForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = not member or data["anonymous"]
        services.feedback_create(
            event=event, question=data["question"], text=data["text"], channel=Channel.ONLINE,
            person=None if anonymous else request.user,
            consent_to_quote=data["consent_to_quote"],
            wants_updates=data.get("wants_updates", False),
            topic=data["topic"], area=data["area"])
        messages.success(request, "Thank you. We have your feedback.")
        return redirect(event or "listening:you_said_we_did")
    return render(request, "listening/feedback_give.html",
                  {"event": event, "form": form, "member": member})


def event_feedback(request, pk):
    return _feedback(request, access.event_for_user(request.user, pk))


def feedback_give(request):
    """An open survey: feedback not tied to any event."""
    return _feedback(request, None)


@require_safe
@public_cache.for_visitors("listening")
def you_said_we_did(request):
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    report = selectors.department_report(**filters)
    return render(request, "listening/you_said_we_did.html", {
        "filter_form": form, "report": report,
        "page": paginate(request, report["commitments"], per_page=20),
        "events": selectors.events_with_reports()[:20]})


@require_safe
@public_cache.for_visitors("listening")
def event_report(request, pk):
    """What we heard at an event, in the reader's format (?format= picks another): the
    standard page, or the large-print or easy-read design of "You said, we did" reports."""
    event = access.event_for_user(request.user, pk)
    version = document_format_asked(request, default=document_format_for(request.user))
    context = {"event": event, "version": version, "versions": DocumentFormat.choices}
    if version == DocumentFormat.STANDARD:
        context["report"] = selectors.event_report(event)
    else:
        context.update(reports.report_context(reports.event_report_data(event, version),
                                              for_pdf=False))
    return render(request, "listening/event_report.html", context)


@require_safe
def commitment_detail(request, pk):
    """One commitment and its news, in the reader's format (?format= picks another)."""
    commitment = access.commitment_for_user(request.user, pk)
    version = document_format_asked(request, default=document_format_for(request.user))
    return render(request, "listening/commitment_detail.html", {
        "commitment": commitment, "updates": list(commitment.updates.all()),
        "themes": list(commitment.themes.all()),
        "can_run_events": can_run_events(request.user), "version": version,
        "versions": DocumentFormat.choices,
        "easy": (reports.commitment_easy_read(commitment)
                 if version == DocumentFormat.EASY_READ else None)})


@require_safe
@role_required(Role.MEMBER)
def my_listening(request):
    return render(request, "listening/my_listening.html", {
        "registrations": list(selectors.member_registrations(request.user)),
        "items": selectors.member_feedback(request.user)})


# ---------------------------------------------------------------- staff: events


@role_required(Role.STAFF)
def event_create(request):
    form = EventForm(request.POST or None, initial={"host": request.user})
    if request.method == "POST" and form.is_valid():
        event = services.event_save(event=form.save(commit=False),
                                    topics=form.cleaned_data["topics"],
                                    areas=form.cleaned_data["areas"], saved_by=request.user)
        messages.success(request, "Event created.")
        remember(request, form, event.get_absolute_url())
        return redirect(event)
    return render(request, "listening/event_form.html", {"form": form, "event": None})


@role_required(Role.STAFF)
def event_edit(request, pk):
    event = access.event_for_user(request.user, pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.event_save(event=form.save(commit=False), topics=form.cleaned_data["topics"],
                            areas=form.cleaned_data["areas"], saved_by=request.user)
        messages.success(request, "Event saved.")
        remember(request, form, event.get_absolute_url())
        return redirect(event)
    return render(request, "listening/event_form.html", {"form": form, "event": event})


@role_required(Role.STAFF, Role.PARTNER)
def event_attendance(request, pk):
    event = access.event_for_user(request.user, pk, rule=can_run_event)
    if request.method == "POST":
        ids = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        changed = services.attendance_save(event=event, attended_ids=ids,
                                           marked_by=request.user)
        messages.success(request, f"Attendance saved ({changed} changed).")
        return redirect("listening:event_attendance", pk=event.pk)
    return render(request, "listening/event_attendance.html", {
        "event": event, "registrations": list(selectors.event_registrations(event)),
        "walk_in_form": WalkInForm()})


@role_required(Role.STAFF, Role.PARTNER)
def event_walk_in(request, pk):
    event = access.event_for_user(request.user, pk, rule=can_run_event)
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.walk_in_add(event=event, name=form.cleaned_data["name"],
                             email=form.cleaned_data["email"], added_by=request.user)
        messages.success(request, f"{form.cleaned_data['name']} added as there.")
        return redirect("listening:event_attendance", pk=event.pk)
    return render(request, "listening/event_walk_in.html", {"event": event, "form": form})


@require_safe
@role_required(Role.STAFF, Role.PARTNER)
def event_sign_in_sheet(request, pk):
    """A page to print (the browser's print command) for people to sign as they arrive."""
    event = access.event_for_user(request.user, pk, rule=can_run_event)
    registrations = [registration for registration in selectors.event_registrations(event)
                     if registration.status == Registration.Status.CONFIRMED]
    return render(request, "listening/sign_in_sheet.html",
                  {"event": event, "registrations": registrations, "blank_rows": range(10)})


@role_required(Role.STAFF, Role.PARTNER)
def event_what_we_heard(request, pk):
    """Write the message, preview who gets it and how, then send."""
    event = access.event_for_user(request.user, pk, rule=can_run_event)
    initial = {"subject": f"What we heard and what we will do: {event.title}",
               "body": services.what_we_heard_text(event)}
    form = WhatWeHeardForm(request.POST or None, initial=initial)
    members, guests = services.what_we_heard_recipients(event)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "send" in request.POST:
            told, total = services.what_we_heard_send(event=event, **form.cleaned_data)
            messages.success(request, f"Sent to {told} of {total} people. Anyone told before "
                                      "was not told again.")
            return redirect("listening:event_contact_list", pk=event.pk)
        preview = channel_preview(
            services.what_we_heard_messages(event, **form.cleaned_data),
            kind=Kind.WHAT_WE_HEARD)
    return render(request, "listening/event_what_we_heard.html", {
        "event": event, "form": form, "preview": preview, "members": members,
        "guests": guests})


@role_required(Role.STAFF, Role.PARTNER)
def event_contact_list(request, pk):
    """Guests who asked to be phoned or written to, with what we need to tell them."""
    event = access.event_for_user(request.user, pk, rule=can_run_event)
    if request.method == "POST":
        message = get_object_or_404(GuestMessage, pk=request.POST.get("message"),
                                    registration__event=event)
        services.guest_message_mark_done(message=message, by=request.user)
        messages.success(request, "Marked as done.")
        return redirect("listening:event_contact_list", pk=event.pk)
    return render(request, "listening/event_contact_list.html",
                  {"event": event, "to_contact": selectors.guests_to_contact(event)})


# ---------------------------------------------------------------- staff: feedback and themes


@role_required(Role.STAFF)
def feedback_list(request):
    filter_form = FeedbackFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    items = selectors.feedback_for_staff(**{k: v for k, v in filters.items() if v})
    form = TagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = form.cleaned_data["theme"] or services.theme_get_or_create(
            name=form.cleaned_data["new_theme"])
        count = services.feedback_tag(items=form.cleaned_data["items"], themes=[theme])
        messages.success(request, f"{count} {'item' if count == 1 else 'items'} tagged "
                                  f"“{theme.name}”.")
        return redirect(request.get_full_path())
    return render(request, "listening/feedback_list.html", {
        "filter_form": filter_form, "form": form, "page": paginate(request, items),
        "themes": selectors.themes_with_counts()})


@role_required(Role.STAFF)
def feedback_add(request):
    """Staff type in several items at once from paper forms, postcards, calls or notes."""
    event_id = request.GET.get("event")
    initial = {"event": event_id} if event_id and event_id.isdigit() else {}
    form = FeedbackBatchForm(request.POST or None, initial=initial)
    formset = FeedbackRowFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [row.to_row() for row in formset if row.cleaned_data.get("text")]
        if rows:
            services.feedback_bulk_create(rows=rows, entered_by=request.user,
                                          event=form.cleaned_data["event"],
                                          channel=form.cleaned_data["channel"])
            noun = "item" if len(rows) == 1 else "items"
            messages.success(request, f"{len(rows)} feedback {noun} saved.")
            return redirect("listening:feedback_list")
        form.add_error(None, "Fill in at least one item")
    elif request.method == "POST":
        # The error summary lists each row's problems; the messages also sit by the fields.
        for number, row in enumerate(formset, start=1):
            for errors in row.errors.values():
                for error in errors:
                    form.add_error(None, f"Item {number}: {error}")
    return render(request, "listening/feedback_add.html", {"form": form, "formset": formset})


@role_required(Role.STAFF)
def feedback_import(request):
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = services.survey_csv_parse(form.cleaned_data["file"].read())
        event = form.cleaned_data["event"]
        request.session[IMPORT_SESSION_KEY] = {
            "rows": parsed.rows, "errors": parsed.errors,
            "event": event.pk if event else None}
        return redirect("listening:feedback_import_confirm")
    return render(request, "listening/feedback_import.html", {"form": form})


@role_required(Role.STAFF)
def feedback_import_confirm(request):
    """The preview of an upload: rows that will be saved and rows with errors. Nothing is
    saved until staff confirm, and only when no row has an error."""
    staged = request.session.get(IMPORT_SESSION_KEY)
    if not staged:
        messages.info(request, "Upload a file first.")
        return redirect("listening:feedback_import")
    event = Event.objects.filter(pk=staged["event"]).first() if staged["event"] else None
    if request.method == "POST" and not staged["errors"]:
        count = services.survey_import(rows=staged["rows"], event=event,
                                       entered_by=request.user)
        del request.session[IMPORT_SESSION_KEY]
        messages.success(request, f"{count} survey answers imported.")
        return redirect("listening:feedback_list")
    return render(request, "listening/feedback_import_confirm.html", {
        "rows": staged["rows"][:100], "row_count": len(staged["rows"]),
        "errors": staged["errors"], "event": event})


@role_required(Role.STAFF)
def theme_list(request):
    add_form = ThemeForm(request.POST if request.POST.get("action") == "add" else None,
                         prefix="add")
    merge_form = ThemeMergeForm(request.POST if request.POST.get("action") == "merge" else None,
                                prefix="merge")
    if add_form.is_bound and add_form.is_valid():
        theme = services.theme_get_or_create(name=add_form.cleaned_data["name"])
        messages.success(request, f"Theme “{theme.name}” is ready.")
        return redirect("listening:theme_list")
    if merge_form.is_bound and merge_form.is_valid():
        into = services.theme_merge(**merge_form.cleaned_data)
        messages.success(request, f"Merged into “{into.name}”.")
        return redirect("listening:theme_list")
    bound = merge_form if merge_form.is_bound else add_form
    return render(request, "listening/theme_list.html", {
        "themes": selectors.themes_with_counts(), "add_form": add_form,
        "merge_form": merge_form, "form": bound})


# ---------------------------------------------------------------- staff: commitments


@role_required(Role.STAFF)
def commitment_list(request):
    filter_form = CommitmentFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    commitments = selectors.commitments_for_staff(status=filters.get("status", ""),
                                                  flagged_only=filters.get("flagged", False))
    return render(request, "listening/commitment_list.html", {
        "filter_form": filter_form, "page": paginate(request, commitments),
        "stale_weeks": settings.LISTENING_COMMITMENT_STALE_WEEKS})


@role_required(Role.STAFF)
def commitment_create(request):
    item_ids = [value for value in request.GET.getlist("items") if value.isdigit()]
    initial = {"owner": request.user, "feedback_items": item_ids}
    if request.GET.get("theme", "").isdigit():
        initial["themes"] = [request.GET["theme"]]
    if request.GET.get("event", "").isdigit():
        initial["event"] = request.GET["event"]
    form = CommitmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        commitment = services.commitment_create(
            created_by=request.user, feedback_items=data.pop("feedback_items"),
            themes=data.pop("themes"), **data)
        messages.success(request, "Commitment made.")
        remember(request, form, commitment.get_absolute_url())
        return redirect(commitment)
    chosen = form["feedback_items"].value() or []
    items = list(FeedbackItem.objects.filter(pk__in=[v for v in chosen if str(v).isdigit()]))
    return render(request, "listening/commitment_form.html", {"form": form, "items": items})


@role_required(Role.STAFF)
def commitment_update(request, pk):
    commitment = access.commitment_for_user(request.user, pk)
    form = CommitmentUpdateForm(request.POST or None, initial={"status": commitment.status})
    recipients = list(services.commitment_recipients(commitment))
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tells = data["status"] != commitment.status and recipients
        try:
            if tells and "send" not in request.POST:
                # People will be told: show them how, before anything is saved or sent.
                Commitment.MOVES.check(commitment.status, data["status"])
                preview = channel_preview(services.commitment_news_messages(
                    commitment, data["text"], status=data["status"], reason=data["reason"]),
                    kind=Kind.COMMITMENT_NEWS)
            else:
                services.commitment_update(commitment=commitment, updated_by=request.user,
                                           **data)
                messages.success(request, "Update saved. Anyone waiting for news has been "
                                          "told.")
                remember(request, form, commitment.get_absolute_url())
                return redirect(commitment)
        except ValidationError as error:
            add_service_error(form, error, field="status")
    return render(request, "listening/commitment_update.html", {
        "commitment": commitment, "form": form, "recipients": recipients,
        "preview": preview, "subject": services.commitment_news_text(commitment, "")[0]})
