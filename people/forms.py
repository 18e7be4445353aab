import re

from django import forms
from django.conf import settings

from coproduction.forms import DateField, DocumentFormatField
from people import invitations
from people.models import (
    GRANTABLE_ROLES,
    AccessNeed,
    Area,
    Availability,
    Consent,
    EqualityAnswers,
    Format,
    MeetingMode,
    MemberProfile,
    MessageFrequency,
    Notification,
    Recognition,
    Role,
    StaffAccess,
    Topic,
    TrainingRecord,
    User,
)


class SignupDetailsForm(forms.Form):
    """The extra question allauth asks at sign-up."""

    name = forms.CharField(
        label="What would you like us to call you?",
        help_text="This does not have to be your full name.",
        max_length=150,
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        help_text="Everyone with an account is a member. Tick the extra roles this person has.",
        choices=[(role.value, role.label) for role in GRANTABLE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, changed_by=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.changed_by = changed_by
        self.user = user

    def clean_roles(self):
        roles = {Role(value) for value in self.cleaned_data["roles"]}
        if self.user == self.changed_by and Role.ADMIN not in roles:
            raise forms.ValidationError(
                "You cannot remove your own admin role. Ask another admin to do it."
            )
        return roles


class PersonSearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)
    role = forms.ChoiceField(
        label="Role",
        required=False,
        choices=[("", "Any role"), *[(role.value, role.label) for role in GRANTABLE_ROLES]],
    )


# --- The people bank ---------------------------------------------------------------------

PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


def _checkboxes(choices, label, help_text=""):
    return forms.MultipleChoiceField(choices=choices, label=label, help_text=help_text,
                                     required=False, widget=forms.CheckboxSelectMultiple)


class AboutYouForm(forms.ModelForm):
    name = forms.CharField(label="What would you like us to call you?", max_length=150,
                           help_text="This does not have to be your full name.")

    class Meta:
        model = MemberProfile
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial = self.instance.user.name


class ContactForm(forms.ModelForm):
    class Meta:
        model = MemberProfile
        fields = ["preferred_channel", "phone", "address", "contact_times",
                  "message_frequency"]
        labels = {"preferred_channel": "How should we contact you?",
                  "message_frequency": "How often should we send you news?"}
        widgets = {"preferred_channel": forms.RadioSelect,
                   "message_frequency": forms.RadioSelect,
                   "address": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"phone": "We need this if you would like a phone call or text message.",
                      "address": "We need this if you would like letters."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not answering keeps each message as it happens.
        self.fields["message_frequency"].required = False

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or "
                                        "07700 900 982")
        return phone

    def clean_message_frequency(self):
        return self.cleaned_data["message_frequency"] or MessageFrequency.AS_IT_HAPPENS

    def clean(self):
        data = _check_contact(self, super().clean())
        person = getattr(self.instance, "user", None)
        if (data.get("preferred_channel") == Notification.Channel.EMAIL and person is not None
                and not person.email):
            # Staff changing it for someone with no email address.
            self.add_error("preferred_channel", "They have no email address: choose phone, "
                                                "text or letter")
        return data


def _check_contact(form, data):
    """The contact details the chosen channel needs."""
    channel = data.get("preferred_channel")
    if channel in (Notification.Channel.PHONE, Notification.Channel.TEXT) and not (
            data.get("phone") or form.errors.get("phone")):
        form.add_error("phone", "Enter a phone number so that we can call or text")
    if channel == Notification.Channel.POST and not data.get("address", "").strip():
        form.add_error("address", "Enter a postal address so that we can write")
    return data


class FormatsForm(forms.ModelForm):
    formats = _checkboxes(Format.choices, "Which formats do you need?",
                          "Tick all that apply. Leave them all unticked if you need none.")

    class Meta:
        model = MemberProfile
        fields = ["formats", "interpreter_language", "formats_other"]
        help_texts = {"interpreter_language": "Only if you need an interpreter."}

    def clean(self):
        data = super().clean()
        if Format.INTERPRETER in data.get("formats", []) and not data.get(
                "interpreter_language", "").strip():
            self.add_error("interpreter_language", "Tell us which language the interpreter "
                                                   "should speak")
        return data


class AccessForm(forms.ModelForm):
    access_needs = _checkboxes(AccessNeed.choices, "What helps you take part in meetings?",
                               "Tick all that apply.")

    class Meta:
        model = MemberProfile
        fields = ["access_needs", "access_needs_other"]
        widgets = {"access_needs_other": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"access_needs_other": "For example, a reasonable adjustment, or "
                                            "something about the room or the time of day."}


class ExperienceForm(forms.ModelForm):
    lived_experience = _checkboxes(
        [("care", "I draw on care and support"), ("carer", "I am an unpaid carer")],
        "Your lived experience", "Tick all that apply.")
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="What do you know about?", help_text="Tick all that apply.")

    class Meta:
        model = MemberProfile
        fields = ["topics", "help_with"]
        widgets = {"help_with": forms.Textarea(attrs={"rows": 4})}
        labels = {"help_with": "What would you like to help with?"}

    # The page's main question first (Django puts declared fields after the model's).
    field_order = ["lived_experience", "topics", "help_with"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        self.fields["lived_experience"].initial = (
            (["care"] if profile.draws_on_care else [])
            + (["carer"] if profile.unpaid_carer else []))

    def save(self, commit=True):
        chosen = self.cleaned_data["lived_experience"]
        self.instance.draws_on_care = "care" in chosen
        self.instance.unpaid_carer = "carer" in chosen
        return super().save(commit)


class AreasForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Which areas do you live in or know?", help_text="Tick all that apply.")
    availability = _checkboxes(Availability.choices, "When are you free?",
                               "Tick all that apply.")

    class Meta:
        model = MemberProfile
        fields = ["areas", "meeting_mode", "availability"]
        widgets = {"meeting_mode": forms.RadioSelect}
        labels = {"meeting_mode": "How can you meet?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_mode"].required = True
        self.fields["meeting_mode"].choices = MeetingMode.choices
        self.fields["meeting_mode"].error_messages["required"] = "Choose how you can meet"


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = MemberProfile
        fields = ["recognition"]
        widgets = {"recognition": forms.RadioSelect}
        labels = {"recognition": "How would you like us to thank you?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recognition"]
        field.required = True
        field.choices = Recognition.choices
        field.error_messages["required"] = "Choose how you would like us to thank you"


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label="I agree to join the people bank",
        help_text="We keep your details so that we can ask you to take part. "
                  "You can leave at any time.",
        error_messages={"required": "Tick the box to say you agree to join the people bank"})


