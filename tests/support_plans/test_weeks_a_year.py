"""Issue 11: a support line says how many weeks a year it runs, so the yearly cost is right.

Home care for 50 weeks while 2 weeks of respite cover the rest; respite for 2 weeks a year. A year
of a line is its weekly rate × weeks a year; its weekly figure of record is that ÷ 52, to the
penny; the plan says how it was worked out. The form, the plan page, the provider's page, the
PDF, the budget and the history all carry it.
"""

from dataclasses import dataclass
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from budgets.models import BudgetPart, PersonalBudget
from core.errors import DomainError
from core.money import round_pennies
from people.history import person_history
from support_plans import services
from support_plans.contents import how_often
from support_plans.costing import cost_of, line_cost, plan_totals
from support_plans.models import SupportLine
from tests.builders import add_line, approve

from .test_plan_pdfs import needs_poppler, pdf_text


@dataclass
class Line:
    quantity_per_week: Decimal
    unit: str
    unit_cost: Decimal
    weeks_a_year: int


quantities = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
costs = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False)
units = st.sampled_from(["hour", "day", "week", "one_off"])
weeks = st.integers(min_value=1, max_value=52)
lines = st.lists(st.builds(Line, quantities, units, costs, weeks), max_size=12)


# The arithmetic.


def test_home_care_for_50_weeks_costs_15000_a_year_and_288_46_a_week_averaged():
    cost = line_cost(
        quantity=Decimal("20"), unit="hour", unit_cost=Decimal("15.00"), weeks_a_year=50
    )
    assert (cost.rate, cost.annual, cost.weekly) == (
        Decimal("300.00"),
        Decimal("15000.00"),
        Decimal("288.46"),
    )
    assert cost.explanation == (
        "£300.00 a week for 50 weeks a year: £15,000.00 a year, £288.46 a week averaged over "
        "the 52 weeks of the year"
    )


def test_two_weeks_of_respite_a_year_is_averaged_over_the_year():
    cost = line_cost(quantity=Decimal("1"), unit="week", unit_cost=Decimal("800"), weeks_a_year=2)
    assert (cost.annual, cost.weekly) == (Decimal("1600.00"), Decimal("30.77"))
    assert cost.explanation.startswith("£800.00 a week for 2 weeks a year: £1,600.00 a year")


def test_one_week_a_year_says_week_not_weeks():
    cost = line_cost(quantity=Decimal("1"), unit="week", unit_cost=Decimal("520"), weeks_a_year=1)
    assert cost.weekly == Decimal("10.00")
    assert "for 1 week a year" in cost.explanation


@given(quantities, units, costs)
def test_a_line_all_year_round_costs_what_it_always_did(quantity, unit, unit_cost):
    cost = line_cost(quantity=quantity, unit=unit, unit_cost=unit_cost, weeks_a_year=52)
    if unit == "one_off":
        assert cost.weekly == 0 and cost.one_off == round_pennies(quantity * unit_cost)
    else:
        assert cost.weekly == round_pennies(quantity * unit_cost) == cost.rate
        assert cost.annual == cost.weekly * 52 and not cost.explanation


@given(quantities, st.sampled_from(["hour", "day", "week"]), costs, weeks)
def test_the_weekly_figure_is_the_yearly_cost_over_52_to_the_penny(
    quantity, unit, unit_cost, weeks_a_year
):
    cost = line_cost(quantity=quantity, unit=unit, unit_cost=unit_cost, weeks_a_year=weeks_a_year)
    assert cost.annual == round_pennies(quantity * unit_cost) * weeks_a_year
    assert cost.weekly == round_pennies(cost.annual / 52)
    assert abs(cost.weekly * 52 - cost.annual) <= Decimal("0.26")
    assert cost.weekly.as_tuple().exponent >= -2


@given(lines)
def test_plan_totals_add_up_the_lines_weekly_figures_and_a_year_is_52_of_them(plan_lines):
    totals = plan_totals(plan_lines)
    assert totals.weekly == sum((cost_of(x).weekly for x in plan_lines), Decimal("0.00"))
    assert totals.annual == totals.weekly * 52 + totals.one_off
    assert totals.averaged == any(
        x.unit != "one_off" and cost_of(x).weekly != cost_of(x).rate for x in plan_lines
    )


# The service.


@pytest.fixture
def draft(eligible_person):
    return services.plan_start(person=eligible_person, user=eligible_person.user)


