"""Reading a council's settings in force on a day, and changing them from a date."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import DomainError
from core.formats import long_date

from .. import access
from .models import (
    DP_FIRST_REVIEW_MAX_MONTHS,
    PLAN_FIRST_REVIEW_MAX_WEEKS,
    ROUTINE_REVIEW_MAX_MONTHS,
    CouncilSettings,
)
from .signals import council_settings_changed

# The order changes take effect in: by date, and for the same date the one made last.
OLDEST_FIRST = ("effective_from", "created_at", "id")
NEWEST_FIRST = ("-effective_from", "-created_at", "-id")

# What a council may set, each with the limits the page explains when a value is outside them.
SETTING_FIELDS = [
    "payment_cycle",
    "surplus_weeks",
    "surplus_basis",
    "contingency_weeks",
    "first_check_weeks",
    "record_reminder_days",
    "contribution_missing_days",
    "return_months",
    "repayment_notice_days",
    "retention_years",
    "plan_first_review_weeks",
    "dp_first_review_months",
    "routine_review_months",
    "dbs_max_age_years",
]


@dataclass(frozen=True)
class Limit:
    low: int
    high: int
    why: str


LIMITS = {
    "surplus_weeks": Limit(1, 52, "Enter a number of weeks from 1 to 52"),
    "contingency_weeks": Limit(
        0, 12, "Enter a number of weeks from 0 to 12 (0 if the threshold already covers it)"
    ),
    "return_months": Limit(
        0, 12, "Enter a number of months from 0 to 12 (0 for no regular returns)"
    ),
    "first_check_weeks": Limit(1, 52, "Enter a number of weeks from 1 to 52"),
    "record_reminder_days": Limit(
        7, 91, "Enter a number of days from 7 to 91: reminders more often than weekly upset people"
    ),
    "contribution_missing_days": Limit(1, 60, "Enter a number of days from 1 to 60"),
    "repayment_notice_days": Limit(
        14,
        90,
        "Give at least 14 days' notice (up to 90): people must have time to answer before "
        "money is taken back",
    ),
    "retention_years": Limit(1, 20, "Enter a number of years from 1 to 20"),
    "plan_first_review_weeks": Limit(
        1,
        PLAN_FIRST_REVIEW_MAX_WEEKS,
        "The first review of a plan must be within 8 weeks of it starting or changing "
        "(the statutory guidance says 6 to 8 weeks)",
    ),
    "dp_first_review_months": Limit(
        1,
        DP_FIRST_REVIEW_MAX_MONTHS,
        "The law says a direct payment is first reviewed within 6 months: enter 1 to 6",
    ),
    "routine_review_months": Limit(
        1,
        ROUTINE_REVIEW_MAX_MONTHS,
        "The law says plans and direct payments are reviewed at least every 12 months: "
        "enter 1 to 12",
    ),
    "dbs_max_age_years": Limit(1, 10, "Enter a number of years from 1 to 10"),
}


def council_settings_in_force(authority, on: date | None = None) -> CouncilSettings:
    """The council's settings on the day (today if not given); the defaults if it has set none."""
    return council_settings_in_force_for([authority.id], on)[authority.id]


def council_settings_in_force_for(authority_ids, on: date | None = None) -> dict:
    """{council id: its settings on the day} for several councils, in one query."""
    on = on or timezone.localdate()
    found = {}
    rows = CouncilSettings.objects.filter(
        authority_id__in=authority_ids, effective_from__lte=on
    ).order_by("authority_id", *NEWEST_FIRST)
    for row in rows:
        found.setdefault(row.authority_id, row)
    return {
        authority_id: found.get(authority_id)
        or CouncilSettings(authority_id=authority_id, effective_from=on)
        for authority_id in authority_ids
    }


def council_settings_upcoming(authority, on: date | None = None) -> list[CouncilSettings]:
    """Changes made to start on a later day, soonest first: for each day, the latest made."""
    on = on or timezone.localdate()
    rows = CouncilSettings.objects.filter(authority=authority, effective_from__gt=on)
    latest = {}
    for row in rows.select_related("changed_by").order_by(*NEWEST_FIRST):
        latest.setdefault(row.effective_from, row)
    return sorted(latest.values(), key=lambda row: row.effective_from)


def council_settings_history(authority):
    """Every change the council made, newest first, each with what it changed from the values
    that came before it; a change replaced by a later one for the same day says so."""
    rows = list(
        CouncilSettings.objects.filter(authority=authority)
        .select_related("changed_by")
        .order_by(*OLDEST_FIRST)
    )
    before = CouncilSettings(authority=authority)
    for row, after in zip(rows, [*rows[1:], None], strict=False):
        row.replaced = after is not None and after.effective_from == row.effective_from
        row.changes = [
            (
                CouncilSettings._meta.get_field(name).verbose_name,
                _shown(before, name),
                _shown(row, name),
            )
            for name in SETTING_FIELDS
            if getattr(before, name) != getattr(row, name)
        ]
        before = row
    return list(reversed(rows))


def _label(name: str) -> str:
    return str(CouncilSettings._meta.get_field(name).verbose_name)


def _shown(settings: CouncilSettings, name: str) -> str:
    display = getattr(settings, f"get_{name}_display", None)
    return str(display() if display else getattr(settings, name))


def _check(values: dict, effective_from: date, today: date) -> None:
    if effective_from < today:
        raise DomainError(
            "A change cannot start in the past. Enter today's date or a later one",
            field="effective_from",
        )
    for name, limit in LIMITS.items():
        value = values[name]
        if not limit.low <= value <= limit.high:
            raise DomainError(limit.why, field=name)


@transaction.atomic
def council_settings_change(
    *, authority, user, effective_from: date, values: dict, reason: str = ""
) -> CouncilSettings:
    """Record the council's values from a date (today or later), as a new row: a second change
    for the same day takes the place of the first, which stays in the history."""
    if not access.can_change_council_settings(user, authority):
        raise DomainError("Only this council's administrators can change its settings.")
    today = timezone.localdate()
    values = {name: values[name] for name in SETTING_FIELDS}
    _check(values, effective_from, today)
    current = council_settings_in_force(authority, effective_from)
    if current.pk and all(getattr(current, n) == v for n, v in values.items()):
        raise DomainError(
            f"Nothing has changed from the settings in force on {long_date(effective_from)}. "
            "Change a value, or go back",
        )
    try:
        with transaction.atomic():
            row = CouncilSettings.objects.create(
                authority=authority,
                effective_from=effective_from,
                changed_by=user,
                reason=reason.strip(),
                **values,
            )
    except IntegrityError as error:  # a value outside the limits the database also holds
        raise DomainError("One of the values is outside what is allowed. Check them") from error
    council_settings_changed.send(sender=CouncilSettings, settings=row)
    return row
