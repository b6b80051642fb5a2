"""Issue 11 part 1: a council's local values as data, changed from a date by its own
administrators within the statutory limits, with a history of who changed what; the
monitoring list, spending reminders and contribution checks use them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.models import ExpectedContribution
from budgets.payments import contributions
from people.council_settings.models import CouncilSettings
from people.council_settings.services import (
    council_settings_change,
    council_settings_history,
    council_settings_in_force,
    council_settings_upcoming,
)
from people.models import StaffRole

from ..factories import staff_user

TODAY = timezone.localdate()
USUAL = {
    "payment_cycle": "four_weekly",
    "surplus_weeks": "8",
    "surplus_basis": "gross",
    "contingency_weeks": "0",
    "first_check_weeks": "12",
    "record_reminder_days": "28",
    "contribution_missing_days": "14",
    "return_months": "3",
    "repayment_notice_days": "14",
    "retention_years": "7",
    "plan_first_review_weeks": "8",
    "dp_first_review_months": "6",
    "routine_review_months": "12",
    "dbs_max_age_years": "3",
}


def _form(starts=TODAY, **changes):
    data = {**USUAL, **changes, "reason": changes.pop("reason", "")}
    data.update(
        {
            "effective_from_0": str(starts.day),
            "effective_from_1": str(starts.month),
            "effective_from_2": str(starts.year),
        }
    )
    return data


def _change_url(council):
    return reverse("council_settings:change", args=[council.id])


def test_the_usual_values_apply_until_a_council_sets_its_own(council):
    settings = council_settings_in_force(council)
    assert settings.pk is None
    assert (settings.surplus_weeks, settings.first_check_weeks) == (8, 12)
    assert (settings.dp_first_review_months, settings.routine_review_months) == (6, 12)


def test_an_administrator_changes_a_value_from_a_later_date_and_the_history_says_who(
    client, council, la_admin
):
    client.force_login(la_admin)
    page = client.get(_change_url(council)).text
    assert "Change local settings" in page and 'value="8"' in page
    starts = TODAY + timedelta(days=10)
    response = client.post(
        _change_url(council), _form(starts, surplus_weeks="6", reason="Cabinet, 1 December")
    )
    assert response.status_code == 302

    assert council_settings_in_force(council).surplus_weeks == 8  # not yet
    assert council_settings_in_force(council, starts).surplus_weeks == 6
    overview = client.get(reverse("council_settings:overview", args=[council.id])).text
    assert "Changes still to come" in overview
    assert "Surplus threshold in weeks of funding: 8 to 6" in overview
    assert "Alex Kaur" in overview and "Cabinet, 1 December" in overview


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("dp_first_review_months", "7", "first reviewed within 6 months"),
        ("routine_review_months", "13", "at least every 12 months"),
        ("plan_first_review_weeks", "9", "within 8 weeks"),
        ("repayment_notice_days", "7", "at least 14 days"),
        ("surplus_weeks", "0", "from 1 to 52"),
        ("surplus_weeks", "eight", "as a whole number, like 8"),
        ("record_reminder_days", "", "Enter the days with no spending logged"),
        ("surplus_basis", "sometimes", "gross or the net budget"),
        ("contingency_weeks", "13", "from 0 to 12"),
        ("return_months", "-1", "from 0 to 12 (0 for no regular returns)"),
    ],
)
def test_values_outside_the_law_or_the_limits_are_refused_plainly_and_nothing_is_saved(
    client, council, la_admin, field, value, message
):
    client.force_login(la_admin)
    response = client.post(_change_url(council), _form(**{field: value}))
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert not CouncilSettings.objects.exists()


def test_a_change_cannot_start_in_the_past(client, council, la_admin):
    client.force_login(la_admin)
    response = client.post(_change_url(council), _form(TODAY - timedelta(days=1)))
    assert "A change cannot start in the past" in response.text
    assert not CouncilSettings.objects.exists()


def test_only_the_councils_own_administrators_reach_the_pages(
    client, council, other_council, la_admin, social_worker, finance_officer, person
):
    other_admin = staff_user(other_council, StaffRole.ADMINISTRATOR)
    for user in (other_admin, social_worker, finance_officer, person.user):
        client.force_login(user)
        for url in (reverse("council_settings:overview", args=[council.id]), _change_url(council)):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(_change_url(council), _form(surplus_weeks="4")).status_code == 404
    assert not CouncilSettings.objects.exists()
    client.force_login(la_admin)
    home = client.get(reverse("people:dashboard")).text
    assert reverse("council_settings:overview", args=[council.id]) in home


def _usual_values(**changes) -> dict:
    values = {name: int(value) if value.isdigit() else value for name, value in USUAL.items()}
    return {**values, **changes}


def test_the_monitoring_list_uses_the_councils_surplus_weeks(
    client, budget, council, la_admin, finance_officer
):
    from tests.budgets.test_monitoring import add_budget, list_url
    from tests.builders import pay_in

    part = add_budget(council, budget.plan, name="Holding", weekly="100.00")
    pay_in(part, finance_officer, "650.00")
    client.force_login(finance_officer)
    assert "Holding" not in client.get(list_url(show=["surplus"])).text  # 6.5 weeks < 8

    council_settings_change(
        authority=council,
        user=la_admin,
        effective_from=TODAY,
        values=_usual_values(surplus_weeks=6),
    )
    page = client.get(list_url(show=["surplus"])).text
    assert "Holding" in page and "Over the surplus threshold (6 weeks of funding" in page
    assert "£50.00 over the surplus threshold of £600.00" in page


def test_a_councils_contingency_is_set_aside_before_the_surplus_on_both_sides(
    client, budget, council, la_admin, finance_officer
):
    """The person's page and the officer's list agree: 2 weeks' contingency on top of 6."""
    from budgets.oversight.surplus import surplus_for
    from tests.budgets.test_monitoring import add_budget, list_url
    from tests.builders import pay_in

    part = add_budget(council, budget.plan, name="Holding", weekly="100.00")
    pay_in(part, finance_officer, "900.00")
    council_settings_change(
        authority=council,
        user=la_admin,
        effective_from=TODAY,
        values=_usual_values(surplus_weeks=6, contingency_weeks=2),
    )
    surplus = surplus_for(part.budget)
    [kept] = surplus.set_aside
    assert kept.label == "Money for emergencies the council lets every account keep"
    assert (kept.amount, kept.detail) == (
        Decimal("200.00"),
        "2 weeks of £100.00, the council's contingency",
    )
    assert (surplus.threshold, surplus.amount) == (Decimal("600.00"), Decimal("100.00"))
    client.force_login(finance_officer)
    page = client.get(list_url(show=["surplus"])).text
    assert "£100.00 over the surplus threshold of £600.00, after £200.00 owed, set aside" in page