@pytest.mark.parametrize("bad", [0, 53, -1])
def test_the_service_refuses_weeks_a_year_outside_1_to_52(draft, bad):
    with pytest.raises(DomainError, match="from 1 to 52: a year has 52 weeks") as caught:
        add_line(draft, draft.person.user, weeks_a_year=bad)
    assert caught.value.field == "weeks_a_year"
    assert not SupportLine.objects.exists()


def test_a_one_off_cost_is_paid_once_whatever_the_weeks_say(draft):
    line = add_line(draft, draft.person.user, quantity="1", unit="one_off", weeks_a_year=3)
    assert line.weeks_a_year == 52
    assert cost_of(line).one_off == Decimal("15.00") and cost_of(line).weekly == 0


def test_changing_the_weeks_changes_the_cost(draft):
    writer = draft.person.user
    line = add_line(draft, writer, quantity="20", weeks_a_year=52)
    details = {
        name: getattr(line, name)
        for name in [
            "description",
            "provider_kind",
            "provider",
            "payee",
            "quantity_per_week",
            "unit",
            "unit_cost",
            "management",
            "dp_holder",
            "account_type",
        ]
    }
    services.support_line_update(
        plan=draft,
        user=writer,
        line=line,
        details={**details, "weeks_a_year": 50},
        outcomes=list(line.outcomes.all()),
    )
    assert services.totals(draft).weekly == Decimal("288.46")


# The form.


@pytest.fixture
def as_person(client, eligible_person):
    client.force_login(eligible_person.user)
    return client


def _line_data(plan, **overrides) -> dict:
    outcome = plan.outcomes.first() or services.outcome_add(
        plan=plan,
        user=plan.person.user,
        in_my_words="I want to get washed and dressed by 9",
        eligible_needs=["personal_hygiene"],
    )
    data = {
        "line-description": "Home care",
        "line-provider_kind": "personal_assistant",
        "line-provider": "",
        "line-payee": "",
        "line-quantity_per_week": "20",
        "line-unit": "hour",
        "line-unit_cost": "15.00",
        "line-weeks_a_year": "50",
        "line-outcomes": [str(outcome.id)],
        "line-management": "direct_payment",
        "line-dp_holder": "person",
        "line-account_type": "bank",
    }
    return data | overrides


def _add(client, plan, **overrides):
    url = reverse("plans:support_add", kwargs={"plan_id": plan.id})
    return client.post(url, _line_data(plan, **overrides))


def test_the_form_asks_how_many_weeks_a_year_and_starts_at_52(as_person, draft):
    page = as_person.get(reverse("plans:support_add", kwargs={"plan_id": draft.id}))
    text = unescape(page.content.decode())
    assert "How many weeks a year does it run?" in text
    assert 'name="line-weeks_a_year" value="52"' in text


def test_the_form_saves_the_weeks_and_the_plan_page_says_how_the_cost_was_worked_out(
    as_person, draft
):
    response = _add(as_person, draft)
    assert response.status_code == 302
    assert draft.support_lines.get().weeks_a_year == 50
    page = unescape(as_person.get(reverse("plans:support", args=[draft.id])).content.decode())
    assert "20 hours a week at £15.00 an hour, 50 weeks a year" in page
    assert "£288.46 a week" in page
    assert "£300.00 a week for 50 weeks a year: £15,000.00 a year, £288.46 a week averaged" in page
    assert "averaged over the 52 weeks, to the penny" in page
    check = unescape(as_person.get(reverse("plans:check", args=[draft.id])).content.decode())
    assert "£15,000.00 a year, £288.46 a week averaged" in check


def test_left_empty_the_weeks_are_52(as_person, draft):
    assert _add(as_person, draft, **{"line-weeks_a_year": ""}).status_code == 302
    assert draft.support_lines.get().weeks_a_year == 52


@pytest.mark.parametrize(
    "typed, message",
    [
        ("53", "Enter how many weeks a year the support runs, from 1 to 52: a year has 52 weeks"),
        ("0", "Enter how many weeks a year the support runs, from 1 to 52: a year has 52 weeks"),
        ("fifty", "Enter the weeks a year as a whole number from 1 to 52, like 50"),
        ("50.5", "Enter the weeks a year as a whole number from 1 to 52, like 50"),
        ("99999999999999999999", "from 1 to 52: a year has 52 weeks"),
    ],
)
def test_the_form_refuses_weeks_it_cannot_use_and_keeps_what_was_typed(
    as_person, draft, typed, message
):
    response = _add(as_person, draft, **{"line-weeks_a_year": typed})
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page and f'value="{typed}"' in page and 'value="Home care"' in page
    assert not SupportLine.objects.exists()


# Approval, the budget, the provider, the PDF and the history.


