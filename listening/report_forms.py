"""Forms for asking for a "You said, we did" report and writing its easy-read words."""

from django import forms

from coproduction.documents import DocumentFormat
from coproduction.forms import DateField, RecentChoiceField
from coproduction.plain_language import EASY_READ_MAX_WORDS, PlainLanguageFields
from listening import pictograms
from listening.models import Event, Report
from people.models import Area, Topic


class ReportRequestForm(forms.Form):
    scope = forms.ChoiceField(label="What is the report about?", widget=forms.RadioSelect,
                              choices=Report.Scope.choices)
    event = RecentChoiceField(
        label="Event", required=False, empty_label="Choose an event",
        queryset=Event.objects.order_by("-starts_at", "pk"),
        help_text="Only if the report is about one event.")
    project = RecentChoiceField(
        label="Project", required=False, empty_label="Choose a project", queryset=None,
        help_text="Only if the report is about one project.")
    date_from = DateField(label="From", required=False, example="1 1 2026",
                          help_text="For the whole department: the start of the period, for "
                                    "example 1 1 2026.")
    date_to = DateField(label="To", required=False, example="31 3 2026",
                        help_text="For example, 31 3 2026.")
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False,
                                   empty_label="Any topic")
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False,
                                  empty_label="Any area")
    versions = forms.MultipleChoiceField(
        label="Versions", widget=forms.CheckboxSelectMultiple, choices=DocumentFormat.choices,
        initial=DocumentFormat.values,
        help_text="Each version is its own web page and PDF, made from the same data.")

    def __init__(self, *args, **kwargs):
        from projects.models import Project

        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.order_by("-starts_on", "pk")

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == Report.Scope.EVENT and not data.get("event"):
            self.add_error("event", "Choose the event the report is about")
        if scope == Report.Scope.PROJECT and not data.get("project"):
            self.add_error("project", "Choose the project the report is about")
        if data.get("date_from") and data.get("date_to") and \
                data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end date must be on or after the start date")
        return data


class EasyReadForm(PlainLanguageFields, forms.Form):
    """The easy-read words are checked in the plain-language check's stricter easy-read mode
    as staff type; saving refuses a sentence over 15 words (listening.reports)."""

    plain_language_fields = ("easy_read_text",)
    plain_language_max_words = EASY_READ_MAX_WORDS

    easy_read_text = forms.CharField(
        label="Easy-read words", widget=forms.Textarea(attrs={"rows": 4}), max_length=600,
        help_text="Short sentences of at most 15 words. One idea in each sentence. Use "
                  "everyday words.")
    easy_read_picture = forms.ChoiceField(label="Picture", choices=(), required=True,
                                          widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["easy_read_picture"].choices = pictograms.choices()

    def pictures(self):
        """(pictogram, checked, option id) for the picker."""
        chosen = self["easy_read_picture"].value()
        return [(picture, picture.name == chosen, f"id_easy_read_picture_{number}")
                for number, picture in enumerate(pictograms.catalogue().values(), start=1)]
