from django import forms

from coproduction.forms import DateField
from coproduction.plain_language import PlainLanguageFields
from people.models import Topic
from projects.forms import TidyTextareas
from projects.models import Project
from stories.models import CaseStudy, Picture, Quote, Story


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
