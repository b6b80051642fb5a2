"""The review of the budget, read from the budgets app through its public functions, so nobody
has to bring paper: spent against each support line and outcome since the last review, money in
and out and held, the weeks of funding held against the council's surplus threshold, and the
contributions expected and paid. Nothing here adds or moves money.

Money in, out and held, and spending, cover every part of the budget: the direct payment, a
managed account and any individual service fund. The weeks held and a possible surplus are the
direct payment's alone (a surplus is recovered from a direct payment only), worked out from the
money held in the direct payment, not the whole budget."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from budgets.audit.figures import Total, statement_figures
from budgets.ledger import held_by_part_on
from budgets.models import BudgetPart, ExpectedContribution, PersonalBudget
from budgets.monitoring.services import weeks_held
from budgets.oversight.surplus import surplus_for
from budgets.payments.contributions import contributions_for
from people.models import Person

from ..models import HeldReview

ZERO = Decimal("0.00")


@dataclass
class BudgetReview:
    """The budget as a review meeting sees it, for the period since the last review."""

    start: date
    end: date
    money_in: Decimal
    money_out: Decimal
    money_held: Decimal
    weekly_total: Decimal
    weekly_contribution: Decimal
    contributions_expected: Decimal
    contributions_paid: Decimal
    weeks_held: Decimal | None = None
    surplus_weeks: int | None = None
    possible_surplus: bool = False
    dp_held: Decimal | None = None  # of money_held, what the direct payment holds
    by_support: list[Total] = field(default_factory=list)
    by_outcome: list[Total] = field(default_factory=list)

    @property
    def held_elsewhere(self) -> Decimal | None:
        """Money held in a managed account or ISF (not the direct payment), or None."""
        return None if self.dp_held is None else self.money_held - self.dp_held


def _active_budget(person: Person, user) -> PersonalBudget | None:
    budgets = PersonalBudget.objects.visible_to(user).filter(
        person=person, status=PersonalBudget.Status.ACTIVE
    )
    return budgets.select_related("plan", "person__local_authority").first()


def review_period_start(person: Person, budget: PersonalBudget, end: date) -> date:
    """The day after the last review held before `end`, or the day the budget started."""
    last = HeldReview.objects.filter(person=person, held_on__lt=end).order_by("-held_on").first()
    return max(budget.starts_on, last.held_on + timedelta(days=1)) if last else budget.starts_on


def _contributions(budget: PersonalBudget, start: date, end: date) -> tuple[Decimal, Decimal]:
    due = [c for c in contributions_for([budget.id]) if start <= c.due_on <= end]
    paid = [c for c in due if c.status == ExpectedContribution.Status.PAID]
    return sum((c.amount for c in due), ZERO), sum((c.amount for c in paid), ZERO)


def _surplus(review: BudgetReview, budget: PersonalBudget) -> None:
    """Weeks of direct payment funding held, and whether there is a surplus by the council's
    threshold once what is owed and set aside is taken off (budgets.oversight.surplus, the
    same working the person and the finance officer see)."""
    part = budget.parts.filter(
        kind=BudgetPart.Kind.DIRECT_PAYMENT, provider__isnull=True, weekly_amount__gt=0
    ).first()
    if part is None:
        return
    held = dict(held_by_part_on(budget, review.end)).get(part, ZERO)
    review.dp_held = held
    surplus = surplus_for(budget, review.end, held=held)
    review.weeks_held = weeks_held(held, part.weekly_amount)
    review.surplus_weeks = surplus.weeks if surplus else None
    review.possible_surplus = bool(surplus and surplus.amount > 0)


def budget_review_for(person: Person, user, *, end: date) -> BudgetReview | None:
    """The budget review for a meeting on `end`; None without an active budget then."""
    budget = _active_budget(person, user)
    if budget is None or end < budget.starts_on:
        return None
    start = review_period_start(person, budget, end)
    figures = statement_figures(budget, start, end)
    expected, paid = _contributions(budget, start, end)
    review = BudgetReview(
        start=start,
        end=end,
        money_in=figures.money_in,
        money_out=figures.money_out,
        money_held=figures.closing,
        weekly_total=budget.weekly_total,
        weekly_contribution=budget.weekly_contribution,
        contributions_expected=expected,
        contributions_paid=paid,
        by_support=figures.by_support,
        by_outcome=figures.by_outcome,
    )
    _surplus(review, budget)
    return review
