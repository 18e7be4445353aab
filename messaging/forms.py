from django import forms

from messaging.models import CallAttempt, Channel, Delivery


class CallForm(forms.Form):
    outcome = forms.ChoiceField(label="What happened?", widget=forms.RadioSelect,
                                choices=CallAttempt.Outcome.choices,
                                error_messages={"required": "Say whether you reached them"})
    note = forms.CharField(label="Note (optional)", required=False, max_length=300,
                           help_text="For example: left a voicemail, or they asked us to "
                                     "call back after 2pm. No health details.")


class OutboxFilterForm(forms.Form):
    channel = forms.ChoiceField(label="How", required=False,
                                choices=[("", "Every way")] + Channel.choices)
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status")] + Delivery.Status.choices)
