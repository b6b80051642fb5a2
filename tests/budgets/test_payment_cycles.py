"""Issue 11: the payment cycle is a council setting: every 4 weeks (the usual) or every calendar
month (weekly × days in the month ÷ 7), changed from a date, with paid days that never overlap
and never leave a gap when the council switches."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from budgets.models import ExpectedContribution, PaidPeriod, PaymentRun
from budgets.payments import runs
from budgets.payments.cycles import Cycle, Kind, Schedule, amount_for_days
from core.money import round_pennies
from people.council_settings.models import CouncilSettings

TODAY = timezone.localdate()
MONTHLY, FOUR_WEEKLY = Kind.CALENDAR_MONTHLY.value, Kind.FOUR_WEEKLY.value
weekly_amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("5000.00"), places=2, allow_nan=False
)


def _walk(schedule: Schedule, start: date, count: int) -> list[Cycle]:
    cycles = [schedule.cycle_from(start)]
    while len(cycles) < count:
        cycles.append(schedule.cycle_from(cycles[-1].next_start))
    return cycles


@given(weekly=weekly_amounts, year=st.integers(min_value=2000, max_value=2100))
def test_calendar_monthly_payments_over_a_year_come_to_weekly_times_days_over_7(weekly, year):
    schedule = Schedule(None, changes=[(date(1999, 1, 1), MONTHLY)])
    months = _walk(schedule, date(year, 1, 1), 12)
    assert [m.days for m in months] == [calendar.monthrange(year, n)[1] for n in range(1, 13)]
    assert months[-1].end == date(year, 12, 31)
    days_in_year = 366 if calendar.isleap(year) else 365
    exact = Decimal(weekly) * days_in_year / 7
    paid = sum(month.due(weekly) for month in months)
    assert abs(paid - exact) <= Decimal("0.01") * 12  # within a penny a month of rounding
    assert all(month.due(weekly) == round_pennies(weekly * month.days / 7) for month in months)


@given(weekly=weekly_amounts, start=st.dates(date(2000, 1, 1), date(2100, 1, 1)))
def test_thirteen_four_weekly_cycles_pay_exactly_52_weeks(weekly, start):
    cycles = _walk(Schedule(None, changes=[]), start, 13)
    assert all(cycle.days == 28 for cycle in cycles)
    assert sum(cycle.due(weekly) for cycle in cycles) == weekly * 52


@given(
    start=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    changes=st.lists(
        st.tuples(st.integers(min_value=0, max_value=400), st.sampled_from([MONTHLY, FOUR_WEEKLY])),
        max_size=6,
        unique_by=lambda change: change[0],
    ),
)
def test_switching_cycle_never_overlaps_or_leaves_a_gap(start, changes):
    """Every day from the first cycle on is in exactly one cycle, each cycle has one kind all
    through, and a change of kind starts a new cycle on the change's own date."""
    dated = sorted((start + timedelta(days=offset), kind) for offset, kind in changes)
    schedule = Schedule(None, changes=dated)
    cycles = _walk(schedule, start, 20)
    for before, after in zip(cycles, cycles[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    for cycle in cycles:
        assert 1 <= cycle.days <= 31
        kinds = {schedule.kind_on(cycle.start + timedelta(days=n)) for n in range(cycle.days)}
        assert len(kinds) == 1
    starts = {cycle.start for cycle in cycles}
    for effective_from, _ in dated:
        switches = schedule.kind_on(effective_from) != schedule.kind_on(effective_from - ONE)
        if switches and effective_from <= cycles[-1].end:
            assert effective_from in starts


ONE = timedelta(days=1)


def _monthly_from(council, day):
    return CouncilSettings.objects.create(
        authority=council, effective_from=day, payment_cycle=MONTHLY
    )


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def test_a_monthly_council_pays_to_the_end_of_the_month_and_expects_the_contribution_so(
    budget, dp_part, council, finance_officer
):
    budget.weekly_contribution, budget.weekly_la_share = Decimal("20.00"), Decimal("130.00")
    budget.save()
    _monthly_from(council, TODAY - timedelta(days=3))
    run, _ = runs.payment_run(authority=council, cycle_start=TODAY, run_by=finance_officer)
    days = (_month_end(TODAY) - TODAY).days + 1
    assert run.cycle_days == days
    assert run.total == amount_for_days(Decimal("130.00"), days)
    period = PaidPeriod.objects.get(part=dp_part)
    assert (period.starts_on, period.ends_on) == (TODAY, _month_end(TODAY))
    expected = ExpectedContribution.objects.get(budget=budget)
    assert expected.amount == amount_for_days(Decimal("20.00"), days)
    following = runs.next_cycle_start(council)
    assert following == _month_end(TODAY) + ONE
    whole_month = runs.cycle_for(council, following)
    assert whole_month.end == _month_end(following)
    assert whole_month.due(Decimal("130.00")) == round_pennies(
        Decimal("130.00") * whole_month.days / 7
    )


def test_a_switch_inside_a_run_cycle_starts_with_the_next_cycle(
    budget, dp_part, council, finance_officer
):
    """A run keeps the days it paid; the next cycle starts the day after, in the new way."""
    runs.payment_run(authority=council, cycle_start=TODAY, run_by=finance_officer)
    _monthly_from(council, TODAY + timedelta(days=10))
    following = runs.next_cycle_start(council)
    assert following == TODAY + timedelta(days=28)
    assert runs.cycle_for(council, following).end == _month_end(following)
    assert runs.cycle_problem(council, TODAY + timedelta(days=20)).startswith("This overlaps")


def test_a_four_weekly_cycle_ends_the_day_before_a_switch_to_monthly(council):
    switch = TODAY + timedelta(days=10)
    _monthly_from(council, switch)
    cycle = runs.cycle_for(council, TODAY)
    assert (cycle.start, cycle.end) == (TODAY, switch - ONE)
    assert runs.cycle_for(council, switch).start == switch
    assert not PaymentRun.objects.exists()


def test_the_settings_pages_show_and_change_the_payment_cycle(client, council, la_admin):
    from tests.people.test_council_settings import _form

    client.force_login(la_admin)
    overview = reverse("council_settings:overview", args=[council.id])
    assert "Every 4 weeks, in advance" in client.get(overview).text
    starts = TODAY + timedelta(days=7)
    response = client.post(
        reverse("council_settings:change", args=[council.id]),
        _form(starts=starts, payment_cycle=MONTHLY),
    )
    assert response.status_code == 302
    page = client.get(overview).text
    assert "Every calendar month, in advance" in page
    assert "Direct payments are paid: Every 4 weeks, in advance to Every calendar month" in page
    refused = client.post(
        reverse("council_settings:change", args=[council.id]),
        _form(payment_cycle="fortnightly"),
    )
    assert "Choose how often direct payments are paid" in refused.text
    assert CouncilSettings.objects.count() == 1
