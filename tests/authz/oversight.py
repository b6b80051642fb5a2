"""Matrix entries for oversight (budgets/oversight/urls.py): the money held and the surplus,
what is owed or set aside, written notices, replies and letters, and audits.

The person, their representative and council staff at the person's council see them; the person
or their representative records what is owed (so can a finance officer), replies to notices and
fills in a check of the account; only finance officers (and administrators) propose, confirm and
withdraw notices, ask for checks and write the summary. Providers, other councils, other people
and strangers get 404 everywhere, letters and evidence included.
"""

from datetime import timedelta
from decimal import Decimal

from . import CASE_VIEW, SELF, allow

SEE = SELF | CASE_VIEW
FINANCE = {"finance_officer", "la_admin"}
# Planted in a liability, a notice, a reply and an audit: a provider must never see it.
OVERSIGHT_SENTINEL = "SENTINEL-OVERSIGHT-7Q"


def _ids(**names):
    def kwargs(scenario) -> dict:
        found = {"budget_id": scenario["oversight_budget"].id}
        found.update({key: scenario[value].id for key, value in names.items()})
        return found

    return kwargs


ENTRIES = {
    "oversight:surplus": (_ids(), allow(SEE)),
    "oversight:liability_add": (_ids(), allow(SELF | FINANCE)),
    "oversight:liability": (_ids(liability_id="oversight_liability"), allow(SEE)),
    "oversight:contribution_refund": (_ids(), allow(FINANCE)),
    "oversight:evidence": (_ids(evidence_id="oversight_evidence"), allow(SEE)),
    "oversight:repayment_propose": (_ids(), allow(FINANCE)),
    "oversight:stop_propose": (_ids(), allow(FINANCE)),
    "oversight:notice": (_ids(notice_id="oversight_notice"), allow(SEE)),
    "oversight:notice_reply": (_ids(notice_id="oversight_notice"), allow(SELF)),
    "oversight:notice_letter": (_ids(notice_id="oversight_notice"), allow(SEE)),
    "oversight:notice_confirm": (_ids(notice_id="oversight_notice"), allow(FINANCE)),
    "oversight:notice_withdraw": (_ids(notice_id="oversight_notice"), allow(FINANCE)),
    "oversight:notice_end": (_ids(notice_id="oversight_stop"), allow(FINANCE)),
    "oversight:audit_request": (_ids(), allow(FINANCE)),
    "oversight:audit": (_ids(audit_id="oversight_audit"), allow(SEE)),
    "oversight:audit_evidence": (
        _ids(audit_id="oversight_audit", txn_id="oversight_txn"),
        allow(SELF),
    ),
    "oversight:audit_submit": (_ids(audit_id="oversight_audit"), allow(SELF)),
    "oversight:audit_summary": (_ids(audit_id="oversight_audit"), allow(FINANCE)),
}


def extend_scenario(scenario) -> None:
    """Sam's direct payment with £2,000 in it (over the limit), a liability with evidence
    recorded by his nominated person, an open repayment notice with a reply, a suspension
    notice, and a check of the account waiting for him, with a payment in its period that he has
    explained."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from budgets import ledger
    from budgets.models import BudgetPart, Transaction
    from budgets.oversight import audits, notices, services
    from budgets.spending import receipts
    from tests.authz.budgets import TINY_PNG, sam_budget

    users, subject = scenario["users"], scenario["subject"]
    officer, today = users["finance_officer"], timezone.localdate()
    budget = sam_budget(scenario)
    budget.starts_on = today - timedelta(weeks=20)
    budget.save(update_fields=["starts_on"])
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT, provider=None)
    ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("2000.00"),
            occurred_on=today - timedelta(weeks=3),
            recorded_by=officer,
            idempotency_key="matrix:oversight:pay-in",
        )
    )
    txn, _ = ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.SPEND,
            amount=Decimal("12.50"),
            occurred_on=today - timedelta(weeks=2),
            recorded_by=subject.user,
            idempotency_key="matrix:oversight:spend",
            payee=f"Taxi {OVERSIGHT_SENTINEL}",
        )
    )
    png = receipts.check_upload(SimpleUploadedFile("invoice.png", TINY_PNG))
    liability = services.liability_record(
        budget=budget,
        user=users["nominated_person"],
        details=services.LiabilityDetails(
            kind="unpaid_wages",
            description=f"Jo's wages {OVERSIGHT_SENTINEL}",
            amount=Decimal("120.00"),
        ),
        submission_key="matrix-liability",
        evidence=[png],
    )
    notice = notices.repayment_propose(
        budget=budget,
        officer=officer,
        repayment=notices.Repayment(
            amount=Decimal("100.00"),
            reason=f"Over the limit {OVERSIGHT_SENTINEL}",
            working=f"Held less the limit {OVERSIGHT_SENTINEL}",
            method="take",
            takes_effect_on=notices.earliest_effect(budget),
        ),
        submission_key="matrix-notice",
    )
    notices.notice_respond(
        notice=notice,
        user=subject.user,
        kind="explain",
        text=f"Saving for respite {OVERSIGHT_SENTINEL}",
        submission_key="matrix-reply",
    )
    stop = notices.stop_give_notice(
        budget=budget,
        officer=officer,
        kind="suspension",
        reason=f"In hospital {OVERSIGHT_SENTINEL}",
        takes_effect_on=notices.earliest_effect(budget),
        submission_key="matrix-stop",
    )
    audit = audits.audit_request(
        budget=budget,
        officer=officer,
        kind="concern",
        period_start=today - timedelta(weeks=4),
        period_end=today,
        reason=f"Payments not in the plan {OVERSIGHT_SENTINEL}",
    )
    audits.audit_explain(
        audit=audit,
        user=subject.user,
        txn=txn,
        text=f"A taxi to the day centre {OVERSIGHT_SENTINEL}",
    )
    scenario.update(
        oversight_budget=budget,
        oversight_liability=liability,
        oversight_evidence=liability.evidence.get(),
        oversight_notice=notice,
        oversight_stop=stop,
        oversight_audit=audit,
        oversight_txn=txn,
    )
