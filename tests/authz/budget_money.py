"""Matrix entries for payment runs, contributions, statement imports, monitoring, ledgers and
payments made on the person's behalf (budgets/finance_urls.py).

Council pages are for finance officers and administrators; a person's contributions for the
person, their representative and council staff; statements for the person, their representative
and finance staff; an ISF only for the provider holding it. Everyone else gets 404.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

from . import CASE_VIEW, SELF, allow

FINANCE = {"finance_officer", "la_admin"}
PROVIDERS = {"provider_user", "other_provider_user"}


def _budget(scenario) -> dict:
    return {"budget_id": scenario["finance_budget"].id}


def _statement(scenario) -> dict:
    return {**_budget(scenario), "import_id": scenario["finance_import"].id}


ENTRIES = {
    "payments:payment_runs": (None, allow(FINANCE)),
    "payments:payment_cycle": (lambda s: {"cycle_start": date(2026, 11, 30)}, allow(FINANCE)),
    "payments:payment_run": (lambda s: {"run_id": s["finance_run"].id}, allow(FINANCE)),
    "payments:contributions": (None, allow(FINANCE)),
    "monitoring:accounts": (None, allow(FINANCE)),
    "monitoring:ledger": (lambda s: {"account_id": s["finance_account"].id}, allow(FINANCE)),
    "payments:person_contributions": (_budget, allow(SELF | CASE_VIEW)),
    "statements:statements": (_budget, allow(SELF | FINANCE)),
    "statements:statement": (_statement, allow(SELF | FINANCE)),
    "payments:on_behalf": (_budget, allow(FINANCE)),
    "payments:isf_people": (None, allow(PROVIDERS)),
    "payments:isf": (_budget, allow({"provider_user"})),
}


def extend_scenario(scenario) -> None:
    """Sam's budget (reused if another area made it), with an ISF held by Brightside, money paid
    in, and a statement import with a row waiting to be confirmed."""
    from budgets import ledger
    from budgets.models import Account, BudgetPart, PaymentRun, PersonalBudget, Transaction
    from budgets.statements import services as imports
    from budgets.statements.files import Columns
    from tests.authz.plan_approval import approved_plan_for

    subject, users = scenario["subject"], scenario["users"]
    provider = scenario["consent"].provider
    budget = subject.budgets.filter(status=PersonalBudget.Status.ACTIVE).first()
    if budget is None:
        approved_plan_for(subject, users, provider)
        budget = subject.budgets.get(status=PersonalBudget.Status.ACTIVE)
    BudgetPart.objects.get_or_create(
        budget=budget,
        kind=BudgetPart.Kind.ISF,
        provider=provider,
        defaults={"weekly_amount": Decimal("50.00")},
    )
    dp = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    ledger.post(
        ledger.Posting(
            part=dp,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("600.00"),
            occurred_on=date(2026, 11, 2),
            recorded_by=users["finance_officer"],
            idempotency_key="authz-finance-payment",
        )
    )
    imports.statement_mapping_save(
        part=dp,
        user=subject.user,
        columns=Columns("Date", "Description", "%d/%m/%Y", amount="Amount"),
    )
    result = imports.statement_import(
        part=dp,
        user=subject.user,
        file_name="authz.csv",
        data=b"Date,Description,Amount\n04/11/2026,Chemist,-3.20\n",
    )
    # A payment run that failed: its page shows the problem to the council's finance staff.
    run = PaymentRun.objects.create(
        authority=subject.local_authority,
        cycle_start=date(2026, 10, 5),
        status=PaymentRun.Status.FAILED,
        run_by=users["finance_officer"],
        run_at=datetime(2026, 10, 5, 9, 0, tzinfo=UTC),
        problem="Nothing was paid. Something went wrong on our side.",
    )
    scenario.update(
        finance_budget=budget,
        finance_account=Account.objects.get(part=dp, kind=Account.Kind.HELD),
        finance_import=result.statement,
        finance_run=run,
    )
