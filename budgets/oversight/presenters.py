"""Notices and audits in plain words for their pages and the letter."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from core.formats import long_date, pounds

from ..models import Audit, Liability, Notice

ZERO = Decimal("0.00")


@dataclass
class NoticeView:
    """A notice as its page and letter show it."""

    notice: Notice
    title: str
    status: str
    proposal: str
    next_step: str
    still_to_pay: list = field(default_factory=list)

    @property
    def still_to_pay_total(self) -> Decimal:
        return sum((item.amount for item in self.still_to_pay), ZERO)


def _title(notice: Notice) -> str:
    if notice.is_repayment:
        return f"Repayment of {pounds(notice.amount)} proposed"
    if notice.kind == Notice.Kind.SUSPENSION:
        return "Suspension of the direct payment"
    return "Ending the direct payment"


def _proposal(notice: Notice) -> str:
    if notice.is_repayment:
        how = (
            "taken from the direct payment account"
            if notice.method == Notice.Method.TAKE
            else "taken off the next payment into the account"
        )
        return f"{pounds(notice.amount)} to be {how} on {long_date(notice.takes_effect_on)}."
    what = "suspended" if notice.kind == Notice.Kind.SUSPENSION else "ended"
    return (
        f"The direct payment to be {what} from {long_date(notice.takes_effect_on)}: no payments "
        "into the account from then."
    )


def _next_step(notice: Notice) -> str:
    from .notices import decision_words

    today = timezone.localdate()
    if notice.status == Notice.Status.OPEN:
        return (
            f"Nothing has happened yet. There is time to reply until {long_date(notice.respond_by)}"
            f" ({_days_left(notice.respond_by, today)}). The council reads every reply before "
            "it decides."
        )
    if notice.status == Notice.Status.READY:
        why = (
            "the person agreed"
            if notice.agreed_at
            else f"the time to reply ended on {long_date(notice.respond_by)}"
        )
        return f"Nothing has happened yet: {why}, so the council will now decide."
    return decision_words(notice)


def _days_left(respond_by, today) -> str:
    days = (respond_by - today).days
    if days <= 0:
        return "today is the last day"
    return f"{days} day{'s' if days != 1 else ''} from today"


def notice_view(notice: Notice) -> NoticeView:
    owed = []
    if not notice.is_repayment:
        owed = [
            item for item in notice.budget.liabilities.counted().order_by("due_on") if item.is_owed
        ]
    return NoticeView(
        notice=notice,
        title=_title(notice),
        status=notice.get_status_display()
        if notice.status != Notice.Status.CONFIRMED or notice.is_repayment
        else ("In force" if not notice.lifted_on else "Lifted"),
        proposal=_proposal(notice),
        next_step=_next_step(notice),
        still_to_pay=owed,
    )


def liability_words(liability: Liability) -> str:
    """Who recorded it and, if the council does not accept it, why."""
    who = liability.entered_by.display_name
    words = f"Recorded by {who} on {long_date(liability.created_at)}"
    if liability.status == Liability.Status.NOT_ACCEPTED:
        words += f". The council does not accept it: {liability.council_note}"
    return words


def audit_status_words(audit: Audit) -> str:
    if audit.status == Audit.Status.WAITING:
        return f"Waiting for the person: please send it by {long_date(audit.due_by)}"
    if audit.status == Audit.Status.SUBMITTED:
        return "Sent to the council: a finance officer will write the summary"
    return f"Completed on {long_date(audit.completed_at)}"
