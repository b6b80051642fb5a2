"""The finance officer's monitoring list, kept as one row for each active direct payment
(issue 15). Imported by budgets/models.py, so the app's models stay one set.

A row holds what the list filters, sorts and counts on, copied from the record by
budgets/monitoring/rows.py alone (its docstring says when). The reasons that depend on the day
(no records for 12 weeks, first check due, a check overdue) are stored as the dates they are
judged from and compared with today in the list's query; the surplus is worked out there from
the stored figures with each council's settings in force. Pages show the figures read from the
record itself, except the count of open questions (services.page_parts says why).
"""

from django.db import models

from people.models import Organisation
from people.models import money_field as pounds_field


def _money(**kwargs):
    return pounds_field(max_digits=14, **kwargs)


class MonitoringRow(models.Model):
    part = models.OneToOneField(
        "budgets.BudgetPart",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="monitoring_row",
    )
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    last_name = models.CharField(max_length=100)
    first_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    starts_on = models.DateField()
    weekly_amount = _money()
    # The weekly amount less the person's contribution: what the council pays in (net basis).
    weekly_net = _money()
    balance = _money()
    # The money held less what is owed or set aside and the person's own overpaid
    # contributions: what the surplus threshold is compared with.
    free = _money()
    contributions_missing = models.PositiveIntegerField()
    open_flags = models.PositiveIntegerField()
    first_checked = models.BooleanField()
    # The earliest "due by" of the checks and returns still waiting for the person.
    check_due_by = models.DateField(null=True)
    # A check sent back or a notice ready: something waiting for the finance officer.
    waiting = models.BooleanField()
    last_record_on = models.DateField(null=True)
    # The day the figures were worked out (contributions due are counted up to that day).
    worked_out_on = models.DateField()

    class Meta:
        indexes = [
            models.Index(
                fields=["council", "last_name", "first_name", "part"], name="monitoring_by_name"
            )
        ]

    def __str__(self) -> str:
        return f"Monitoring row of part {self.part_id}"
