"""Matrix entries for the person's budget pages and the questions on payments (budgets/urls.py).

The person, their representative and council staff at the person's council see the budget; only
the person or their representative log, correct and explain payments; finance officers (and
administrators) resolve questions. Providers, other councils, other people and strangers get 404
everywhere, receipts included.
"""

from datetime import timedelta
from decimal import Decimal

from . import CASE_VIEW, LOGIN, PERSON, SELF, SIGNED_IN, allow

SEE = SELF | CASE_VIEW  # people.access.can_see_spending
FINANCE = {"finance_officer", "la_admin"}  # people.access.can_review_spending
# Planted in a payee and a note: a provider must never see it on any page (docs/quality.md #8).
SPEND_SENTINEL = "SENTINEL-SPEND-4K"
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def redirect_for(allowed: set) -> dict:
    """A page that sends those allowed on to another page (302); 404 for everyone else."""
    expected = {role: (302 if role in allowed else 404) for role in SIGNED_IN}
    expected["anonymous"] = LOGIN
    return expected


def _budget(**ids):
    def kwargs(scenario) -> dict:
        return {"budget_id": scenario["budget"].id, **{k: scenario[v].id for k, v in ids.items()}}

    return kwargs


def _flag(scenario) -> dict:
    return {"flag_id": scenario["budget_flag"].id}


ENTRIES = {
    "budgets:person_budget": (PERSON, redirect_for(SEE)),
    "budgets:dashboard": (_budget(), allow(SEE)),
    "budgets:money": (_budget(), allow(SEE)),
    "spending:log_payments": (_budget(), allow(SELF)),
    "spending:log_refund": (_budget(), allow(SELF)),
    "spending:payment": (_budget(txn_id="budget_txn"), allow(SEE)),
    "spending:correct": (_budget(txn_id="budget_txn"), allow(SELF)),
    "spending:receipt_add": (_budget(txn_id="budget_txn"), allow(SELF)),
    "spending:receipt": (_budget(receipt_id="budget_receipt"), allow(SEE)),
    "spending:flag_explain": (_budget(flag_id="budget_flag"), allow(SELF)),
    "spending:flag_queue": (None, allow(FINANCE)),
    "spending:flag_resolve": (_flag, allow(FINANCE)),
}


def sam_budget(scenario):
    """Sam's budget, made through the real services unless another area already made it.

    Sam can have only one plan in progress, so an approved plan another extender made is reused.
    """
    from support_plans import services
    from support_plans.models import SupportPlan
    from tests.builders import complete_eligible_assessment, ready_plan

    subject, users = scenario["subject"], scenario["users"]
    budget = subject.budgets.first()
    if budget is not None:
        return budget
    if not subject.support_plans.filter(status=SupportPlan.Status.APPROVED).exists():
        if services.eligible_assessment_for(subject) is None:
            complete_eligible_assessment(subject, users["social_worker"])
        plan = ready_plan(subject, subject.user)
        services.plan_submit(plan=plan, user=subject.user)
        services.plan_check(plan=plan, user=users["social_worker"])
        services.plan_decide(plan=plan, user=users["approver"], decision="approved")
    return subject.budgets.get()


def extend_scenario(scenario) -> None:
    """Sam's budget with a payment in, a payment out (with a receipt) that the checks flag, and a
    sentinel in its payee and note."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from budgets import ledger
    from budgets.models import BudgetPart, Transaction
    from budgets.spending import receipts
    from budgets.spending import services as spending

    budget = sam_budget(scenario)
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("600.00"),
            occurred_on=budget.starts_on,
            recorded_by=scenario["users"]["finance_officer"],
            idempotency_key="matrix:budget:pay-in",
        )
    )
    upload = SimpleUploadedFile("receipt.png", TINY_PNG, content_type="image/png")
    [logged] = spending.spending_log(
        part=part,
        user=scenario["subject"].user,
        acting_for=scenario["subject"],
        submission_key="matrix-budget",
        entries=[
            {
                "occurred_on": budget.starts_on + timedelta(days=0),
                "payee": f"Corner shop {SPEND_SENTINEL}",
                "amount": Decimal("42.10"),
                "support_line": None,
                "note": f"Groceries {SPEND_SENTINEL}",
                "receipt": receipts.check_upload(upload),
            }
        ],
    )
    scenario.update(
        budget=budget,
        budget_txn=logged.txn,
        budget_flag=logged.flags[0],
        budget_receipt=logged.txn.receipts.get(),
    )
