from datetime import datetime, time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coproduction.documents import csv_response
from coproduction.paging import paginate
from coproduction.panels import panels_for
from coproduction.roles import Role, role_required
from messaging.kinds import Kind
from messaging.selectors import channel_preview
from people import access, data_export, invitations, second_factor, selectors, services
from people import forms as people_forms
from people.models import (
    Consent,
    DataExport,
    EqualityAnswers,
    Invitation,
    MemberProfile,
    RetentionCheck,
    RoleChange,
    StaffAccess,
    User,
)

# --- Setting up a second factor (staff, finance, admin) ---------------------------------------


def _second_factor_setup_guard(request):
    """Only for someone with no app yet; the others manage theirs on allauth's pages."""
    if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
        return redirect("mfa_index")
    return None


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF, Role.FINANCE, Role.ADMIN)
def second_factor_setup(request):
    if (done := _second_factor_setup_guard(request)) is not None:
        return done
    email = second_factor.setup_email_address(request.user)
    if request.method == "POST" and email:
        if not second_factor.setup_code_send(request=request, user=request.user):
            messages.info(request, "We sent you a code less than a minute ago. "
                                   "Check your email, or wait a minute and ask again.")
        return redirect("people:second_factor_setup_code")
    return render(request, "people/second_factor_setup.html", {"email": email})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF, Role.FINANCE, Role.ADMIN)
def second_factor_setup_code(request):
    if (done := _second_factor_setup_guard(request)) is not None:
        return done
    if not second_factor.code_pending(request.session, request.user):
        return redirect("people:second_factor_setup")
    form = people_forms.SecondFactorSetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = second_factor.setup_code_check(request=request, user=request.user,
                                                code=form.cleaned_data["code"])
        if result == "ok":
            return redirect("mfa_activate_totp")
        if result == "expired":
            messages.error(request, "That code has run out or was tried too many times. "
                                    "We can send you a new one.")
            return redirect("people:second_factor_setup")
        form.add_error("code", "That code is not right. Check the email and try again")
    return render(request, "people/second_factor_setup_code.html",
                  {"form": form, "email": second_factor.setup_email_address(request.user)})


# --- Roles (admin) -------------------------------------------------------------------------


@role_required(Role.ADMIN)
def role_list(request):
    form = people_forms.PersonSearchForm(request.GET or None)
    q = role = ""
    if form.is_valid():
        q, role = form.cleaned_data["q"], form.cleaned_data["role"]
    page = paginate(request, selectors.people_for_role_admin(q=q, role=role))
    return render(request, "people/role_list.html", {"search_form": form, "page": page})


@role_required(Role.ADMIN)
def role_edit(request, pk):
    person = get_object_or_404(User, pk=pk)
    initial = {"roles": [role.value for role in person.roles if role != Role.MEMBER]}
    form = people_forms.RolesForm(request.POST or None, initial=initial,
                                  changed_by=request.user, user=person)
    if request.method == "POST" and form.is_valid():
        changes = services.user_set_roles(changed_by=request.user, user=person,
                                          roles=form.cleaned_data["roles"])
        if changes:
            messages.success(request, f"Roles for {person.email or person} saved.")
        else:
            messages.info(request, f"Nothing changed for {person.email or person}.")
        return redirect("people:role_list")
    recent = RoleChange.objects.filter(user=person).select_related("changed_by")[:20]
    return render(request, "people/role_edit.html",
                  {"form": form, "person": person, "recent_changes": recent})


@role_required(Role.ADMIN)
def role_changes(request):
    changes = RoleChange.objects.select_related("changed_by", "user")
    return render(request, "people/role_changes.html", {"page": paginate(request, changes)})


@require_safe
@role_required(Role.ADMIN)
def access_log(request):
    """The audit trail, for admins only."""
    filter_form = people_forms.AuditFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    return render(request, "people/access_log.html", {
        "filter_form": filter_form, "page": paginate(request, selectors.audit_trail(**filters))})


# --- A member's own profile ------------------------------------------------------------------

