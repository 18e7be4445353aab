from datetime import timedelta

from django import forms
from django.utils import timezone

from coproduction.forms import DateField
from coproduction.plain_language import (
    EASY_READ_MAX_WORDS,
    PlainLanguageFields,
    check_easy_read,
    load_glossary,
)
from listening.models import Event
from people.models import Area, Topic, User
from projects.forms import TidyTextareas
from projects.models import Project
from projects.models import Status as ProjectStatus
from stories.models import CaseStudy, NewsPost, Partner, Picture, Quote, Story


class StoryForm(PlainLanguageFields, TidyTextareas, forms.ModelForm):
    plain_language_fields = ("body", "easy_read_summary")
    topics = forms.ModelMultipleChoiceField(Topic.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    projects = forms.ModelMultipleChoiceField(Project.objects.public(), required=False,
                                              widget=forms.CheckboxSelectMultiple,
                                              label="Projects it is about")

    class Meta:
        model = Story
        fields = ["title", "body", "easy_read_summary", "topics", "projects"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}),
                   "easy_read_summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = Project.objects.public().order_by("title")


class QuoteForm(TidyTextareas, forms.ModelForm):
    consent_given = forms.BooleanField(
        label="The speaker agreed to these words being published", required=True,
        error_messages={"required": "We can only publish someone's words if they agreed. "
                                    "Tick the box once they have."})

    class Meta:
        model = Quote
        fields = ["text", "speaker", "consent_given"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PictureForm(forms.ModelForm):
    image = forms.FileField(label="Picture", help_text="A JPEG or PNG, smaller than 5MB.")

    class Meta:
        model = Picture
        fields = ["image", "alt_text"]


class StoryMoveForm(forms.Form):
    to = forms.ChoiceField(choices=Story.Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StoryFilterForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False,
                                   empty_label="Any topic")

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topics is not None:
            self.fields["topic"].queryset = Topic.objects.filter(pk__in=[t.pk for t in topics])


class CaseStudyForm(PlainLanguageFields, TidyTextareas, forms.ModelForm):
    plain_language_fields = ("summary", "what_changed", "easy_read_summary")

    class Meta:
        model = CaseStudy
        fields = ["title", "summary", "problem", "who_was_involved", "what_they_did",
                  "what_changed", "learning", "conditions", "barriers", "easy_read_summary",
                  "started_on", "ended_on", "level_of_involvement", "people_involved",
                  "how_often", "evaluation_results", "commitments_met"]
        field_classes = {"started_on": DateField, "ended_on": DateField}
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in [
            "problem", "who_was_involved", "what_they_did", "what_changed", "learning",
            "conditions", "barriers", "easy_read_summary", "evaluation_results",
            "commitments_met"]}


class CaseStudyImportForm(forms.Form):
    file = forms.FileField(label="Case study file (JSON)",
                           help_text="The file another council's portal exported.")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > 1024 * 1024:
            raise forms.ValidationError("The selected file must be smaller than 1MB.")
        return uploaded


class PartnerForm(TidyTextareas, forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https",
                             help_text="For example, https://www.example.org")
    class Meta:
        model = Partner
        fields = ["name", "what_they_do", "contact_name", "contact_email", "contact_phone",
                  "website", "projects", "events"]
        widgets = {"what_they_do": forms.Textarea(attrs={"rows": 4}),
                   "projects": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = (Project.objects.exclude(status=ProjectStatus.WITHDRAWN)
                                            .order_by("title"))
        # Events from the last year and to come: the list stays short enough to choose from.
        since = timezone.now() - timedelta(days=365)
        self.fields["events"].queryset = Event.objects.filter(starts_at__gte=since).order_by(
            "starts_at")
        self.fields["events"].help_text = ("Events from the last year and to come. Hold down "
                                           "Ctrl (or Cmd) to choose more than one.")


class PartnerAccountForm(forms.Form):
    email = forms.EmailField(label="Email address of their account",
                             help_text="They must have made an account on this site first.")

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("There is no account with this email address.")
        self.user = user
        return email


class MyGroupsForm(forms.Form):
    groups = forms.ModelMultipleChoiceField(
        Partner.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Which groups do you belong to?",
        help_text="Optional. Tick any you are part of. Only staff see this.")


class NewsForm(PlainLanguageFields, TidyTextareas, forms.ModelForm):
    plain_language_fields = ("body",)
    topics = forms.ModelMultipleChoiceField(Topic.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    areas = forms.ModelMultipleChoiceField(Area.objects.all(), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = NewsPost
        fields = ["title", "body", "easy_read", "topics", "areas"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8}),
                   "easy_read": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The easy-read version gets the stricter check, live and after saving.
        self.fields["easy_read"].widget.attrs.update({
            "data-plain-language": "true",
            "data-plain-language-max-words": str(EASY_READ_MAX_WORDS)})

    def plain_language_report(self, glossary=None):
        report = super().plain_language_report(glossary)
        if not self.is_bound:
            return report
        findings = check_easy_read(str(self["easy_read"].value() or ""),
                                   glossary=glossary if glossary is not None
                                   else load_glossary())
        if findings:
            report.append({"label": "Easy-read version",
                           "findings": [finding.as_dict() for finding in findings]})
        return report


class NewsFilterForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False,
                                   empty_label="Any topic")
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False,
                                  empty_label="Any area")
