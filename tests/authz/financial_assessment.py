"""Matrix entries for the financial assessment pages (assessments/financial_urls.py).

The person, their representative and the person's council see the finances; only finance staff
change them. Providers, other councils, other people and strangers get 404.
"""

from decimal import Decimal

from . import CASE_VIEW, PERSON, SELF, allow

FINANCE = {"finance_officer", "la_admin"}
# Planted in the person's income: a provider must never see it on any page (docs/quality.md #8).
FINANCE_SENTINEL = "SENTINEL-FINANCE-7Q"


def _completed(scenario) -> dict:
    return {"person_id": scenario["subject"].id, "assessment_id": scenario["finances"].id}


def _draft(scenario) -> dict:
    return {"person_id": scenario["subject"].id, "assessment_id": scenario["finances_draft"].id}


def _draft_item(scenario) -> dict:
    return {**_draft(scenario), "item_id": scenario["finances_item"].id}


ENTRIES = {
    "financial_assessment:list": (PERSON, allow(SELF | CASE_VIEW)),
    "financial_assessment:start": (PERSON, allow(FINANCE)),
    "financial_assessment:assessment": (_completed, allow(SELF | CASE_VIEW)),
    "financial_assessment:details": (_draft, allow(FINANCE)),
    "financial_assessment:item_add": (_draft, allow(FINANCE)),
    "financial_assessment:item_remove": (_draft_item, allow(FINANCE)),
    "financial_assessment:complete": (_draft, allow(FINANCE)),
}


def _add_income(assessment, officer, label: str, amount: str, **extra):
    from assessments.financial import services as financial

    details = {
        "kind": "income",
        "label": label,
        "amount": Decimal(amount),
        "frequency": "weekly",
        "disregarded": False,
        "disregard_reason": "",
        **extra,
    }
    return financial.financial_item_add(assessment=assessment, user=officer, details=details)


def extend_scenario(scenario) -> None:
    """A completed financial assessment for the subject, and a draft after it, each with income."""
    from assessments.financial import services as financial
    from assessments.models import MinimumIncomeGuarantee

    subject, officer = scenario["subject"], scenario["users"]["finance_officer"]
    completed = financial.financial_assessment_start(person=subject, started_by=officer)
    _add_income(completed, officer, f"State Pension {FINANCE_SENTINEL}", "230.25")
    base = MinimumIncomeGuarantee.objects.filter(rates=completed.rates, kind="base").first()
    financial.financial_assessment_update(
        assessment=completed,
        user=officer,
        data={"mig_base": base, "weekly_cost_of_care": Decimal("300.00")},
    )
    completed = financial.financial_assessment_complete(assessment=completed, user=officer)
    draft = financial.financial_assessment_start(person=subject, started_by=officer)
    item = _add_income(draft, officer, f"Private pension {FINANCE_SENTINEL}", "400.00")
    scenario.update(finances=completed, finances_draft=draft, finances_item=item)