# The profile, one question (or a few close ones) per page, as GOV.UK services do.
STEPS = {
    "about-you": (people_forms.AboutYouForm, "What should we call you?"),
    "contact": (people_forms.ContactForm, "How should we contact you?"),
    "formats": (people_forms.FormatsForm, "Formats you need"),
    "access": (people_forms.AccessForm, "What helps you take part"),
    "experience": (people_forms.ExperienceForm, "Your lived experience"),
    "areas": (people_forms.AreasForm, "Where and when you can take part"),
    "recognition": (people_forms.RecognitionForm, "How we thank you"),
}
STEP_NAMES = list(STEPS)


@require_safe
@role_required(Role.MEMBER)
def profile(request):
    summary = selectors.person_summary(request.user)
    return render(request, "people/profile.html", {
        **summary,
        "equality_given": EqualityAnswers.objects.filter(person=request.user).exists(),
        "panels": panels_for("member_profile", request.user),
        "first_step": STEP_NAMES[0],
    })


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def profile_step(request, step):
    if step not in STEPS:
        raise Http404
    form_class, title = STEPS[step]
    # Nothing is saved until the first answer is: a GET writes nothing.
    instance = (MemberProfile.objects.filter(user=request.user).first()
                or MemberProfile(user=request.user))
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        services.profile_save(profile=profile, name=form.cleaned_data.get("name"))
        form.save_m2m()
        joined = services.current_consent(request.user) is not None
        position = STEP_NAMES.index(step)
        if joined:
            messages.success(request, "Your profile is saved.")
            return redirect("people:profile")
        if position + 1 < len(STEP_NAMES):
            return redirect("people:profile_step", step=STEP_NAMES[position + 1])
        return redirect("people:consent")
    position = STEP_NAMES.index(step)
    # Joining: question by question. Already in the bank: change one answer, then back.
    joining = services.current_consent(request.user) is None
    back = (reverse("people:profile_step", args=[STEP_NAMES[position - 1]])
            if joining and position else reverse("people:profile"))
    return render(request, "people/profile_step.html", {
        "form": form, "title": title, "step": step, "number": position + 1,
        "steps": len(STEP_NAMES), "back": back, "joining": joining,
    })


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def consent(request):
    form = people_forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.profile_get_or_create(person=request.user)
        services.consent_give(person=request.user)
        messages.success(request, "You have joined the people bank. Thank you.")
        return redirect("people:profile")
    return render(request, "people/consent.html", {
        "form": form, "current": services.current_consent(request.user),
        "notice_version": settings.PRIVACY_NOTICE_VERSION})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def consent_withdraw(request):
    current = services.current_consent(request.user)
    if request.method == "POST" and current:
        withdrawn = services.consent_withdraw(person=request.user)
        messages.success(
            request, "You have left the people bank. We will not invite you to anything."
            + (f" We withdrew {withdrawn} invitation{'s' if withdrawn != 1 else ''} "
               "still waiting for your answer." if withdrawn else ""))
        return redirect("people:profile")
    return render(request, "people/consent_withdraw.html", {"current": current})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def equality(request):
    existing = EqualityAnswers.objects.filter(person=request.user).first()
    form = people_forms.EqualityForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        answers = {field: form.cleaned_data[field] for field in EqualityAnswers.QUESTIONS}
        services.equality_save(person=request.user, answers=answers)
        messages.success(request, "Thank you. Your answers are saved.")
        return redirect("people:profile")
    return render(request, "people/equality.html", {"form": form, "existing": existing})


@require_POST
@role_required(Role.MEMBER)
def equality_remove(request):
    services.equality_delete(person=request.user)
    messages.success(request, "Your equality monitoring answers are deleted.")
    return redirect("people:profile")


