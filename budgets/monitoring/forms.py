"""The monitoring list's filters."""

from django import forms

from .services import SORTS, show_choices


class MonitoringForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=100)
    show = forms.MultipleChoiceField(
        label="Show only",
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        error_messages={"invalid_choice": "Choose how to sort from the list"},
    )

    def __init__(self, *args, settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = list(show_choices(settings).items())
