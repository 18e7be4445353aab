from django import forms
from django.forms import formset_factory

from coproduction.forms import DateField, DayAndTimes, RecentChoiceField
from coproduction.plain_language import PlainLanguageFields
from listening.models import (
    Channel,
    Commitment,
    Event,
    FeedbackItem,
    Question,
    Registration,
    Theme,
)
from people.models import Area, Topic, User


def staff_people():
    return User.objects.filter(is_council_staff=True, is_active=True).order_by("name", "email")


class EventForm(DayAndTimes, PlainLanguageFields, forms.ModelForm):
    plain_language_fields = ("description", "audience")
    topics = forms.ModelMultipleChoiceField(queryset=Topic.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    areas = forms.ModelMultipleChoiceField(queryset=Area.objects.all(), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Event
        fields = ["title", "kind", "description", "audience", "host", "date", "start_time",
                  "end_time", "in_person", "venue", "accessibility", "online", "online_details",
                  "capacity", "companions_take_places", "topics", "areas", "project",
                  "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "accessibility": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"project": RecentChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = staff_people()
        # The latest projects, and the one chosen: not every project there ever was.
        self.fields["project"].queryset = self.fields["project"].queryset.order_by(
            "-starts_on", "pk")


class CompanionsMixin(forms.Form):
    brings = forms.MultipleChoiceField(
        label="Will anyone come with you?", required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("carer", "A carer"), ("assistant", "A personal assistant"),
                 ("interpreter", "An interpreter")])


class RegisterForm(CompanionsMixin):
    access_needs = forms.CharField(
        label="What do you need to take part?", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a hearing loop, large print, a quiet room, help with travel. "
                  "We have filled in what your profile says. You can change it.")
    field_order = ["access_needs", "brings"]


class BookForPersonForm(RegisterForm):
    """Staff book a place for someone who phoned or wrote: the member's own questions, and
    which event."""

    event = forms.ModelChoiceField(
        label="Which event?", queryset=Event.objects.none(), widget=forms.RadioSelect,
        empty_label=None, error_messages={"required": "Choose an event"})
    field_order = ["event", "access_needs", "brings"]

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["event"].label_from_instance = (
            lambda event: f"{event.title}, {event.starts_at:%-d %B %Y}")
        self.fields["access_needs"].label = "What do they need to take part?"
        self.fields["access_needs"].help_text = ("We have filled in what their profile says. "
                                                 "Check it with them.")
        self.fields["brings"].label = "Will anyone come with them?"


class GuestRegisterForm(CompanionsMixin):
    guest_name = forms.CharField(label="Your name", max_length=150)
    guest_contact_method = forms.ChoiceField(
        label="How should we contact you?", widget=forms.RadioSelect,
        choices=Registration.ContactMethod.choices)
    guest_contact = forms.CharField(
        label="Your email address, phone number or postal address", max_length=300)
    access_needs = forms.CharField(label="What do you need to take part?", required=False,
                                   max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["guest_name", "guest_contact_method", "guest_contact", "access_needs",
                   "brings"]

    def clean(self):
        data = super().clean()
        if data.get("guest_contact_method") == Registration.ContactMethod.EMAIL and \
                data.get("guest_contact"):
            try:
                forms.EmailField().clean(data["guest_contact"])
            except forms.ValidationError:
                self.add_error("guest_contact", "Enter an email address like name@example.com")
        return data


class WalkInForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150)
    email = forms.EmailField(label="Email address (optional)", required=False,
                             help_text="If they are a member, we add it to their record.")


ANONYMOUS_NEWS = ("We cannot tell you what happens if your feedback is not linked to your "
                  "name. Untick one of the two boxes")


class FeedbackForm(forms.Form):
    """What a member (or a visitor, anonymously) tells us online."""

    question = forms.ChoiceField(label="What would you like to tell us about?",
                                 widget=forms.RadioSelect, choices=Question.choices)
    text = forms.CharField(label="What would you like to say?",
                           widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    consent_to_quote = forms.BooleanField(
        label="You may quote my words on the website. You will not show my name.",
        required=False)
    # These two are drawn together in feedback_give.html, each hint inside its own checkbox
    # (GOV.UK's checkbox hint), so that no hint sits under the wrong box.
    wants_updates = forms.BooleanField(
        label="Tell me what happens because of this", required=False,
        help_text="We will tell you the way you chose in your profile.",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input",
                                          "aria-describedby": "id_wants_updates_hint"}))
    anonymous = forms.BooleanField(
        label="Do not link this to my name", required=False,
        help_text="If you tick this, we cannot tell you what happens.",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input",
                                          "aria-describedby": "id_anonymous_hint"}))
    topic = forms.ModelChoiceField(label="Topic (optional)", queryset=Topic.objects.all(),
                                   required=False, empty_label="Choose a topic")
    area = forms.ModelChoiceField(label="Area (optional)", queryset=Area.objects.all(),
                                  required=False, empty_label="Choose an area")

    def __init__(self, *args, member=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not member:  # visitors are anonymous: there is nobody to tell
            del self.fields["wants_updates"]
            del self.fields["anonymous"]

    def clean(self):
        data = super().clean()
        if data.get("wants_updates") and data.get("anonymous"):
            self.add_error("wants_updates", ANONYMOUS_NEWS)
        return data


class FeedbackBatchForm(forms.Form):
    """What all the items on one bulk-entry page share."""

    event = RecentChoiceField(label="Event (leave empty if not from an event)",
                                   queryset=Event.objects.order_by("-starts_at"), required=False)
    channel = forms.ChoiceField(label="Where did these come from?", choices=[
        choice for choice in Channel.choices if choice[0] != Channel.SURVEY])


class FeedbackRowForm(forms.Form):
    question = forms.ChoiceField(label="Question", choices=[("", "Choose"), *Question.choices],
                                 required=False)
    text = forms.CharField(label="What they said", required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    email = forms.EmailField(label="Their email, if a member (optional)", required=False)
    consent_to_quote = forms.BooleanField(label="May quote", required=False)
    wants_updates = forms.BooleanField(label="Wants news", required=False)

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("question"):
            self.add_error("question", "Choose which question this answers")
        if data.get("question") and not data.get("text"):
            self.add_error("text", "Enter what they said")
        email = data.get("email")
        if email:
            data["person"] = User.objects.filter(email__iexact=email).first()
            if data["person"] is None:
                self.add_error("email", "No member has this email address")
        elif data.get("wants_updates"):
            self.add_error("wants_updates", "To send them news, enter the email address they "
                                            "use with us")
        return data

    def to_row(self):
        data = self.cleaned_data
        return {"question": data["question"], "text": data["text"],
                "person": data.get("person"), "consent_to_quote": data["consent_to_quote"],
                "wants_updates": data["wants_updates"]}


FeedbackRowFormSet = formset_factory(FeedbackRowForm, extra=5, max_num=20)


class SurveyUploadForm(forms.Form):
    file = forms.FileField(label="CSV file of survey results",
                           help_text="Columns: question, text, consent_to_quote (yes or no), "
                                     "topic, area, email. Only text is needed.")
    event = RecentChoiceField(label="Event (leave empty for an open survey)",
                                   queryset=Event.objects.order_by("-starts_at"), required=False)

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 2 MB")
        head = upload.read(2048)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError("The file must be a CSV file")
        return upload


class FeedbackFilterForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=100)
    event = RecentChoiceField(queryset=Event.objects.order_by("-starts_at"),
                              required=False, empty_label="Any event")
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False,
                                   empty_label="Any theme")
    question = forms.ChoiceField(choices=[("", "Any question"), *Question.choices],
                                 required=False)
    untagged = forms.BooleanField(label="Only items with no theme", required=False)