@require_safe
@role_required(Role.STAFF, Role.OUR_VOICE)
def equality_totals(request):
    """The people bank's equality monitoring answers as totals only: their own page, so the
    staff and Our Voice home pages stay short (their panels link here)."""
    return render(request, "people/equality_totals.html",
                  {"totals": selectors.equality_counts()})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def training_add(request):
    form = people_forms.TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.training_add(person=request.user, recorded_by=request.user,
                              **form.cleaned_data)
        messages.success(request, "Training added.")
        return redirect("people:profile")
    return render(request, "people/training_add.html", {"form": form})


# --- Invitations (the invited person) ---------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def invitation(request, pk):
    item = access.invitation_for_user(request.user, pk)
    answerable = item.status != item.Status.WITHDRAWN
    form = people_forms.InvitationAnswerForm(
        request.POST or None, initial={"answer": item.status if item.answered_at else None})
    if request.method == "POST" and answerable and form.is_valid():
        services.invitation_answer(invitation=item, answer=form.cleaned_data["answer"])
        messages.success(request, "Thank you for your answer.")
        return redirect("people:profile")
    return render(request, "people/invitation.html",
                  {"form": form, "invitation": item, "answerable": answerable})


# --- Download and delete my data -------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def my_data(request):
    """Everything held about the member: a page, ?format=json to download it as data, or
    (posting the format) a PDF in their format made in the background."""
    if request.GET.get("format") == "json":
        data = selectors.data_for_person(request.user)
        body = {"generated_at": data["generated_at"],
                **{section["name"]: section["records"] for section in data["sections"]}}
        response = JsonResponse(body, encoder=DjangoJSONEncoder,
                                json_dumps_params={"indent": 2})
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    form = people_forms.DataExportForm(
        request.POST or None,
        initial={"document_format": selectors.document_format_for(request.user)})
    if request.method == "POST" and form.is_valid():
        export = data_export.data_export_request(person=request.user,
                                                 version=form.cleaned_data["document_format"])
        return redirect(export)
    return render(request, "people/my_data.html", {
        **selectors.data_for_person(request.user), "form": form,
        "exports": list(request.user.data_exports.all()[:6])})


# How often the status page looks again while the file is being made (a meta refresh).
DATA_EXPORT_REFRESH_SECONDS = 5


@require_safe
@role_required(Role.MEMBER)
def data_export_status(request, pk):
    """Refreshes itself (no JavaScript needed) until the file is ready or has failed."""
    export = access.data_export_for_user(request.user, pk)
    can_try_again = data_export.data_export_can_try_again(export)
    return render(request, "people/data_export.html", {
        "export": export, "can_try_again": can_try_again,
        "waiting": export.in_the_making and not can_try_again,
        "refresh_seconds": DATA_EXPORT_REFRESH_SECONDS})


@require_safe
@role_required(Role.MEMBER)
def data_export_download(request, pk):
    export = access.data_export_for_user(request.user, pk)
    if export.status != DataExport.Status.DONE or not export.file:
        raise Http404
    return FileResponse(default_storage.open(export.file.name, "rb"), as_attachment=True,
                        filename=f"my-data-{export.version.replace('_', '-')}.pdf",
                        content_type="application/pdf")


