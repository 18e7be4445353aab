from decimal import Decimal

from crispy_forms_gds.choices import Choice
from django import forms
from django.db.models import Q

from coproduction.forms import DateField, DayAndTimes
from coproduction.plain_language import PlainLanguageFields
from coproduction.uploads import check_upload, give_random_name
from people.models import AccessNeed, Area, Topic, User
from people.selectors import people_bank_members
from projects.models import (
    LEVEL_MEANINGS,
    Assurance,
    Evaluation,
    Interest,
    Level,
    Principle,
    Project,
    Reflection,
    Session,
    Status,
    TimeOfDay,
    Update,
)


class TidyTextareas:
    """Textareas that show what was typed exactly, with no leading line break."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.template_name = "projects/widgets/textarea.html"


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, empty_label="Any topic")
    area = forms.ModelChoiceField(Area.objects.all(), required=False, empty_label="Any area")
    mode = forms.ChoiceField(label="Online or in person", required=False, choices=[
        ("", "Either"), ("online", "Online"), ("in_person", "In person")])
    time = forms.ChoiceField(label="Time of day", required=False, choices=[
        ("", "Any time"), (TimeOfDay.DAYTIME, "Daytime"), (TimeOfDay.EVENING, "Evening")])
    paid = forms.ChoiceField(label="Payment", required=False, choices=[
        ("", "Paid or unpaid"), ("yes", "Paid"), ("no", "Not paid")])
    status = forms.ChoiceField(label="Status", required=False, choices=[
        ("", "Any status"), (Status.RECRUITING, "Looking for people"),
        (Status.RUNNING, "Running"), (Status.EVALUATING, "Looking back"),
        (Status.CLOSED, "Finished")])


class MemberLookup(forms.CharField):
    """One member of the people bank, found by email address or full name: a search rather
    than a drop-down of every account (which grows with the whole people bank)."""

    def prepare_value(self, value):
        if isinstance(value, int):
            value = User.objects.filter(pk=value).first()
        if isinstance(value, User):
            return value.email or value.name
        return value

    current = None  # the co-chair already chosen stays valid even if they left the bank

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        if self.current is not None and text.lower() == self.current.email.lower():
            return self.current
        matches = list(people_bank_members().filter(
            Q(email__iexact=text) | Q(name__iexact=text))[:2])
        if not matches:
            raise forms.ValidationError(
                "Nobody in the people bank has that email address or name. Check it, or "
                "search the people bank.")
        if len(matches) > 1:
            raise forms.ValidationError(
                f"More than one member is called {text}. Type their email address instead.")
        return matches[0]


class ProjectForm(PlainLanguageFields, TidyTextareas, forms.ModelForm):
    plain_language_fields = ("summary", "easy_read_summary", "aims", "in_scope",
                             "out_of_scope", "who_for")
    topics = forms.ModelMultipleChoiceField(Topic.objects.all(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    areas = forms.ModelMultipleChoiceField(Area.objects.all(), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    staff_co_chair = forms.ModelChoiceField(
        User.objects.filter(is_council_staff=True, is_active=True),
        label="Staff co-chair", empty_label="Choose a member of staff")
    lived_experience_co_chair = MemberLookup(
        required=False, label="Co-chair with lived experience (optional)",
        help_text="The email address or full name of a member of the people bank who chairs "
                  "the project with the staff co-chair. Leave it empty if not chosen yet.")

    class Meta:
        model = Project
        fields = ["title", "summary", "easy_read_summary", "problem", "aims", "in_scope",
                  "out_of_scope", "who_for", "what_is_involved", "level", "starts_on",
                  "ends_on", "places", "in_person", "online", "time_of_day", "where",
                  "access_arrangements", "paid", "expenses_and_payment", "topics", "areas",
                  "staff_co_chair", "lived_experience_co_chair", "terms_of_reference",
                  "terms_document"]
        widgets = {
            "level": forms.RadioSelect, "time_of_day": forms.RadioSelect,
            "terms_document": forms.FileInput,
        }
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        help_texts = {"starts_on": "For example, 1 9 2026", "ends_on": "For example, 31 3 2027",
                      "terms_document": "A PDF or Word document, if the group agreed one.",
                      "expenses_and_payment": "Only what is special to this project, for "
                                              "example 'Taxis paid for if you need one'. The "
                                              "page shows the rates from the payments policy: "
                                              "do not write a rate here."}
        labels = {"expenses_and_payment": "Anything more about costs and payment (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expenses_and_payment"].required = False
        self.fields["lived_experience_co_chair"].current = self.instance.lived_experience_co_chair
        # Every level with its plain meaning as the radio's hint, and no empty first choice.
        self.fields["level"].choices = [Choice(level.value, level.label,
                                               hint=LEVEL_MEANINGS[level]) for level in Level]

    def clean_terms_document(self):
        document = self.cleaned_data.get("terms_document")
        if document and hasattr(document, "content_type"):
            give_random_name(document, check_upload(document, kinds=("pdf", "docx")))
        return document

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        if not cleaned.get("online") and not cleaned.get("in_person"):
            self.add_error("in_person", "Say whether the project meets in person, online, "
                                        "or both.")
        return cleaned


class StatusForm(TidyTextareas, forms.Form):
    to = forms.ChoiceField(label="Move the project to", widget=forms.RadioSelect)
    outcome_summary = forms.CharField(
        label="What changed because of the project", required=False, widget=forms.Textarea,
        help_text="Needed when you close a project. It is shown on the public project page.")

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s.value, s.label) for s in project.allowed_next()]
        self.fields["outcome_summary"].initial = project.outcome_summary


# Each point of the scale in words, so nobody has to guess what a number means.
SCORE_CHOICES = [
    (1, "1: The plan does not show this yet"),
    (2, "2: The plan shows a little of this"),
    (3, "3: The plan shows some of this"),
    (4, "4: The plan shows most of this"),
    (5, "5: The plan shows this well"),
]


class ScoreForm(TidyTextareas, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for principle in Principle:
            self.fields[principle.value] = forms.TypedChoiceField(
                label=principle.label, choices=SCORE_CHOICES, coerce=int,
                widget=forms.RadioSelect, help_text="How well does the plan show this?")


class CommentForm(TidyTextareas, forms.Form):
    body = forms.CharField(label="Your comment", widget=forms.Textarea, max_length=4000)


class ReplyForm(TidyTextareas, forms.Form):
    reply = forms.CharField(label="Your answer", widget=forms.Textarea, max_length=4000)


class DecisionForm(TidyTextareas, forms.Form):
    decision = forms.ChoiceField(label="Our Voice decision", choices=Assurance.choices,
                                 widget=forms.RadioSelect)
    reasons = forms.CharField(label="Reasons and suggestions", widget=forms.Textarea,
                              required=False, max_length=4000,
                              help_text="Needed unless the plan is assured as it is.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") and cleaned["decision"] != Assurance.ASSURED \
                and not cleaned.get("reasons", "").strip():
            self.add_error("reasons", "Give your reasons, so staff know what to change.")
        return cleaned


class InterestForm(TidyTextareas, forms.Form):
    what_i_bring = forms.CharField(
        label="What would you bring?", widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="A few words about your experience. For example, 'I care for my mum, who "
                  "has dementia.'")
    access_needs = forms.CharField(
        label="What do you need to take part?", widget=forms.Textarea(attrs={"rows": 3}),
        required=False, max_length=2000,
        help_text="We filled this in from your profile. You can change it for this project.")
    needs = forms.MultipleChoiceField(
        label="Do you need any of these?", choices=AccessNeed.choices, required=False,
        widget=forms.CheckboxSelectMultiple)


class InterestForPersonForm(InterestForm):
    """Staff register the interest of someone who phoned or wrote: which project, the
    member's own questions, and whether to give them a place now."""

    project = forms.ModelChoiceField(
        label="Which project?", queryset=Project.objects.none(), widget=forms.RadioSelect,
        empty_label=None, error_messages={"required": "Choose a project"})
    give_place = forms.BooleanField(
        label="Give them a place now", required=False,
        help_text="Only if there is a free place and nobody is waiting for one. Otherwise "
                  "the project's lead decides, as for everyone.")
    field_order = ["project", "what_i_bring", "access_needs", "needs", "give_place"]

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["what_i_bring"].label = "What would they bring?"
        self.fields["what_i_bring"].help_text = ("A few words about their experience, as they "
                                                 "told you.")
        self.fields["access_needs"].label = "What do they need to take part?"
        self.fields["access_needs"].help_text = ("We filled this in from their profile. Check "
                                                 "it with them.")
        self.fields["needs"].label = "Do they need any of these?"