class TagForm(forms.Form):
    """Tags the ticked items. Its ids start "tag_" because the filter form on the same page
    has a theme field too (two fields with the id id_theme break labels)."""

    items = forms.ModelMultipleChoiceField(queryset=FeedbackItem.objects.all(),
                                           error_messages={"required": "Tick at least one item"})
    theme = forms.ModelChoiceField(label="Theme", queryset=Theme.objects.all(), required=False,
                                   empty_label="Choose a theme")
    new_theme = forms.CharField(label="Or a new theme", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "tag_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if not data.get("theme") and not data.get("new_theme"):
            self.add_error("theme", "Choose a theme or type a new one")
        return data


class ThemeMergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(label="Merge this theme", queryset=Theme.objects.all(),
                                       empty_label="Choose a theme")
    into = forms.ModelChoiceField(label="Into this theme", queryset=Theme.objects.all(),
                                  empty_label="Choose a theme")

    def clean(self):
        data = super().clean()
        if data.get("duplicate") and data.get("duplicate") == data.get("into"):
            self.add_error("into", "Choose a different theme to merge into")
        return data


class ThemeForm(forms.Form):
    name = forms.CharField(label="New theme", max_length=100)


class CommitmentForm(PlainLanguageFields, forms.ModelForm):
    plain_language_fields = ("we_will",)
    themes = forms.ModelMultipleChoiceField(queryset=Theme.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            label="Themes it answers")
    feedback_items = forms.ModelMultipleChoiceField(
        queryset=FeedbackItem.objects.all(), required=False,
        widget=forms.MultipleHiddenInput)

    class Meta:
        model = Commitment
        fields = ["you_said", "we_will", "owner", "due_date", "event", "topic", "area",
                  "themes", "feedback_items"]
        widgets = {"you_said": forms.Textarea(attrs={"rows": 3}),
                   "we_will": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"due_date": DateField, "event": RecentChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_people()
        self.fields["event"].queryset = Event.objects.order_by("-starts_at")

    def clean(self):
        data = super().clean()
        if not data.get("themes") and not data.get("feedback_items"):
            self.add_error("themes", "Choose the themes this answers, or start from the "
                                     "feedback list and tick the items")
        return data


class CommitmentUpdateForm(PlainLanguageFields, forms.Form):
    plain_language_fields = ("text", "reason")
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect,
                               choices=Commitment.Status.choices)
    text = forms.CharField(label="What happened (in plain words)",
                           widget=forms.Textarea(attrs={"rows": 4}), max_length=3000,
                           help_text="For example: We did ... This is public.")
    reason = forms.CharField(label="Why we can't do this", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Only if we can't do it. Be honest and clear.")

    def clean(self):
        data = super().clean()
        if data.get("status") == Commitment.Status.CANT_DO and not data.get("reason"):
            self.add_error("reason", "Say why we can't do this")
        return data


class WhatWeHeardForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 12}),
                           max_length=10000)


class ReportFilterForm(forms.Form):
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False,
                                   empty_label="Any topic")
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False,
                                  empty_label="Any area")
    date_from = DateField(label="From", required=False, help_text="For example, 1 4 2026")
    date_to = DateField(label="To", required=False, help_text="For example, 31 3 2027")


class CommitmentFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Commitment.Status.choices],
                               required=False)
    flagged = forms.BooleanField(label="Only those needing news", required=False)

