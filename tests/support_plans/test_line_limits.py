"""Issue 9, item 8: absurd costs no longer pass.

No more hours (or days) in a week than a week has, a unit cost above a ceiling refused with a
message that says what to do, £0 refused for paid support, a warning (never a refusal) when a
personal assistant's hourly cost is below the National Living Wage, and no "that is all right"
about a cost nobody at the council could approve. Through the service and the page, each with the
GOV.UK error summary, what was typed kept, and nothing saved.
"""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from djmoney.money import Money

from core.errors import DomainError
from support_plans import pay_rates, services
from support_plans.models import SupportLine, SupportPlan
from tests.builders import add_line, ready_plan

Status = SupportPlan.Status


def url(name: str, plan, **kwargs) -> str:
    return reverse(f"plans:{name}", kwargs={"plan_id": plan.id, **kwargs})


@pytest.fixture
def draft(eligible_person):
    return services.plan_start(person=eligible_person, user=eligible_person.user)


@pytest.fixture
def as_person(client, eligible_person):
    client.force_login(eligible_person.user)
    return client


def _line_data(plan, **overrides) -> dict:
    data = {
        "line-description": "Help getting up and dressed",
        "line-provider_kind": "personal_assistant",
        "line-provider": "",
        "line-payee": "",
        "line-quantity_per_week": "10",
        "line-unit": "hour",
        "line-unit_cost": "15.50",
        "line-outcomes": [str(plan.outcomes.first().id)],
        "line-management": "direct_payment",
        "line-dp_holder": "person",
        "line-account_type": "bank",
    }
    return data | overrides


# The service refuses them.

REFUSED = [
    ({"quantity": "200"}, "quantity_per_week", "A week has 168 hours: enter 168 hours or fewer"),
    ({"quantity": "168.5"}, "quantity_per_week", "A week has 168 hours"),
    ({"quantity": "8", "unit": "day", "cost": "60"}, "quantity_per_week", "A week has 7 days"),
    (
        {"cost": "1000000"},
        "unit_cost",
        "That is more than £250.00 an hour. Check the cost: enter what one hour costs",
    ),
    ({"quantity": "1", "unit": "day", "cost": "2000.01"}, "unit_cost", "more than £2,000.00 a day"),
    ({"quantity": "1", "unit": "week", "cost": "10001"}, "unit_cost", "£10,000.00 a time"),
    ({"quantity": "1", "unit": "one_off", "cost": "50000.01"}, "unit_cost", "one-off cost"),
    ({"cost": "0"}, "unit_cost", "a personal assistant is paid for their time, so it cannot be £0"),
]


@pytest.mark.parametrize("line, field, message", REFUSED)
def test_the_service_refuses_a_line_no_council_could_approve(draft, line, field, message):
    with pytest.raises(DomainError, match=message) as caught:
        add_line(draft, draft.person.user, **line)
    assert caught.value.field == field
    assert not SupportLine.objects.exists()


def test_paid_care_from_a_provider_cannot_cost_nothing(draft, provider_org):
    with pytest.raises(DomainError, match="a care provider is paid"):
        add_line(draft, draft.person.user, cost="0.00", provider=provider_org)
    assert not SupportLine.objects.exists()


def test_the_limits_themselves_and_free_community_support_are_accepted(draft, provider_org):
    writer = draft.person.user
    add_line(draft, writer, description="Round the clock", quantity="168", cost="250.00")
    add_line(draft, writer, description="Respite", quantity="7", unit="day", cost="2000.00")
    add_line(draft, writer, description="Lunch club", cost="0", provider_kind="community")
    add_line(draft, writer, description="Loaned chair", cost="0", provider_kind="equipment")
    assert draft.support_lines.count() == 4


# The page shows the same messages in the error summary, keeps what was typed, saves nothing.

PAGE_REFUSED = [
    ({"line-quantity_per_week": "200"}, "A week has 168 hours: enter 168 hours or fewer", "200"),
    (
        {"line-unit": "day", "line-quantity_per_week": "10", "line-unit_cost": "60"},
        "A week has 7 days: enter 7 days or fewer",
        "10",
    ),
    (
        {"line-unit_cost": "1,000,000"},
        "That is more than £250.00 an hour. Check the cost: enter what one hour costs, like 15.50",
        "1,000,000",
    ),
    (
        {"line-unit_cost": "0"},
        "Enter what it costs: a personal assistant is paid for their time, so it cannot be £0",
        'value="0"',
    ),
]


@pytest.mark.parametrize("overrides, message, kept", PAGE_REFUSED)
def test_the_form_refuses_absurd_costs_with_a_message_and_keeps_what_was_typed(
    as_person, draft, overrides, message, kept
):
    add_line(draft, draft.person.user)
    before = SupportLine.objects.count()
    response = as_person.post(url("support_add", draft), _line_data(draft, **overrides))
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page and kept in page and "Help getting up and dressed" in page
    assert SupportLine.objects.count() == before


# The National Living Wage: data with its source, a warning and never a refusal.


