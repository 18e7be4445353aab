from django import forms
from django.utils import timezone

from coproduction.forms import DateField, DayAndTimes
from coproduction.plain_language import PlainLanguageFields
from learning.models import (
    Audience,
    Course,
    CourseSession,
    ForumTheme,
    Topic,
    Trainer,
)
from learning.selectors import counted_places_left
from people.models import AccessNeed, User
from projects.forms import TidyTextareas


class PersonByEmail(forms.EmailField):
    """A person with an account, found by their email address."""

    def clean(self, value):
        email = super().clean(value)
        if not email:
            return None
        person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if person is None:
            raise forms.ValidationError("No one with that email address has an account. "
                                        "Add them to the people bank first.")
        return person


class CourseFilterForm(forms.Form):
    audience = forms.ChoiceField(label="Who it is for", required=False, choices=[
        ("", "Everyone"), (Audience.MEMBERS, "People with lived experience and carers"),
        (Audience.STAFF, "Council staff")])


class CourseForm(PlainLanguageFields, TidyTextareas, forms.ModelForm):
    plain_language_fields = ("summary", "what_you_will_learn", "easy_read_summary")

    class Meta:
        model = Course
        fields = ["title", "audience", "summary", "what_you_will_learn", "easy_read_summary",
                  "provider", "published"]
        widgets = {"audience": forms.RadioSelect,
                   "summary": forms.Textarea(attrs={"rows": 4}),
                   "what_you_will_learn": forms.Textarea(attrs={"rows": 5}),
                   "easy_read_summary": forms.Textarea(attrs={"rows": 4})}


