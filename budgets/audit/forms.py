"""The period of an audit statement."""

from django import forms

from core.forms import DateField


class StatementForm(forms.Form):
    period_start = DateField(label="From", help_text="For example, 1 4 2026")
    period_end = DateField(label="To", past_only=True, help_text="For example, 31 3 2027")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The last day must be on or after the first day")
        return data