@require_POST
@role_required(Role.MEMBER)
def data_export_try_again(request, pk):
    export = access.data_export_for_user(request.user, pk)
    data_export.data_export_try_again(export=export)
    return redirect(export)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def delete_account(request):
    form = people_forms.DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = request.user
        logout(request)
        services.person_anonymise(person=person)
        messages.success(request, "Your account is deleted. Thank you for being part of "
                                  "the people bank.")
        return redirect("home")
    return render(request, "people/delete_account.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MEMBER)
def stay(request):
    if request.method == "POST":
        services.retention_stay(person=request.user)
        messages.success(request, "Thank you. We will keep your account.")
        return redirect("people:profile")
    return render(request, "people/stay.html")


# --- Staff: the people bank ------------------------------------------------------------------


INVITE_CHOICES_SHOWN = 50


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def bank_search(request):
    search_form = people_forms.PeopleSearchForm(request.GET or None)
    results = selectors.people_bank_search(**search_form.filters())
    # The whole bank's total is the kept one the staff home shows (counting every member
    # again cost 150 ms at national size).
    page = paginate(request, results, count=selectors.people_bank_counts()["count"]
                    if search_form.is_whole_bank() else None)
    # The drop-down offers the 50 soonest events and the first 50 projects (issue 13: it
    # listed everything open, so the page grew with the service).
    targets = invitations.open_targets(limit=INVITE_CHOICES_SHOWN)
    form = people_forms.PeopleActionForm(
        request.POST or None, targets=targets,
        people_choices=[(str(person.pk), str(person)) for person in page])
    if request.method == "POST":
        # The people ticked may be on any page: allow every id, then keep those in the bank.
        form.fields["people"].choices = [(value, value) for value in
                                         request.POST.getlist("people")]
        if form.is_valid():
            chosen = list(selectors.people_by_ids(form.cleaned_data["people"]))
            if form.cleaned_data["action"] == "export":
                return _export(request, chosen)
            target = form.cleaned_data["target"]
            if "send" not in request.POST:  # first show how each person will be asked
                to_invite, _ = services.invitations_to_send(people=chosen, target=target)
                return render(request, "people/bank_invite_confirm.html", {
                    "target": target, "people": to_invite,
                    "left_out": len(set(form.cleaned_data["people"])) - len(to_invite),
                    "query": request.GET.urlencode(),
                    "preview": channel_preview(
                        [services.invitation_message(person, target) for person in to_invite],
                        kind=Kind.INVITATION)})
            sent, skipped = services.invitations_send(sent_by=request.user, people=chosen,
                                                      target=target)
            messages.success(request, f"Invited {sent} {'person' if sent == 1 else 'people'} "
                                      f"to {target.title}."
                             + (f" {skipped} already invited or not available." if skipped
                                else ""))
            return redirect(request.get_full_path())
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "people/bank_search.html", {
        "search_form": search_form, "form": form, "page": page, "query": query.urlencode(),
        "targets": targets, "ticked": set(request.POST.getlist("people")),
        "fair_spread_months": settings.FAIR_SPREAD_MONTHS,
    })


def _export(request, chosen):
    services.audit_record(actor=request.user, action=StaffAccess.Action.EXPORTED,
                          object_type="people bank shortlist", count=len(chosen))
    rows = [[person.name, person.email, person.profile.phone,
             person.profile.get_preferred_channel_display(),
             "; ".join(topic.name for topic in person.profile.topics.all()),
             "; ".join(area.name for area in person.profile.areas.all()),
             person.recent_involvements] for person in chosen]
    return csv_response(f"people-bank-shortlist-{timezone.localdate():%Y-%m-%d}.csv",
                        ["Name", "Email", "Phone", "Contact by", "Topics", "Areas",
                         "Recent activities"], rows)


@require_safe
@role_required(Role.STAFF)
def bank_person(request, pk):
    person = access.person_for_user(request.user, pk)
    services.audit_record(actor=request.user, action=StaffAccess.Action.VIEWED_PROFILE,
                          subject=person, obj=person)
    return render(request, "people/bank_person.html", {
        **selectors.person_summary(person),
        "panels": panels_for("member_profile", person) + panels_for("staff_person", person),
        "steps": [(slug, title) for slug, (_form, title) in STEPS.items()],
        "retention_check": RetentionCheck.objects.filter(person=person).first(),
    })


# --- Staff: acting for a person (who phoned, wrote, or does not use the portal) ----------
# Each page calls the same service the person's own page does, with the staff member as
# changed_by / recorded_by / answered_by: the service applies the same rules and records
# "by staff member X for Y" in the person's history.