@pytest.fixture
def approved(eligible_person, social_worker, approver, provider_org):
    writer = eligible_person.user
    plan = services.plan_start(person=eligible_person, user=writer)
    add_line(plan, writer, description="Home care", quantity="20", weeks_a_year=50)
    add_line(
        plan,
        writer,
        description="Respite at Brightside",
        quantity="1",
        unit="week",
        cost="800.00",
        weeks_a_year=2,
        management="council_managed",
        provider=provider_org,
    )
    services.plan_save_section(
        plan=plan,
        user=writer,
        section="contingency",
        data={"contingency_plan": "My sister covers", "risks": ""},
    )
    return approve(plan, writer=writer, checker=social_worker, approver=approver)


def test_the_approved_budget_uses_the_averaged_weekly_figures(approved):
    assert approved.weekly_total == Decimal("319.23")  # 288.46 + 30.77
    budget = PersonalBudget.objects.get(plan=approved)
    amounts = {part.kind: part.weekly_amount for part in budget.parts.all()}
    assert amounts == {
        BudgetPart.Kind.DIRECT_PAYMENT: Decimal("288.46"),
        BudgetPart.Kind.COUNCIL_MANAGED: Decimal("30.77"),
    }


def test_the_approved_plan_page_shows_the_weeks_and_how_the_cost_was_worked_out(client, approved):
    client.force_login(approved.person.user)
    page = unescape(client.get(reverse("plans:plan", args=[approved.id])).content.decode())
    assert "2 weeks a year at £800.00 a week" in page
    assert "£800.00 a week for 2 weeks a year: £1,600.00 a year, £30.77 a week averaged" in page


def test_a_revision_keeps_the_weeks_a_year(approved):
    revision = services.plan_revise(
        plan=approved, user=approved.person.user, reason="Trying a new agency"
    )
    assert sorted(revision.support_lines.values_list("weeks_a_year", flat=True)) == [2, 50]


def test_the_provider_sees_how_many_weeks_a_year_but_no_cost(client, approved, provider_user):
    client.force_login(provider_user)
    url = reverse("plan_approval:provider_person", args=[approved.person.id])
    page = unescape(client.get(url).content.decode())
    assert "Respite at Brightside" in page and "2 weeks a year" in page
    assert "£800" not in page and "£30.77" not in page


def test_how_often_names_the_weeks_for_each_kind_of_line():
    def often(quantity, unit, weeks, **kwargs):
        line = SupportLine(
            quantity_per_week=Decimal(quantity),
            unit=unit,
            unit_cost=Decimal("10"),
            weeks_a_year=weeks,
        )
        return how_often(line, **kwargs)

    assert often("1", "week", 2) == "2 weeks a year at £10.00 a week"
    assert often("1", "week", 2, with_cost=False) == "2 weeks a year"
    assert often("3", "week", 40) == "3 times a week at £10.00 a time, 40 weeks a year"
    assert often("7", "day", 1) == "7 days a week at £10.00 a day, 1 week a year"
    assert often("10", "hour", 52) == "10 hours a week at £10.00 an hour"


@needs_poppler
def test_the_plan_pdf_says_how_the_cost_was_worked_out(client, approved, tmp_path):
    client.force_login(approved.person.user)
    response = client.get(reverse("plans:plan_pdf", args=[approved.id]))
    text = pdf_text(response.content, tmp_path)
    assert "50 weeks a year" in text
    assert "£800.00 a week for 2 weeks a year: £1,600.00 a year, £30.77 a week averaged" in text


def test_the_history_names_the_weeks_a_year(draft):
    writer = draft.person.user
    line = add_line(draft, writer, weeks_a_year=52)
    line.weeks_a_year = 50
    line.save()
    changes = [
        change
        for entry in person_history(draft.person)
        for change in entry.changes
        if change.label == "Weeks a year it runs"
    ]
    assert [(c.before, c.after) for c in changes] == [("52", "50")]


def test_what_changed_between_revisions_names_the_weeks(approved):
    from support_plans.compare import compare_revisions

    writer = approved.person.user
    revision = services.plan_revise(plan=approved, user=writer, reason="Longer respite")
    SupportLine.objects.filter(plan=revision, description="Respite at Brightside").update(
        weeks_a_year=4
    )
    changed = {d.what: (d.before, d.after) for d in compare_revisions(approved, revision)}
    before, after = changed["Support: Respite at Brightside"]
    assert before.startswith("2 weeks a year at £800.00 a week: £30.77 a week")
    assert after.startswith("4 weeks a year at £800.00 a week: £61.54 a week")