def test_contributions_count_as_missing_after_the_councils_days(budget, council, la_admin):
    council_settings_change(
        authority=council,
        user=la_admin,
        effective_from=TODAY,
        values=_usual_values(contribution_missing_days=5),
    )
    ExpectedContribution.objects.create(
        budget=budget, due_on=TODAY - timedelta(days=6), amount=Decimal("10.00")
    )
    contributions.contributions_mark(authority=council, budget_ids=[budget.id], today=TODAY)
    assert ExpectedContribution.objects.get().status == "missing"  # 14 days would say late


def test_the_overview_says_what_the_contingency_and_returns_are(client, council, la_admin):
    client.force_login(la_admin)
    overview = reverse("council_settings:overview", args=[council.id])
    page = client.get(overview).text
    assert "None on top of the surplus threshold" in page and "Every 3 months" in page
    council_settings_change(
        authority=council,
        user=la_admin,
        effective_from=TODAY,
        values=_usual_values(contingency_weeks=2, return_months=0),
    )
    page = client.get(overview).text
    assert "2 weeks of funding, on top of the surplus threshold" in page
    assert "None: only the checks the council asks for" in page


def test_a_second_change_for_the_same_day_takes_its_place_and_both_stay_in_the_history(
    client, council, la_admin
):
    other_admin = staff_user(council, StaffRole.ADMINISTRATOR)
    starts = TODAY + timedelta(days=30)
    for user, weeks, reason in ((la_admin, 6, "Cabinet"), (other_admin, 7, "Typo: 7, not 6")):
        council_settings_change(
            authority=council,
            user=user,
            effective_from=starts,
            values=_usual_values(surplus_weeks=weeks),
            reason=reason,
        )
    assert council_settings_in_force(council, starts).surplus_weeks == 7
    assert CouncilSettings.objects.filter(authority=council).count() == 2
    [upcoming] = council_settings_upcoming(council)
    assert (upcoming.surplus_weeks, upcoming.changed_by) == (7, other_admin)
    newest, first = council_settings_history(council)
    assert (newest.changed_by, newest.replaced) == (other_admin, False)
    assert newest.changes[0][1:] == ("6", "7")
    assert (first.changed_by, first.replaced, first.reason) == (la_admin, True, "Cabinet")
    client.force_login(la_admin)
    page = client.get(reverse("council_settings:overview", args=[council.id])).text
    assert "Replaced by a later change for the same day" in page
    assert "Cabinet" in page and "Typo: 7, not 6" in page
