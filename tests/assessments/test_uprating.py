"""Issue 11, April uprating: every completed assessment whose charge was worked out on last year's
rates is worked out again on this year's, from 1 April; the person is told their old and new
weekly figures and why; the budget's contribution changes from the year's first day; doing it
twice changes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.defaults import financial_year_of, year_starts
from assessments.financial import national_rates as national
from assessments.financial import services as financial
from assessments.models import FinancialAssessment
from assessments.rates import uprating
from budgets.models import BudgetChange, PaymentAdjustment
from budgets.payments import runs
from core.errors import DomainError
from notifications.models import Message
from tests.builders import council_rates

THIS_YEAR = financial_year_of(timezone.localdate())


def _last_years_assessment(person, officer, pension="260.00"):
    """Completed on last year's rates (its charge applies from 31 March): pension-age MIG
    £220.00 last year, £228.70 this year; standard DRE £20 both years."""
    last = council_rates(person.local_authority, THIS_YEAR - 1, standard_dre="20.00")
    last.mig_amounts.filter(label=national.SINGLE_PCA).update(weekly_amount=Decimal("220.00"))
    this = council_rates(person.local_authority)
    this.standard_dre_weekly = Decimal("20.00")
    this.save()
    draft = financial.financial_assessment_start(
        person=person,
        started_by=officer,
        charge_from=year_starts(THIS_YEAR) - timedelta(days=1),
    )
    financial.financial_item_add(
        assessment=draft,
        user=officer,
        details={
            "kind": "income",
            "label": "State Pension",
            "amount": Decimal(pension),
            "frequency": "weekly",
            "income_type": "state_pension",
        },
    )
    base = draft.rates.mig_amounts.get(label=national.SINGLE_PCA)
    financial.financial_assessment_update(assessment=draft, user=officer, data={"mig_base": base})
    return financial.financial_assessment_complete(assessment=draft, user=officer)


def test_the_officer_sees_each_persons_old_and_new_charge_before_anything_changes(
    person, finance_officer
):
    old = _last_years_assessment(person, finance_officer)
    assert old.weekly_charge == Decimal("20.00")  # 260 − 220 − 20

    rates, rows = uprating.uprating_preview(person.local_authority, THIS_YEAR)

    [row] = rows
    assert row.current == old and row.result.weekly_charge == Decimal("11.30")  # 260 − 228.70 − 20
    assert row.old_words == "£20.00 a week" and row.new_words == "£11.30 a week"
    assert (
        "The Minimum Income Guarantee for 'Single, Pension Credit age or over' went from "
        "£220.00 to £228.70 a week." in row.why
    )
    assert "Your weekly charge goes from £20.00 a week to £11.30 a week." in row.why
    assert FinancialAssessment.objects.count() == 1  # nothing saved


def test_uprating_keeps_a_new_assessment_from_1_april_and_tells_the_person(person, finance_officer):
    old = _last_years_assessment(person, finance_officer)

    run = uprating.financial_assessments_uprate(
        authority=person.local_authority, year=THIS_YEAR, user=finance_officer
    )

    [row] = run.done
    new = row.done
    assert new.recalculated_from == old and new.rates.financial_year == THIS_YEAR
    assert new.charge_from == year_starts(THIS_YEAR)
    assert new.weekly_charge == Decimal("11.30") and new.status == "completed"
    assert [i.label for i in new.items.all()] == ["State Pension"]
    assert FinancialAssessment.objects.latest_completed_for(person) == new
    message = Message.objects.get(kind=Message.Kind.CHARGE_RECALCULATED)
    assert message.person == person
    assert "Before: £20.00 a week." in message.body
    assert "£11.30 a week" in message.body and "went from £220.00 to £228.70" in message.body
    assert "Most benefits and pensions go up in April" in message.body


def test_doing_it_twice_changes_nothing(person, finance_officer):
    _last_years_assessment(person, finance_officer)
    uprating.financial_assessments_uprate(
        authority=person.local_authority, year=THIS_YEAR, user=finance_officer
    )
    again = uprating.financial_assessments_uprate(
        authority=person.local_authority, year=THIS_YEAR, user=finance_officer
    )
    assert again.done == [] and again.left == []
    assert FinancialAssessment.objects.count() == 2
    assert Message.objects.filter(kind=Message.Kind.CHARGE_RECALCULATED).count() == 1


def test_not_before_the_year_starts(person, finance_officer):
    _last_years_assessment(person, finance_officer)
    with pytest.raises(DomainError, match="charges can be worked out again on them from"):
        uprating.financial_assessments_uprate(
            authority=person.local_authority,
            year=THIS_YEAR,
            user=finance_officer,
            today=year_starts(THIS_YEAR) - timedelta(days=1),
        )
    assert FinancialAssessment.objects.count() == 1


def test_someone_whose_age_band_the_new_year_lacks_is_left_for_an_officer(person, finance_officer):
    _last_years_assessment(person, finance_officer)
    council_rates(person.local_authority).mig_amounts.filter(label=national.SINGLE_PCA).delete()
    run = uprating.financial_assessments_uprate(
        authority=person.local_authority, year=THIS_YEAR, user=finance_officer
    )
    [left] = run.left
    assert "have no 'Single, Pension Credit age or over'" in left.problem
    assert "assess this person again" in left.problem
    assert run.done == [] and FinancialAssessment.objects.count() == 1


def test_only_the_councils_finance_staff(person, finance_officer, social_worker):
    _last_years_assessment(person, finance_officer)
    with pytest.raises(DomainError, match="finance officers"):
        uprating.financial_assessments_uprate(
            authority=person.local_authority, year=THIS_YEAR, user=social_worker
        )


def test_the_budgets_contribution_changes_and_days_already_paid_are_put_right(
    dp_part, council, person, finance_officer
):
    """The budget (paid four weeks ahead) takes the new contribution from the year's first day
    (here the budget's own first day, which is later) and the next run puts the paid days
    right."""
    _last_years_assessment(person, finance_officer, pension="300.00")
    budget = dp_part.budget
    from budgets.services import budget_contribution_set

    budget_contribution_set(person=person, user=finance_officer)
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    budget.refresh_from_db()
    assert budget.weekly_contribution == Decimal("60.00")  # 300 − 220 − 20

    uprating.financial_assessments_uprate(authority=council, year=THIS_YEAR, user=finance_officer)

    budget.refresh_from_db()
    assert budget.weekly_contribution == Decimal("51.30")  # 300 − 228.70 − 20
    change = BudgetChange.objects.filter(budget=budget).order_by("-created_at").first()
    assert change.effective_from == budget.starts_on
    adjustment = PaymentAdjustment.objects.get(part=dp_part)
    assert adjustment.amount == Decimal("34.80")  # 4 weeks × £8.70 more from the council
