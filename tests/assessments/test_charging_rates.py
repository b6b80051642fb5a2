"""Issue 11, rates by financial year: the year is chosen by the day the charge applies from, never
silently another year's; a council's administrators add next year's rates (national figures
where the service holds them, their own choices copied forward), change them within the
statutory floors, and check them before anyone is charged on them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.defaults import financial_year_of, year_starts
from assessments.financial import national_rates as national
from assessments.financial import services as financial
from assessments.models import ChargingRates, FinancialAssessment, MinimumIncomeGuarantee
from assessments.rates import services as rates_services
from core.errors import DomainError
from tests.builders import council_rates, set_standard_dre

THIS_YEAR = financial_year_of(timezone.localdate())


def _last_year_day():
    """31 March: the last day of last financial year, always within the 12 months' backdating."""
    return year_starts(THIS_YEAR) - timedelta(days=1)


def test_the_rates_are_those_of_the_year_the_charge_applies_from(person, finance_officer):
    last_year = council_rates(person.local_authority, THIS_YEAR - 1)
    draft = financial.financial_assessment_start(
        person=person, started_by=finance_officer, charge_from=_last_year_day()
    )
    assert draft.rates == last_year and draft.charge_from == _last_year_day()


def test_no_rates_for_the_year_means_a_plain_message_and_no_assessment(person, finance_officer):
    with pytest.raises(DomainError) as error:
        financial.financial_assessment_start(
            person=person, started_by=finance_officer, charge_from=_last_year_day()
        )
    label = national.year_label(THIS_YEAR - 1)
    assert f"no charging rates for {label}" in error.value.message
    assert "council administrator adds them" in error.value.message
    assert not FinancialAssessment.objects.exists()


def test_rates_nobody_has_checked_charge_nobody(person, finance_officer):
    council_rates(person.local_authority, THIS_YEAR - 1, checked=False)
    with pytest.raises(DomainError, match="have not been checked yet"):
        financial.financial_assessment_start(
            person=person, started_by=finance_officer, charge_from=_last_year_day()
        )


def test_backdating_is_allowed_up_to_twelve_months_and_says_so(person, finance_officer):
    too_early = timezone.localdate() - timedelta(days=366)
    with pytest.raises(DomainError, match="backdated up to 12 months") as error:
        financial.financial_assessment_start(
            person=person, started_by=finance_officer, charge_from=too_early
        )
    assert error.value.field == "charge_from"


def test_a_new_date_in_another_year_moves_the_draft_to_that_years_rates(person, finance_officer):
    last_year = council_rates(person.local_authority, THIS_YEAR - 1)
    draft = financial.financial_assessment_start(person=person, started_by=finance_officer)
    base = draft.rates.mig_amounts.get(label=national.SINGLE_PCA)
    premium = draft.rates.mig_amounts.get(label=national.CARER)
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={"mig_base": base, "mig_premiums": [(premium, 1)]},
    )

    financial.financial_assessment_update(
        assessment=draft, user=finance_officer, data={"charge_from": _last_year_day()}
    )

    draft.refresh_from_db()
    assert draft.rates == last_year
    assert draft.mig_base.rates == last_year and draft.mig_base.label == national.SINGLE_PCA
    assert [c.premium.rates for c in draft.premium_choices.all()] == [last_year]


def test_an_assessment_cannot_complete_once_its_years_rates_are_unchecked(person, finance_officer):
    from tests.builders import pension_assessment_ready

    draft = pension_assessment_ready(person, finance_officer)
    ChargingRates.objects.filter(pk=draft.rates_id).update(checked_at=None)
    with pytest.raises(DomainError, match="have not been checked yet"):
        financial.financial_assessment_complete(assessment=draft, user=finance_officer)
    draft.refresh_from_db()
    assert draft.is_editable


def test_next_years_rates_start_from_the_national_figures_and_copy_the_councils_choices(
    council, la_admin
):
    """2025/26 as an example: the national amounts the service holds, the council's own
    choices from its 2024/25 rates, and amounts not held copied for the administrator to check."""
    before = council_rates(council, 2024, standard_dre="15.00", local_mig_buffer=Decimal("5.00"))
    before.mig_amounts.filter(label=national.SINGLE_PCA).update(weekly_amount=Decimal("230.00"))

    rates = rates_services.charging_rates_add(authority=council, year=2025, user=la_admin)

    amounts = {m.label: m.weekly_amount for m in rates.mig_amounts.all()}
    assert amounts[national.SINGLE_25_PCA] == Decimal("112.50")  # the 2025/26 national amount
    assert amounts[national.DISABILITY_SINGLE] == Decimal("49.65")
    assert amounts[national.SINGLE_PCA] == Decimal("230.00")  # not held: copied, to check
    assert rates.standard_dre_weekly == Decimal("15.00")
    assert rates.local_mig_buffer == Decimal("5.00")
    assert not rates.is_checked
    assert "Social care charging for care and support 2025 to 2026" in rates.source
    assert "Single, Pension Credit age or over" in rates.source  # named as not held
    assert rates.history.first().history_user == la_admin


