"""Our Voice's own space: /our-voice/group/. The group's meetings are added, and attendance
marked, through the ordinary project meeting pages (the group is a project)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from coproduction.forms import DateField, add_service_error
from coproduction.roles import Role, role_required
from coproduction.uploads import check_upload, give_random_name
from projects import our_voice, rules
from projects.forms import TidyTextareas
from projects.models import ActionItem, MeetingPaper, Session
from projects.views import _form_page

GROUP_ROLES = (Role.OUR_VOICE, Role.STAFF)


class ActionForm(TidyTextareas, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["action", "owner", "due_on", "status", "note", "session"]
        field_classes = {"due_on": DateField}
        widgets = {"action": forms.Textarea(attrs={"rows": 3}),
                   "note": forms.Textarea(attrs={"rows": 3}), "status": forms.RadioSelect}
        help_texts = {"due_on": "For example, 31 1 2027",
                      "owner": "A name, or a role such as 'Co-chairs'",
                      "note": "What has happened so far (optional)"}
        error_messages = {
            "action": {"required": "Say what will be done"},
            "owner": {"required": "Say who will do it"},
            "due_on": {"required": "Enter the date it is due by",
                       "invalid": "Enter the date as year-month-day, for example 2027-01-31"},
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(project=group).order_by(
            "-starts_at")
        self.fields["session"].required = False
        self.fields["session"].empty_label = "Not agreed at a meeting"
        self.fields["status"].choices = ActionItem.Status.choices


class PaperForm(forms.ModelForm):
    class Meta:
        model = MeetingPaper
        fields = ["session", "kind", "format", "title", "file"]
        widgets = {"kind": forms.RadioSelect, "format": forms.RadioSelect}
        labels = {"session": "Meeting", "kind": "Papers or minutes?",
                  "file": "File (PDF or Word document)"}
        error_messages = {"title": {"required": "Give the papers a title"},
                          "file": {"required": "Choose a file"},
                          "session": {"required": "Choose the meeting"}}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(project=group).order_by(
            "-starts_at")
        self.fields["session"].empty_label = "Choose a meeting"
        for name in ("kind", "format"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            give_random_name(uploaded, check_upload(uploaded, kinds=("pdf", "docx")))
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return uploaded


@require_safe
@role_required(*GROUP_ROLES)
def space(request):
    context = our_voice.space(request.user)
    group = context["group"]
    return render(request, "projects/our_voice_space.html", {
        **context, "can_run": bool(group) and rules.can_run(request.user, group),
        "is_council_staff": rules.is_council_staff(request.user)})


@require_POST
@role_required(Role.STAFF)
def set_up(request):
    our_voice.our_voice_group_set_up(by=request.user)
    messages.success(request, "The Our Voice group's space is ready.")
    return redirect("projects:our_voice_space")


def _action_page(request, action, *, title, button):
    group = our_voice.group_or_404()
    form = ActionForm(request.POST or None, instance=action, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            our_voice.action_save(action=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Action log saved.")
            return redirect("projects:our_voice_space")
    return _form_page(request, form, title=title, button=button,
                      back=reverse("projects:our_voice_space"),
                      back_text="Back to the Our Voice group")


@role_required(*GROUP_ROLES)
def action_create(request):
    group = our_voice.group_or_404()
    return _action_page(request, ActionItem(project=group), title="Add an action",
                        button="Add action")


@role_required(*GROUP_ROLES)
def action_edit(request, pk):
    action = our_voice.action_in_group(pk)
    return _action_page(request, action, title="Update an action", button="Save action")


@role_required(*GROUP_ROLES)
def paper_add(request):
    group = our_voice.group_or_404()
    if not rules.can_run(request.user, group):
        raise PermissionDenied
    form = PaperForm(request.POST or None, request.FILES or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            our_voice.paper_add(paper=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Papers added.")
            return redirect("projects:our_voice_space")
    return _form_page(request, form, title="Add papers or minutes", button="Add",
                      back=reverse("projects:our_voice_space"),
                      back_text="Back to the Our Voice group", multipart=True)


@require_safe
@role_required(*GROUP_ROLES)
def paper(request, pk):
    found = our_voice.paper_in_group(pk)
    extension = found.file.name.rsplit(".", 1)[-1]
    return FileResponse(found.file.open("rb"), as_attachment=True,
                        filename=f"{slugify(found.title) or 'paper'}.{extension}")
