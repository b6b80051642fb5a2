"""How a person wants to hear from the service."""

from django import forms

from .models import Channel


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label="How should we contact you?",
        choices=[
            (Channel.EMAIL, "By email"),
            (Channel.TEXT, "By text message"),
            (Channel.LETTER, "By letter"),
            (Channel.NONE, "Please do not send me reminders"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how we should contact you",
            "invalid_choice": "Choose how we should contact you from the list",
        },
    )
    easy_read = forms.BooleanField(
        label="Send messages in easy read: short sentences and plain words", required=False
    )

    def __init__(self, *args, name: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if name:
            self.fields["channel"].label = f"How should we contact {name}?"
            self.fields["channel"].choices[-1] = (Channel.NONE, f"Do not send {name} reminders")
            self.fields["channel"].error_messages["required"] = (
                f"Choose how we should contact {name}"
            )