class SessionForm(DayAndTimes, TidyTextareas, forms.ModelForm):
    online_link = forms.URLField(label="Online meeting link", required=False,
                                 assume_scheme="https")
    arranged = forms.MultipleChoiceField(label="What has been arranged", required=False,
                                         choices=AccessNeed.choices,
                                         widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CourseSession
        fields = ["date", "start_time", "end_time", "in_person", "venue", "address", "online",
                  "online_link", "access_arrangements", "arranged", "capacity"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   "access_arrangements": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("in_person") and not cleaned.get("online"):
            self.add_error("in_person", "Say whether the session is in person, online, or both.")
        if cleaned.get("online") and not cleaned.get("online_link"):
            self.add_error("online_link", "Enter the link for the online session.")
        if cleaned.get("in_person") and not cleaned.get("venue"):
            self.add_error("venue", "Enter where the session is.")
        return cleaned


class BookingForm(TidyTextareas, forms.Form):
    access_needs = forms.CharField(
        label="What do you need to take part?", widget=forms.Textarea(attrs={"rows": 3}),
        required=False, max_length=2000,
        help_text="We filled this in from your profile. You can change it for this session.")
    needs = forms.MultipleChoiceField(label="Do you need any of these?",
                                      choices=AccessNeed.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)


class BookForPersonForm(BookingForm):
    """Staff book a place for someone who phoned or wrote: the member's own questions, and
    which course date."""

    session = forms.ModelChoiceField(
        label="Which course and date?", queryset=CourseSession.objects.none(),
        widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose a course and date",
                        "invalid_choice": "Choose a course and date from the list"})
    field_order = ["session", "access_needs", "needs"]

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions

        def label(session):
            left = counted_places_left(session)
            return (f"{session.course.title}, "
                    f"{timezone.localtime(session.starts_at):%-d %B %Y}: "
                    + (f"{left} place{'s' if left != 1 else ''} left" if left else
                       "full, they will join the waiting list"))
        self.fields["session"].label_from_instance = label
        self.fields["access_needs"].label = "What do they need to take part?"
        self.fields["access_needs"].help_text = ("We have filled in what their profile says. "
                                                 "Check it with them.")


class AttendanceForm(forms.Form):
    came = forms.MultipleChoiceField(label="Who came?", required=False,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text="Tick everyone who came. Each gets the course "
                                               "on their training record and a certificate.")

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["came"].choices = [(str(b.person_id), str(b.person)) for b in bookings]
        self.fields["came"].initial = [str(b.person_id) for b in bookings if b.came]

    def came_ids(self) -> set[int]:
        return {int(value) for value in self.cleaned_data["came"]}


class TrainerForm(forms.Form):
    email = PersonByEmail(label="Trainer's email address")
    kind = forms.ChoiceField(label="Their part", choices=Trainer.Kind.choices,
                             widget=forms.RadioSelect)
    hours = forms.DecimalField(
        label="Hours to pay for", min_value=0, max_value=24, decimal_places=2,
        help_text="The session and any time to prepare, for example 3.5. Only "
                  "lived-experience co-trainers are paid.",
        error_messages={"invalid": "Enter the hours as a number, like 3.5",
                        "min_value": "Enter 0 hours or more",
                        "max_value": "Enter 24 hours or fewer",
                        "max_decimal_places": "Enter the hours to 2 decimal places at most"})


class PaperRecordForm(forms.Form):
    email = PersonByEmail(label="Their email address",
                          help_text="The email address their account uses.")
    course = forms.ModelChoiceField(Course.objects.all(), label="One of our courses",
                                    required=False, empty_label="Not one of ours",
                                    help_text="Our courses come with a certificate.")
    title = forms.CharField(label="Or the name of the course or session", required=False,
                            max_length=200, help_text="For training run by someone else.")
    provider = forms.CharField(label="Who ran it", required=False, max_length=200)
    completed_on = DateField(label="When did they complete it?",
                             help_text="For example, 27 3 2026")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("course") and not cleaned.get("title", "").strip() \
                and "course" not in self.errors:
            self.add_error("course", "Choose one of our courses, or type the name of the "
                                     "course they went to.")
        return cleaned


class TrainedFilterForm(forms.Form):
    course = forms.ModelChoiceField(Course.objects.all(), label="Course", required=False,
                                    empty_label="Choose a course")
    leads = forms.BooleanField(label="Only staff leading a project now", required=False)


class ChecklistForm(TidyTextareas, forms.Form):
    """For each checklist item: done or not, and a note of how."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            item, answer = row["item"], row["answer"]
            self.fields[f"done_{item.pk}"] = forms.BooleanField(
                label=item.text, required=False, initial=bool(answer and answer.done))
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=f"How: {item.text}", required=False, max_length=2000,
                help_text=item.hint,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.note if answer else "")

    def answers(self) -> dict:
        return {row["item"].pk: (self.cleaned_data[f"done_{row['item'].pk}"],
                                 self.cleaned_data[f"note_{row['item'].pk}"])
                for row in self.rows}


class ForumSearchForm(forms.Form):
    q = forms.CharField(label="Search the forum", required=False, max_length=100)
    theme = forms.ModelChoiceField(ForumTheme.objects.all(), label="Theme", required=False,
                                   empty_label="Any theme")
    kind = forms.ChoiceField(label="Questions or successes", required=False,
                             choices=[("", "Both"), *Topic.Kind.choices])


class TopicForm(TidyTextareas, forms.Form):
    kind = forms.ChoiceField(label="Is it a question or a success to share?",
                             choices=Topic.Kind.choices, widget=forms.RadioSelect)
    theme = forms.ModelChoiceField(ForumTheme.objects.all(), label="Theme",
                                   empty_label="Choose a theme")
    title = forms.CharField(label="Title", max_length=150,
                            help_text="A short line that says what it is about.")
    body = forms.CharField(label="What do you want to say?", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="Plain text. Links are fine. Do not name people who "
                                     "draw on care.")


class ReplyForm(TidyTextareas, forms.Form):
    body = forms.CharField(label="Your reply", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text="Plain text. Links are fine.")


class ReportForm(TidyTextareas, forms.Form):
    reason = forms.CharField(label="What is wrong with this post?", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="A moderator will look at it.")


class HideForm(TidyTextareas, forms.Form):
    reason = forms.CharField(label="Why are you hiding it?", max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Everyone sees this reason where the post was.")
