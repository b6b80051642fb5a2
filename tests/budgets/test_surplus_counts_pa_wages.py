"""The fair surplus leaves out what the person owes the personal assistants they employ: approved
wages not yet paid and holiday pay built up (budgets.employment.liabilities), beside what was
recorded by hand."""

from datetime import timedelta
from decimal import Decimal

from budgets.employment.liabilities import employment_liabilities
from budgets.oversight.surplus import surplus_for
from tests.builders import pay_in

from .employment_helpers import TODAY, add_worker, approved_week, weeks_ago
from .oversight_helpers import settings_from


def test_unpaid_wages_and_holiday_built_up_are_owed_in_the_surplus(
    council, budget, dp_part, person
):
    settings_from(council, weeks=1)
    pay_in(dp_part, person.user, "3000.00", on=TODAY - timedelta(days=60))
    jo = add_worker(budget, person.user)
    approved_week(jo, weeks_ago(1), person.user)  # 10 hours at £13, not paid yet

    before = surplus_for(budget)
    owed = employment_liabilities(budget, TODAY)
    labels = [item.label for item in before.owed]

    assert any(label.startswith("Wages for Jo Bloggs") for label in labels)
    assert "Holiday pay built up by Jo Bloggs" in labels
    assert before.owed_total == sum((item.amount for item in owed), Decimal("0.00"))
    assert before.owed_total >= Decimal("130.00")
    assert before.free == before.held - before.owed_total - before.set_aside_total


def _listed_reasons(client, finance_officer) -> str:
    from html import unescape

    from django.urls import reverse

    client.force_login(finance_officer)
    page = client.get(reverse("monitoring:accounts") + "?show=surplus").text
    return " ".join(unescape(page.split(">Sam Okafor")[1].split("</tr>")[0]).split())


def test_the_monitoring_list_shows_the_same_fair_surplus_as_the_account(
    client, council, budget, dp_part, person, finance_officer
):
    settings_from(council, weeks=1)
    pay_in(dp_part, person.user, "3000.00", on=TODAY - timedelta(days=60))
    jo = add_worker(budget, person.user)
    approved_week(jo, weeks_ago(1), person.user)
    fair = surplus_for(budget)
    assert fair.owed_total >= Decimal("130.00")
    row = _listed_reasons(client, finance_officer)
    assert f"£{fair.amount:,} over the surplus threshold of £150.00" in row
    assert f"after £{fair.owed_total:,} owed, set aside or the person's own" in row


def test_an_account_whose_surplus_is_owed_to_its_pas_says_so(
    client, council, budget, dp_part, person, finance_officer
):
    settings_from(council, weeks=1)
    pay_in(dp_part, person.user, "250.00", on=TODAY - timedelta(days=60))  # £100 over, in SQL
    jo = add_worker(budget, person.user)
    approved_week(jo, weeks_ago(1), person.user)  # £130 owed, and holiday pay
    assert surplus_for(budget).amount == Decimal("0.00")
    row = _listed_reasons(client, finance_officer)
    assert "over the surplus threshold" not in row
    owed = sum((item.amount for item in employment_liabilities(budget, TODAY)), Decimal("0.00"))
    assert f"No surplus once the £{owed:,} owed to their personal assistants" in row
