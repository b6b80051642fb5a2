"""Shared set-ups for the oversight tests: a direct payment with money in it, and notices."""

from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

from django.utils import timezone

from budgets.models import Notice
from budgets.oversight import notices
from people.models import CouncilSettings
from tests.builders import pay_in

TODAY = timezone.localdate()
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def settings_from(council, *, weeks=8, basis="gross", notice_days=14, on: date | None = None):
    """The council's local rules from a day (before the budget started, by default)."""
    return CouncilSettings.objects.create(
        authority=council,
        effective_from=on or TODAY - timedelta(days=400),
        surplus_weeks=weeks,
        surplus_basis=basis,
        repayment_notice_days=notice_days,
    )


def fund(part, officer, amount: str, key: str = "fund") -> None:
    pay_in(part, officer, amount, key=key, on=part.budget.starts_on)


def propose(budget, officer, amount="300.00", *, method="take", today=None, **more) -> Notice:
    today = today or TODAY
    return notices.repayment_propose(
        budget=budget,
        officer=officer,
        repayment=notices.Repayment(
            amount=Decimal(amount),
            reason="More than 8 weeks of funding is held",
            working="Held less the limit",
            method=method,
            takes_effect_on=more.pop("takes_effect_on", today + timedelta(days=15)),
        ),
        submission_key=more.pop("submission_key", str(uuid4())),
        today=today,
        **more,
    )


def after_period(notice: Notice) -> date:
    """The first day the notice can be confirmed without the person's agreement."""
    return notice.takes_effect_on