class EqualityForm(forms.ModelForm):
    agree = forms.BooleanField(
        label="I agree that you may keep these answers",
        help_text="Staff only ever see totals, never your answers.",
        error_messages={"required": "Tick the box to say you agree, or go back"})

    class Meta:
        model = EqualityAnswers
        fields = list(EqualityAnswers.QUESTIONS)
        widgets = {field: forms.RadioSelect for field in EqualityAnswers.QUESTIONS}
        labels = {field: question for field, (question, _c) in EqualityAnswers.QUESTIONS.items()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, (question, choices) in EqualityAnswers.QUESTIONS.items():
            self.fields[field].choices = choices
            self.fields[field].error_messages["required"] = (
                f"Answer \u201c{question}\u201d, or choose \u201cPrefer not to say\u201d")


class TrainingForm(forms.ModelForm):
    attended_on = DateField(label="When was it?", help_text="For example, 27 3 2026")

    class Meta:
        model = TrainingRecord
        fields = ["title", "provider", "attended_on"]
        labels = {"title": "Name of the course or session"}


class DataExportForm(forms.Form):
    """"Download my data" as a PDF: in which format (the member's own is chosen first)."""

    document_format = DocumentFormatField()


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that this deletes my account and cannot be undone",
        error_messages={"required": "Tick the box to confirm you want to delete your account"})


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Would you like to take part?", widget=forms.RadioSelect,
        choices=[("yes", "Yes, I would like to take part"), ("no", "No, thank you"),
                 ("not_now", "Not now, but ask me again another time")],
        error_messages={"required": "Choose yes, no or not now"})


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name or words in their profile", required=False,
                        max_length=200)
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False,
                                   empty_label="Any topic")
    lived_experience = forms.ChoiceField(
        label="Lived experience", required=False,
        choices=[("", "Any"), ("care", "Draws on care and support"),
                 ("carer", "Unpaid carer")])
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False,
                                  empty_label="Any area")
    meeting_mode = forms.ChoiceField(label="Can meet", required=False,
                                     choices=[("", "Any way"), *MeetingMode.choices])
    availability = forms.ChoiceField(label="Free", required=False,
                                     choices=[("", "Any time"), *Availability.choices])
    format = forms.ChoiceField(label="Needs format", required=False,
                               choices=[("", "Any"), *Format.choices])
    access_need = forms.ChoiceField(label="Needs at meetings", required=False,
                                    choices=[("", "Any"), *AccessNeed.choices])
    recognition = forms.ChoiceField(label="Wants to be thanked by", required=False,
                                    choices=[("", "Any"), *Recognition.choices])
    not_recently_involved = forms.BooleanField(
        label=f"Only people not involved in the last {settings.FAIR_SPREAD_MONTHS} months",
        required=False)
    sort = forms.ChoiceField(
        label="Sort by", required=False,
        choices=[("fair", "Least involved recently first"), ("name", "Name"),
                 ("newest", "Newest to the people bank")])

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items()
                if value not in ("", None, False)}

    def is_whole_bank(self) -> bool:
        """No filter, only an order: the results are everyone in the bank."""
        return not set(self.filters()) - {"sort"}