class DecideForm(TidyTextareas, forms.Form):
    decision = forms.ChoiceField(label="What do you want to do?", widget=forms.RadioSelect,
                                 choices=[(Interest.State.ACCEPTED, "Offer a place"),
                                          (Interest.State.WAITING, "Put on the waiting list"),
                                          (Interest.State.DECLINED, "Say no, kindly")])
    message = forms.CharField(
        label="Message to the person", widget=forms.Textarea, required=False, max_length=2000,
        help_text="Needed if you say no. Thank them and say why, in plain English.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Interest.State.DECLINED \
                and not cleaned.get("message", "").strip():
            self.add_error("message", "Write a kind message to say why.")
        return cleaned


class SessionForm(DayAndTimes, TidyTextareas, forms.ModelForm):
    online_link = forms.URLField(label="Online meeting link", required=False,
                                 assume_scheme="https")

    class Meta:
        model = Session
        fields = ["title", "date", "start_time", "end_time", "in_person", "venue", "address",
                  "venue_access", "online", "online_link", "what_to_bring"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("in_person") and not cleaned.get("online"):
            self.add_error("in_person", "Say whether the meeting is in person, online, or both.")
        if cleaned.get("online") and not cleaned.get("online_link"):
            self.add_error("online_link", "Enter the link for the online meeting.")
        if cleaned.get("in_person") and not cleaned.get("venue"):
            self.add_error("venue", "Enter where the meeting is.")
        return cleaned


class ArrangedForm(TidyTextareas, forms.Form):
    arranged = forms.MultipleChoiceField(label="Arranged for this meeting",
                                         choices=AccessNeed.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)


class AttendanceForm(TidyTextareas, forms.Form):
    """One hours box per member: empty means they did not come."""

    def __init__(self, *args, rows, longest, **kwargs):
        super().__init__(*args, **kwargs)
        most = f"{longest.normalize():f}"
        too_many = (f"Enter a number of hours more than 0 and no more than {most}, "
                    "the length of the meeting.")
        for row in rows:
            person = row["person"]
            self.fields[f"hours_{person.pk}"] = forms.DecimalField(
                label=f"Hours {person} took part", required=False, min_value=Decimal("0.01"),
                max_value=longest, decimal_places=2, initial=row["hours"],
                help_text="Leave empty if they did not come.",
                error_messages={"min_value": too_many, "max_value": too_many,
                                "invalid": "Enter the hours as a number, like 1.5",
                                "max_decimal_places": "Enter the hours to 2 decimal places "
                                                      "at most, like 1.25",
                                "max_digits": too_many})

    def hours_by_person(self):
        return {int(name.removeprefix("hours_")): value
                for name, value in self.cleaned_data.items()}


class UpdateForm(PlainLanguageFields, TidyTextareas, forms.ModelForm):
    plain_language_fields = ("body",)

    class Meta:
        model = Update
        fields = ["title", "body", "public"]
        labels = {"body": "What you want to say"}

    def plain_language_applies(self):
        return bool(self["public"].value())


class EvaluationForm(TidyTextareas, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [*Evaluation.QUESTIONS, "from_start", "comment", "share_comment"]
        widgets = {field: forms.RadioSelect for field in [*Evaluation.QUESTIONS, "from_start"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in [*Evaluation.QUESTIONS, "from_start"]:
            self.fields[field].choices = [c for c in self.fields[field].choices if c[0] != ""]


class ReflectionForm(TidyTextareas, forms.ModelForm):
    class Meta:
        model = Reflection
        fields = ["what_changed", "do_differently"]
