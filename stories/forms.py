from django import forms

from coproduction.plain_language import PlainLanguageFields
from people.models import Topic
from projects.forms import TidyTextareas
from projects.models import Project
from stories.models import Picture, Quote, Story


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