class PeopleActionForm(forms.Form):
    """Invite or export the people ticked in the results."""

    people = forms.MultipleChoiceField(
        label="People", widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one person"})
    target = forms.ChoiceField(label="Invite them to", required=False)
    action = forms.ChoiceField(choices=[("invite", "Invite"), ("export", "Export")],
                               widget=forms.HiddenInput)

    def __init__(self, *args, people_choices=(), targets=(), **kwargs):
        """`targets`: the ones the drop-down offers (a bounded list: the soonest events and
        the first projects by title). Any other target still open may be chosen too (a form
        sent from an older page, or a test), so the one chosen is added to the list."""
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people_choices
        self.targets = {t.key: t for t in targets}
        chosen = self.data.get("target") or self.initial.get("target")
        if chosen and chosen not in self.targets:
            target = invitations.find_target(chosen)
            if target is not None:
                self.targets = {target.key: target, **self.targets}
        self.fields["target"].choices = [("", "Choose a project or event"),
                                         *[(key, t.title) for key, t in self.targets.items()]]

    def clean(self):
        data = super().clean()
        if data.get("action") == "invite":
            if not data.get("target"):
                self.add_error("target", "Choose what to invite them to")
            else:
                data["target"] = self.targets[data["target"]]
        return data


class StaffCreateMemberForm(forms.ModelForm):
    """A staff member adds someone from a paper form or a phone call."""

    name = forms.CharField(label="Name they like to be called", max_length=150)
    email = forms.EmailField(label="Email address", required=False,
                             help_text="Leave empty if they do not use email.")
    method = forms.ChoiceField(label="How did they agree to join?", widget=forms.RadioSelect,
                               choices=[(Consent.Method.PAPER, "On a paper form"),
                                        (Consent.Method.PHONE, "By phone")],
                               error_messages={"required": "Choose how they agreed to join"})
    agreed = forms.BooleanField(
        label=f"They have been given privacy notice {settings.PRIVACY_NOTICE_VERSION} and "
              "agreed to join the people bank",
        error_messages={"required": "Confirm they agreed to the privacy notice"})
    what_they_were_told = forms.CharField(
        label="What was read or shown to them? (optional)", required=False, max_length=2000,
        help_text="For example: the easy-read privacy notice, read aloud in full.",
        widget=forms.Textarea(attrs={"rows": 3}))
    lived_experience = ExperienceForm.base_fields["lived_experience"]
    topics = ExperienceForm.base_fields["topics"]
    areas = AreasForm.base_fields["areas"]
    formats = FormatsForm.base_fields["formats"]
    access_needs = AccessForm.base_fields["access_needs"]
    availability = AreasForm.base_fields["availability"]

    class Meta:
        model = MemberProfile
        fields = ["preferred_channel", "phone", "address", "contact_times", "formats",
                  "interpreter_language", "access_needs", "access_needs_other", "topics",
                  "help_with", "areas", "meeting_mode", "availability", "recognition"]
        widgets = {"preferred_channel": forms.RadioSelect, "meeting_mode": forms.RadioSelect,
                   "recognition": forms.RadioSelect,
                   "address": forms.Textarea(attrs={"rows": 3}),
                   "access_needs_other": forms.Textarea(attrs={"rows": 3}),
                   "help_with": forms.Textarea(attrs={"rows": 3})}
        labels = {"preferred_channel": "How should we contact them?"}

    field_order = ["name", "email", "method", "agreed", "what_they_were_told"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_mode"].choices = MeetingMode.choices
        self.fields["recognition"].choices = Recognition.choices

    def clean_email(self):
        from people.models import User

        email = self.cleaned_data["email"].strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone with this email address already has an "
                                        "account. Search the people bank for them instead")
        return email

    def clean_phone(self):
        return ContactForm.clean_phone(self)

    def clean(self):
        data = _check_contact(self, super().clean())
        if not data.get("email") and data.get("preferred_channel") == Notification.Channel.EMAIL:
            self.add_error("preferred_channel", "They have no email address: choose phone, "
                                                "text or letter")
        return data


# --- Staff acting for someone (by phone, letter or on paper) ------------------------------

class StaffConsentForm(forms.Form):
    """Consent given by phone or on paper: how, when, and what was read or shown to them."""

    method = forms.ChoiceField(label="How did they agree to join?", widget=forms.RadioSelect,
                               choices=[(Consent.Method.PHONE, "By phone"),
                                        (Consent.Method.PAPER, "On a paper form")],
                               error_messages={"required": "Choose how they agreed to join"})
    given_on = DateField(label="When did they agree?", help_text="For example, 27 3 2026")
    what_they_were_told = forms.CharField(
        label="What was read or shown to them?",
        help_text="For example: the easy-read privacy notice, read aloud in full, and they "
                  "asked about who sees their details.",
        max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what was read or shown to them"})
    agreed = forms.BooleanField(
        label=f"They were given privacy notice {settings.PRIVACY_NOTICE_VERSION} and agreed "
              "to join the people bank",
        error_messages={"required": "Confirm they agreed to the privacy notice"})

    def clean_given_on(self):
        from django.utils import timezone

        given_on = self.cleaned_data["given_on"]
        if given_on and given_on > timezone.localdate():
            raise forms.ValidationError("The date they agreed must be today or in the past")
        return given_on


class StaffInvitationAnswerForm(InvitationAnswerForm):
    """The answer the person gave staff by phone or letter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = "What did they answer?"
        field.choices = [("yes", "Yes, they would like to take part"),
                         ("no", "No, thank you"),
                         ("not_now", "Not now, but ask them again another time")]


class StaffRetentionAnswerForm(forms.Form):
    """Their answer to "Do you want to stay in the people bank?", given by phone or letter."""

    answer = forms.ChoiceField(
        label="What did they answer?", widget=forms.RadioSelect,
        choices=[("stay", "They want to stay"),
                 ("leave", "They want to leave and have their details deleted")],
        error_messages={"required": "Choose what they answered"})
    confirm = forms.BooleanField(
        label="I understand that deleting their details cannot be undone", required=False)

    def clean(self):
        data = super().clean()
        if data.get("answer") == "leave" and not data.get("confirm"):
            self.add_error("confirm", "Tick the box to confirm their details are to be deleted")
        return data


class SecondFactorSetupCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the email",
        help_text="It has 6 numbers, for example 045718.",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "class": "govuk-input--width-5", "spellcheck": "false"}),
        error_messages={"required": "Enter the code from the email we sent you"},
    )

    def clean_code(self):
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("Enter the 6 numbers from the email, for example 045718")
        return code


class AuditFilterForm(forms.Form):
    """The admin's filters on the audit trail. Each is optional."""

    action = forms.ChoiceField(label="What", required=False,
                               choices=[("", "Anything"), *StaffAccess.Action.choices])
    actor = forms.ModelChoiceField(
        label="Who", required=False, empty_label="Anyone",
        # Everyone who has done something recorded, by name: a bounded list of staff.
        queryset=User.objects.filter(pk__in=StaffAccess.objects.values("actor"))
        .order_by("name", "email"))
    since = DateField(label="From", required=False, example="1 12 2026")
    until = DateField(label="To", required=False, example="31 12 2026")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end date must be on or after the start date")
        return data

