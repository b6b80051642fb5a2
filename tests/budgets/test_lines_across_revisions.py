"""Issue 9 item 2: after a plan revision is approved, spending logged against the earlier
revision's lines still counts for the same support (lines carry over from revision to revision),
on the budget page and in the audit statement; support removed in the revision keeps its
spending, shown apart."""

from datetime import timedelta
from decimal import Decimal

from budgets import ledger
from budgets.audit.figures import statement_figures
from budgets.models import Transaction
from budgets.presenters import budget_dashboard
from support_plans import services as plan_services
from tests.builders import add_line, approve, pay_in


def _spend_on(part, user, line, amount, key):
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.SPEND,
            amount=Decimal(amount),
            occurred_on=part.budget.starts_on + timedelta(days=1),
            recorded_by=user,
            idempotency_key=key,
            payee="Jo (PA)",
            support_line=line,
        )
    )


def _revise(budget, person, social_worker, approver, *, change=None):
    plan = plan_services.plan_revise(plan=budget.plan, user=person.user, reason="More help")
    if change:
        change(plan)
    approve(plan, writer=person.user, checker=social_worker, approver=approver)
    budget.refresh_from_db()
    return plan


def test_spending_before_a_revision_still_counts_for_the_same_support(
    dp_part, person, social_worker, approver, finance_officer
):
    budget = dp_part.budget
    pay_in(dp_part, finance_officer, "600.00", on=budget.starts_on)
    old_line = budget.plan.support_lines.get()
    _spend_on(dp_part, person.user, old_line, "45.00", "before")

    revised = _revise(
        budget,
        person,
        social_worker,
        approver,
        change=lambda plan: add_line(
            plan, person.user, description="Evening visits", quantity="2", cost="15.00"
        ),
    )
    assert budget.plan_id == revised.id
    new_line = revised.support_lines.get(description=old_line.description)
    assert new_line.carried_from_id == old_line.id

    board = budget_dashboard(budget, today=budget.starts_on + timedelta(days=2))
    spent = {bar.label: bar.spent for bar in board.lines}
    assert spent[old_line.description] == Decimal("45.00")
    assert spent["Evening visits"] == Decimal("0.00")

    figures = statement_figures(budget, budget.starts_on, budget.starts_on + timedelta(days=2))
    by_support = {row.label: row.spent for row in figures.by_support}
    assert by_support[old_line.description] == Decimal("45.00")


def test_spending_on_support_removed_in_a_revision_is_kept_apart(
    dp_part, person, social_worker, approver, finance_officer
):
    budget = dp_part.budget
    pay_in(dp_part, finance_officer, "600.00", on=budget.starts_on)
    old_line = budget.plan.support_lines.get()
    _spend_on(dp_part, person.user, old_line, "30.00", "before")

    def replace_the_line(plan):
        add_line(plan, person.user, description="Day centre", quantity="1", cost="50.00")
        plan.support_lines.get(description=old_line.description).delete()

    _revise(budget, person, social_worker, approver, change=replace_the_line)
    board = budget_dashboard(budget, today=budget.starts_on + timedelta(days=2))
    spent = {bar.label: bar.spent for bar in board.lines}
    assert spent["Support in an earlier version of the plan"] == Decimal("30.00")
    assert spent["Day centre"] == Decimal("0.00")