def test_the_national_living_wage_is_held_as_dated_data_with_its_source():
    assert [(r.hourly, r.applies_from) for r in pay_rates.NATIONAL_LIVING_WAGE] == [
        (Decimal("12.21"), date(2025, 4, 1)),
        (Decimal("12.71"), date(2026, 4, 1)),
    ]
    for rate in pay_rates.NATIONAL_LIVING_WAGE:
        assert rate.who == "workers aged 21 and over"
        assert rate.source_url == "https://www.gov.uk/national-minimum-wage-rates"
    assert pay_rates.rate_on(date(2025, 3, 31)) is None
    assert pay_rates.rate_on(date(2026, 3, 31)).hourly == Decimal("12.21")
    assert pay_rates.rate_on(date(2026, 4, 1)).hourly == Decimal("12.71")
    assert pay_rates.next_rate_after(date(2026, 1, 1)).hourly == Decimal("12.71")
    assert pay_rates.next_rate_after(date(2026, 4, 1)) is None


def test_below_the_living_wage_is_said_plainly_including_a_rate_already_announced():
    assert pay_rates.below_living_wage(Decimal("12.00"), date(2025, 6, 1)) == (
        "£12.00 an hour is less than the National Living Wage of £12.21 an hour for workers "
        "aged 21 and over (from 1 April 2025)."
    )
    assert pay_rates.below_living_wage(Decimal("12.50"), date(2026, 1, 1)) == (
        "£12.50 an hour will be less than the National Living Wage of £12.71 an hour for "
        "workers aged 21 and over from 1 April 2026."
    )
    assert pay_rates.below_living_wage(Decimal("12.71"), date(2026, 5, 1)) == ""


def test_a_personal_assistant_paid_below_the_living_wage_is_saved_with_a_warning(as_person, draft):
    add_line(draft, draft.person.user)
    data = _line_data(draft, **{"line-description": "Evening PA", "line-unit_cost": "10.00"})
    response = as_person.post(url("support_add", draft), data, follow=True)
    page = unescape(response.content.decode())
    assert draft.support_lines.filter(description="Evening PA").exists()  # warned, not refused
    assert (
        "Check the cost of 'Evening PA'. £10.00 an hour is less than the National Living Wage"
        in (page)
    )
    assert "'Evening PA': £10.00 an hour is less than the National Living Wage" in page
    assert "holiday pay" in page


def test_no_warning_for_a_fair_rate_or_for_support_that_is_not_a_personal_assistant(
    as_person, draft, provider_org
):
    add_line(draft, draft.person.user, cost="15.00")
    add_line(draft, draft.person.user, description="Agency", cost="10.00", provider=provider_org)
    page = unescape(as_person.get(url("support", draft)).content.decode())
    assert "National Living Wage" not in page


# "That is all right" only about a cost someone at the council could approve.


def _stored_line_over_the_ceiling(plan) -> SupportLine:
    """A line saved before the limits existed (the services would refuse it now)."""
    line = SupportLine.objects.create(
        plan=plan,
        description="Mistyped PA",
        provider_kind="personal_assistant",
        quantity_per_week=Decimal("200"),
        unit="hour",
        unit_cost=Decimal("1000000.00"),
        management="direct_payment",
        dp_holder="person",
        account_type="bank",
    )
    line.outcomes.set([plan.outcomes.first()])
    return line


def test_a_plan_with_a_cost_no_council_could_approve_is_not_called_all_right(
    as_person, eligible_person, senior_approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    _stored_line_over_the_ceiling(plan)
    page = unescape(as_person.get(url("support", plan)).content.decode())
    assert "a year more than the indicative budget" in page
    assert "That is all right" not in page
    assert "No council could approve some of these costs as they are" in page
    assert "'Mistyped PA': A week has 168 hours" in page
    with pytest.raises(DomainError, match="Change 'Mistyped PA': A week has 168 hours"):
        services.plan_submit(plan=plan, user=eligible_person.user)
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_a_plan_nobody_at_the_council_can_approve_is_not_called_all_right(
    as_person, draft, approver
):
    # The only approver has a £10,000 limit, and the plan is over the indicative budget.
    membership = approver.memberships.get()
    membership.approval_limit = Money(10000, "GBP")
    membership.save()
    add_line(draft, draft.person.user, quantity="40", cost="20.00")  # £800 > £300 a week
    page = unescape(as_person.get(url("support", draft)).content.decode())
    assert "That is all right" not in page
    assert "Nobody at Northshire County Council can approve a plan that costs this much" in page


def test_an_approver_cannot_approve_a_line_saved_before_the_limits(
    eligible_person, social_worker, senior_approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    _stored_line_over_the_ceiling(plan)
    blockers = services.approval_blockers(plan, senior_approver)
    assert any(b.startswith("'Mistyped PA': A week has 168 hours") for b in blockers)
    with pytest.raises(DomainError, match="Ask for changes to the plan"):
        services.plan_decide(plan=plan, user=senior_approver, decision="approved")
