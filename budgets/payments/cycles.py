"""Payment cycles: how long one is, and which earlier run a new cycle would overlap.

docs/domain.md's local default: the council pays every 4 weeks (28 days), in advance.
"""

from datetime import date, timedelta
from decimal import Decimal

from ..models import PaymentRun

CYCLE_DAYS = 28
CYCLE = timedelta(days=CYCLE_DAYS)
WEEKS_PER_CYCLE = Decimal(CYCLE_DAYS // 7)


def overlapping_run(authority, cycle_start: date) -> PaymentRun | None:
    """An earlier or later run of the council's whose cycle shares a day with this one."""
    return (
        PaymentRun.objects.filter(
            authority=authority,
            cycle_start__gt=cycle_start - CYCLE,
            cycle_start__lt=cycle_start + CYCLE,
        )
        .exclude(cycle_start=cycle_start)
        .first()
    )
