"""Financial assessment services: who may record it, conversions, the stored result."""

from decimal import Decimal

import pytest

from assessments.financial import services as financial
from assessments.models import FinancialAssessment, FinancialItem, MinimumIncomeGuarantee
from core.errors import DomainError

from ..builders import set_standard_dre

D = Decimal


@pytest.fixture
def draft(person, finance_officer):
    set_standard_dre(person.local_authority)  # the council's £20 a week
    return financial.financial_assessment_start(person=person, started_by=finance_officer)


def _base(draft, label="Single, Pension Credit age or over"):
    return MinimumIncomeGuarantee.objects.get(rates=draft.rates, label=label)


@pytest.mark.parametrize(
    ("amount", "frequency", "weekly"),
    [
        ("100.00", "monthly", "23.08"),  # 100 × 12 / 52 = 23.0769… → 23.08
        ("400.00", "monthly", "92.31"),  # 400 × 12 / 52 = 92.3076… → 92.31
        ("10.01", "fortnightly", "5.01"),  # 5.005 → 5.01 (half-up)
        ("100.00", "four_weekly", "25.00"),
        ("1000.00", "yearly", "19.23"),  # 19.2307… → 19.23
        ("82.50", "weekly", "82.50"),
    ],
)
def test_amounts_become_weekly_to_the_penny(amount, frequency, weekly):
    assert financial.weekly_amount(D(amount), frequency) == D(weekly)


def test_only_finance_staff_can_start_one(person, social_worker, provider_user):
    for user in (social_worker, provider_user, person.user):
        with pytest.raises(DomainError):
            financial.financial_assessment_start(person=person, started_by=user)


def test_a_completed_assessment_stores_the_charge_and_every_step(draft, finance_officer):
    # State Pension 230.25 a week, private pension 400 a month (92.31 a week): 322.56.
    # Capital 18,000: 3,750 above 14,250 → 15 steps of £250 → £15 tariff income.
    # MIG 228.70 (pension age), standard DRE £20, no housing costs: 322.56 + 15 − 228.70 − 20
    # = 88.86, below the £300 cost of care, at 100%.
    for label, amount, frequency in [
        ("State Pension", "230.25", "weekly"),
        ("Private pension", "400.00", "monthly"),
    ]:
        financial.financial_item_add(
            assessment=draft,
            user=finance_officer,
            details={
                "kind": "income",
                "label": label,
                "amount": D(amount),
                "frequency": frequency,
                "disregarded": False,
                "disregard_reason": "",
            },
        )
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={"capital": D("18000.00"), "mig_base": _base(draft)},
    )
    done = financial.financial_assessment_complete(assessment=draft, user=finance_officer)
    assert done.status == FinancialAssessment.Status.COMPLETED
    assert done.weekly_charge == D("88.86") and not done.full_cost
    assert any("tariff" in step["label"].lower() for step in done.result_steps)


def test_declining_to_disclose_means_full_cost(draft, finance_officer):
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={"declined_to_disclose": True},
    )
    done = financial.financial_assessment_complete(assessment=draft, user=finance_officer)
    # No cost is known yet: not charged on £0, the full approved cost is set at approval.
    assert done.weekly_charge is None and done.full_cost
    assert "chose not to tell us" in done.result_reason
    assert "It will be set when your care and support plan is approved" in str(done.result_steps)
    paid = financial.weekly_contribution(person=draft.person, weekly_cost=D("412.30"))
    assert paid.weekly == D("412.30")
    assert paid.reason.endswith("the approved cost of your care is £412.30 a week.")


def test_completed_assessment_cannot_be_changed(draft, finance_officer):
    financial.financial_assessment_update(
        assessment=draft, user=finance_officer, data={"mig_base": _base(draft)}
    )
    financial.financial_assessment_complete(assessment=draft, user=finance_officer)
    with pytest.raises(DomainError, match="completed"):
        financial.financial_assessment_update(
            assessment=draft, user=finance_officer, data={"capital": D("1.00")}
        )


def test_bad_items_are_refused_and_nothing_is_saved(draft, finance_officer):
    bad = [
        {
            "kind": "income",
            "label": "Pension",
            "amount": D("-1.00"),
            "frequency": "weekly",
            "disregarded": False,
            "disregard_reason": "",
        },
        {
            "kind": "housing",
            "label": "Rent",
            "amount": D("10.00"),
            "frequency": "weekly",
            "disregarded": True,
            "disregard_reason": "x",
        },
        {
            "kind": "income",
            "label": "PIP mobility",
            "amount": D("77.05"),
            "frequency": "weekly",
            "disregarded": True,
            "disregard_reason": " ",
        },
    ]
    for details in bad:
        with pytest.raises(DomainError):
            financial.financial_item_add(assessment=draft, user=finance_officer, details=details)
    assert not FinancialItem.objects.exists()


def test_completing_needs_a_mig_rate_unless_declined(draft, finance_officer):
    with pytest.raises(DomainError, match="Minimum Income Guarantee"):
        financial.financial_assessment_complete(assessment=draft, user=finance_officer)


def test_another_years_mig_rate_is_refused(draft, finance_officer, other_council):
    from tests.builders import council_rates

    other = council_rates(other_council, draft.rates.financial_year)
    foreign = MinimumIncomeGuarantee.objects.filter(rates=other, kind="base").first()
    with pytest.raises(DomainError, match="this year's list"):
        financial.financial_assessment_update(
            assessment=draft, user=finance_officer, data={"mig_base": foreign}
        )
