"""Issue 11: the charging rates pages in the service (not the Django admin) for a council's own
administrators, and the finance officer's April uprating page. Bad input gets the GOV.UK error
summary, the typed values kept and a plain message; nothing is half-saved."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.defaults import financial_year_of, year_starts
from assessments.financial import national_rates as national
from assessments.models import ChargingRates, FinancialAssessment
from people.models import StaffRole
from tests.factories import staff_user

from .test_uprating import _last_years_assessment

THIS_YEAR = financial_year_of(timezone.localdate())


def _shows_problem(response, message: str) -> bool:
    text = response.content.decode()
    return response.status_code == 200 and "There is a problem" in text and message in text


@pytest.fixture
def admin_client(client, la_admin):
    client.force_login(la_admin)
    return client


def _url(name, council, year=None):
    kwargs = {"authority_id": council.id}
    if year is not None:
        kwargs["year"] = year
    return reverse(f"charging_rates:{name}", kwargs=kwargs)


def test_an_administrator_adds_next_years_rates_and_sees_where_each_figure_came_from(
    admin_client, council
):
    ChargingRates.objects.filter(authority=council).delete()
    page = admin_client.get(_url("years", council)).text
    assert "The council has no charging rates yet" in page

    response = admin_client.post(_url("add", council), {"financial_year": "2025"}, follow=True)

    assert "The 2025/26 rates are added" in response.text
    assert "Not checked yet: nobody is charged on these rates" in response.text
    assert "Social care charging for care and support 2025 to 2026" in response.text
    assert "£112.50" in response.text and "Bright Futures @Ruils" in response.text
    assert "Not offered yet: Single, Pension Credit age or over" in response.text


def test_a_floor_broken_is_explained_the_typed_values_kept_and_nothing_saved(admin_client, council):
    rates = ChargingRates.objects.get(authority=council, financial_year=THIS_YEAR)
    data = {
        "lower_capital_limit": "14000",
        "upper_capital_limit": "23250",
        "tariff_step": "250",
        "tariff_rule": "part_step",
        "charge_percentage": "100",
        "minimum_weekly_charge": "0",
        "local_mig_buffer": "5.00",
        "standard_dre_weekly": "",
        "pip_night_care_disregard_weekly": "0",
        "savings_credit_disregard_single": "6.95",
        "savings_credit_disregard_couple": "10.40",
    }
    response = admin_client.post(_url("change", council, THIS_YEAR), data)
    assert _shows_problem(response, "The lower capital limit cannot be less than the national")
    assert 'value="14000"' in response.text and 'value="5.00"' in response.text
    rates.refresh_from_db()
    assert rates.lower_capital_limit == Decimal("14250.00") and rates.local_mig_buffer == 0

    response = admin_client.post(
        _url("change", council, THIS_YEAR), {**data, "lower_capital_limit": "1e5"}
    )
    assert _shows_problem(response, "Enter an amount in pounds and pence, like 20.00")


def test_an_amount_below_the_national_one_is_refused_with_the_national_figure(
    admin_client, council, la_admin
):
    from assessments.rates.services import charging_rates_add

    charging_rates_add(authority=council, year=2025, user=la_admin)
    response = admin_client.post(
        _url("amounts", council, 2025), {"amount_1": "100.00", "amount_0": "89.15"}
    )
    assert _shows_problem(response, "cannot be less than the national £112.50 a week for 2025/26")
    assert 'value="100.00"' in response.text

    response = admin_client.post(
        _url("amounts", council, 2025),
        {"amount_0": "89.15", "amount_1": "117.50", "amount_6": "49.65", "amount_8": "24.25"},
        follow=True,
    )
    assert "The 2025/26 Minimum Income Guarantee is changed" in response.text
    assert (
        "changed &#x27;Single, aged 25 to Pension Credit age&#x27;: £117.50 a week by Alex Kaur"
        in response.text
    )


def test_checking_shows_a_worked_example_then_marks_the_year_checked(admin_client, council):
    ChargingRates.objects.filter(authority=council).update(checked_at=None)
    page = admin_client.get(_url("check", council, THIS_YEAR)).text
    assert "How the example is worked out" in page
    assert "Single, Pension Credit age or over: a State Pension of £250.00 a week" in page

    response = admin_client.post(_url("check", council, THIS_YEAR), follow=True)

    assert "people can be charged on them" in response.text
    assert ChargingRates.objects.get(authority=council, financial_year=THIS_YEAR).is_checked


def test_another_councils_administrator_gets_404_everywhere(client, council, other_council):
    client.force_login(staff_user(other_council, StaffRole.ADMINISTRATOR))
    for name in ("years", "add"):
        assert client.get(_url(name, council)).status_code == 404
    assert client.post(_url("add", council), {"financial_year": "2025"}).status_code == 404
    for name in ("year", "change", "amounts", "check", "uprating_year"):
        assert client.get(_url(name, council, THIS_YEAR)).status_code == 404
    for name in ("change", "amounts", "check", "uprating_year"):
        assert client.post(_url(name, council, THIS_YEAR), {}).status_code == 404
    assert not ChargingRates.objects.filter(authority=council, financial_year=2025).exists()


def test_a_charge_from_a_year_without_rates_is_refused_with_the_date_kept(
    client, person, finance_officer
):
    client.force_login(finance_officer)
    day = year_starts(THIS_YEAR) - timedelta(days=1)
    response = client.post(
        reverse("financial_assessment:start", args=[person.id]),
        {
            "charge_from_0": str(day.day),
            "charge_from_1": str(day.month),
            "charge_from_2": str(day.year),
        },
    )
    assert _shows_problem(
        response, f"The council has no charging rates for {national.year_label(THIS_YEAR - 1)}"
    )
    assert f'value="{day.year}"' in response.text
    assert not FinancialAssessment.objects.exists()


def test_the_finance_officer_sees_who_is_affected_and_works_them_out_again_once(
    client, person, finance_officer
):
    _last_years_assessment(person, finance_officer)
    client.force_login(finance_officer)
    home = client.get(reverse("charging_rates:uprating")).text
    url = _url("uprating_year", person.local_authority, THIS_YEAR)
    assert url in home

    page = client.get(url).text
    assert "Sam Okafor" in page and "£20.00 a week" in page and "£11.30 a week" in page
    assert "Sam Okafor&#x27;s weekly charge goes from £20.00 a week to £11.30 a week." in page

    done = client.post(url, follow=True).text
    assert "1 charge worked out again" in done
    assert "there is nothing to work out again" in done
    again = client.post(url, follow=True).text
    assert "0 charges worked out again" in again
    assert FinancialAssessment.objects.count() == 2
