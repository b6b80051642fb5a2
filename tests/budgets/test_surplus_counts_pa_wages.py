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


def test_the_monitoring_list_says_pa_wages_are_taken_off_on_the_account(
    council, budget, dp_part, person, finance_officer
):
    from budgets.monitoring import services as monitoring
    from people.council_settings.services import council_settings_in_force

    settings_from(council, weeks=1)
    pay_in(dp_part, person.user, "3000.00", on=TODAY - timedelta(days=60))
    add_worker(budget, person.user)
    [listed] = monitoring.direct_payment_accounts(finance_officer, show=["surplus"])
    why = monitoring.reasons(listed, council_settings_in_force(council, TODAY), TODAY)
    assert any("before wages and holiday pay owed to their personal assistants" in w for w in why)