def _for_person_page(request, person, template, context):
    return render(request, template, {"person": person,
                                      "back": reverse("people:bank_person", args=[person.pk]),
                                      **context})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def bank_person_step(request, pk, step):
    """Changes one part of the person's profile for them (the member's own questions)."""
    person = access.person_for_user(request.user, pk)
    if step not in STEPS:
        raise Http404
    form_class, title = STEPS[step]
    instance = MemberProfile.objects.filter(user=person).first() or MemberProfile(user=person)
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        services.profile_save(profile=profile, name=form.cleaned_data.get("name"),
                              changed_by=request.user, what=f"their answers to “{title}”")
        form.save_m2m()
        messages.success(request, f"{person}'s profile is saved.")
        return redirect("people:bank_person", pk=person.pk)
    return _for_person_page(request, person, "people/bank_person_step.html",
                            {"form": form, "title": title})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def bank_person_consent(request, pk):
    """Consent given by phone or on paper: how, when, what they were told, and by whom."""
    person = access.person_joining_for_user(request.user, pk)
    current = services.current_consent(person)
    form = people_forms.StaffConsentForm(request.POST or None)
    if request.method == "POST" and current is None and form.is_valid():
        data = form.cleaned_data
        given_at = timezone.make_aware(datetime.combine(data["given_on"], time(12)))
        services.profile_get_or_create(person=person)
        services.consent_give(person=person, method=data["method"], recorded_by=request.user,
                              given_at=min(given_at, timezone.now()),
                              what_they_were_told=data["what_they_were_told"])
        messages.success(request, f"{person} has joined the people bank.")
        return redirect("people:bank_person", pk=person.pk)
    return _for_person_page(request, person, "people/bank_person_consent.html", {
        "form": form, "current": current, "notice_version": settings.PRIVACY_NOTICE_VERSION,
        # Their full profile opens only once they are in the people bank.
        "back": reverse("people:bank_person" if current else "people:bank_search",
                        args=[person.pk] if current else [])})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def bank_person_invitation(request, pk, invitation_pk):
    """The answer the person gave to an invitation, by phone or letter."""
    person = access.person_for_user(request.user, pk)
    item = get_object_or_404(Invitation, pk=invitation_pk, person=person)
    answerable = item.status != item.Status.WITHDRAWN
    form = people_forms.StaffInvitationAnswerForm(
        request.POST or None, initial={"answer": item.status if item.answered_at else None})
    if request.method == "POST" and answerable and form.is_valid():
        services.invitation_answer(invitation=item, answer=form.cleaned_data["answer"],
                                   answered_by=request.user)
        messages.success(request, f"{person}'s answer is saved.")
        return redirect("people:bank_person", pk=person.pk)
    return _for_person_page(request, person, "people/bank_person_invitation.html",
                            {"form": form, "invitation": item, "answerable": answerable})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def bank_person_stay(request, pk):
    """Their answer to the retention question, given by phone or letter."""
    person = access.person_for_user(request.user, pk)
    check = RetentionCheck.objects.filter(person=person).first()
    form = people_forms.StaffRetentionAnswerForm(request.POST or None)
    if request.method == "POST" and check is not None and form.is_valid():
        if form.cleaned_data["answer"] == "stay":
            services.retention_stay(person=person, recorded_by=request.user)
            messages.success(request, f"Saved: {person} wants to stay.")
            return redirect("people:bank_person", pk=person.pk)
        services.retention_leave(person=person, recorded_by=request.user)
        messages.success(request, "Their account and details are deleted.")
        return redirect("people:bank_search")
    return _for_person_page(request, person, "people/bank_person_stay.html",
                            {"form": form, "check": check})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.STAFF)
def bank_create(request):
    form = people_forms.StaffCreateMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile_fields = {field: data[field] for field in form.Meta.fields
                          if field not in ("topics", "areas")}
        profile_fields["draws_on_care"] = "care" in data["lived_experience"]
        profile_fields["unpaid_carer"] = "carer" in data["lived_experience"]
        person = services.member_create_on_behalf(
            created_by=request.user, email=data["email"], name=data["name"],
            method=data["method"], profile_fields=profile_fields, topics=data["topics"],
            areas=data["areas"], what_they_were_told=data["what_they_were_told"])
        messages.success(request, f"{person.name} is now in the people bank.")
        return redirect("people:bank_person", pk=person.pk)
    return render(request, "people/bank_create.html", {
        "form": form, "methods": Consent.Method})