def test_a_year_can_be_added_once_and_only_by_its_own_councils_administrators(
    council, other_council, la_admin
):
    from people.models import StaffRole
    from tests.factories import staff_user

    rates_services.charging_rates_add(authority=council, year=2025, user=la_admin)
    with pytest.raises(DomainError, match="already has rates for 2025/26"):
        rates_services.charging_rates_add(authority=council, year=2025, user=la_admin)
    stranger = staff_user(other_council, StaffRole.ADMINISTRATOR)
    with pytest.raises(DomainError, match="Only this council's administrators"):
        rates_services.charging_rates_add(authority=council, year=2024, user=stranger)
    assert not ChargingRates.objects.filter(authority=council, financial_year=2024).exists()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"lower_capital_limit": Decimal("14000.00")}, "lower capital limit cannot be less"),
        ({"upper_capital_limit": Decimal("20000.00")}, "upper capital limit cannot be less"),
        ({"tariff_step": Decimal("200.00")}, "tariff step cannot be less than £250"),
        ({"charge_percentage": Decimal("101")}, "percentage from 0 to 100"),
        ({"minimum_weekly_charge": Decimal("-1.00")}, "£0 or more"),
    ],
)
def test_statutory_floors_are_enforced_with_a_plain_message_and_nothing_saved(
    council, la_admin, values, message
):
    rates = council_rates(council)
    with pytest.raises(DomainError, match=message):
        rates_services.charging_rates_change(rates=rates, user=la_admin, values=values)
    rates.refresh_from_db()
    assert rates.lower_capital_limit == Decimal("14250.00")
    assert rates.tariff_step == Decimal("250.00")
    assert rates.charge_percentage == Decimal("100")


def test_the_minimum_income_guarantee_is_never_below_the_national_amount(council, la_admin):
    rates = rates_services.charging_rates_add(authority=council, year=2025, user=la_admin)
    with pytest.raises(DomainError, match="cannot be less than the national £112.50"):
        rates_services.mig_amounts_change(
            rates=rates,
            user=la_admin,
            amounts={national.SINGLE_25_PCA: Decimal("110.00")},
        )
    rates_services.mig_amounts_change(
        rates=rates, user=la_admin, amounts={national.SINGLE_25_PCA: Decimal("117.50")}
    )
    row = rates.mig_amounts.get(label=national.SINGLE_25_PCA)
    assert row.weekly_amount == Decimal("117.50")  # more generous is fine
    assert row.history.first().history_user == la_admin


def test_an_amount_in_use_cannot_be_taken_away(person, finance_officer, la_admin):
    from tests.builders import pension_assessment_complete

    done = pension_assessment_complete(person, finance_officer)
    with pytest.raises(DomainError, match="used by a financial assessment"):
        rates_services.mig_amounts_change(
            rates=done.rates, user=la_admin, amounts={national.SINGLE_PCA: None}
        )
    assert MinimumIncomeGuarantee.objects.filter(pk=done.mig_base_id).exists()


def test_checking_needs_the_savings_credit_disregards_then_lets_people_be_charged(
    council, la_admin
):
    rates = rates_services.charging_rates_add(authority=council, year=2025, user=la_admin)
    with pytest.raises(DomainError, match="savings credit disregards"):
        rates_services.charging_rates_check(rates=rates, user=la_admin)
    rates_services.charging_rates_change(
        rates=rates,
        user=la_admin,
        values={
            "savings_credit_disregard_single": Decimal("7.05"),
            "savings_credit_disregard_couple": Decimal("10.55"),
        },
    )
    rates = rates_services.charging_rates_check(rates=rates, user=la_admin)
    assert rates.is_checked and rates.checked_by == la_admin
    assert rates_services.rates_for_charge(council, year_starts(2025)) == rates


def test_the_check_shows_a_worked_example_on_the_years_rates(council):
    rates = set_standard_dre(council, "20.00")
    example = rates_services.check_example(rates)
    # 250.00 pension + tariff (18,000 − 14,250 = 3,750: 15 steps) 15.00 − 228.70 MIG − 20.00 DRE
    assert example.result.weekly_charge == Decimal("16.30")
    assert "Single, Pension Credit age or over" in example.description
    labels = [step.label for step in example.result.steps]
    assert "Tariff income from your capital" in labels and "Your weekly charge" in labels


def test_the_demo_council_gets_the_held_years_and_a_checked_year_marked_as_demo(council):
    """The demo works today without pretending: held national years, and this year's copied
    forward and marked as demo figures. Seeding twice changes nothing."""
    from assessments import demo

    ChargingRates.objects.filter(authority=council).delete()
    demo.seed_demo()
    demo.seed_demo()
    years = dict(
        ChargingRates.objects.filter(authority=council).values_list("financial_year", "source")
    )
    assert {2023, 2024, 2025, THIS_YEAR} <= set(years)
    assert "SI 2023/277" in years[2023]
    this_year = ChargingRates.objects.get(authority=council, financial_year=THIS_YEAR)
    if THIS_YEAR not in national.NATIONAL_YEARS:
        assert this_year.source.startswith(demo.DEMO_NOTE)
    assert this_year.is_checked and this_year.mig_amounts.filter(kind="base").exists()
    assert this_year.savings_credit_disregard_single == Decimal("6.95")  # last held year's
