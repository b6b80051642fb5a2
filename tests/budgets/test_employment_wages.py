"""Approved hours become wages owed, once; payments to the worker are matched to them by name,
amount and date; and what is still owed (wages, holiday built up, a leaver's final holiday pay)
is what employment_liabilities gives the surplus."""

from datetime import timedelta
from decimal import Decimal

import pytest

from budgets.employment import services
from budgets.employment.liabilities import OwedAmount, employment_liabilities
from budgets.employment.matching import wages_with_payments
from budgets.employment.models import ExpectedWage, Timesheet
from core.errors import DomainError
from tests.builders import pay_in, spend

from .employment_helpers import TODAY, add_worker, approved_week, enter_week, shift, weeks_ago


@pytest.fixture
def jo(budget, person):
    return add_worker(budget, person.user)


@pytest.fixture
def funded(dp_part, person):
    pay_in(dp_part, person.user, "2000.00", on=TODAY - timedelta(days=60))
    return dp_part


def test_approving_a_week_owes_hours_times_the_rate(jo, person):
    sheet = enter_week(jo, weeks_ago(2), person.user, holiday="2.5")
    wage = services.timesheet_approve(timesheet=sheet, user=person.user)
    sheet.refresh_from_db()
    assert sheet.status == Timesheet.Status.APPROVED
    assert (sheet.worked_minutes, sheet.hourly_rate) == (600, Decimal("13.00"))
    assert wage.amount == sheet.gross_pay == Decimal("162.50")  # 12.5 hours x £13
    assert wage.owed_from == TODAY


def test_the_same_week_approved_twice_owes_once(jo, person):
    sheet = enter_week(jo, weeks_ago(1), person.user)
    first = services.timesheet_approve(timesheet=sheet, user=person.user)
    again = services.timesheet_approve(timesheet=sheet, user=person.user)
    assert first == again
    assert ExpectedWage.objects.filter(worker=jo).count() == 1


def test_entering_the_same_week_again_changes_it_and_an_approved_week_is_fixed(jo, person):
    monday = weeks_ago(3)
    enter_week(jo, monday, person.user)
    enter_week(jo, monday, None, shifts=[shift(monday, 2, "10:00", "12:30")])  # Jo's own link
    [sheet] = Timesheet.objects.filter(worker=jo)
    assert (sheet.worked_minutes, sheet.entered_by) == (150, Timesheet.EnteredBy.WORKER)
    services.timesheet_approve(timesheet=sheet, user=person.user)
    with pytest.raises(DomainError, match="already approved"):
        enter_week(jo, monday, person.user)


def test_bad_hours_are_refused_with_a_reason(jo, person):
    monday = weeks_ago(1)
    with pytest.raises(DomainError, match="finishes \\(08:00\\) before it starts"):
        enter_week(jo, monday, person.user, shifts=[shift(monday, 0, "09:00", "08:00")])
    overlapping = [shift(monday, 0, "09:00", "13:00"), shift(monday, 0, "12:00", "15:00")]
    with pytest.raises(DomainError, match="overlap"):
        enter_week(jo, monday, person.user, shifts=overlapping)
    with pytest.raises(DomainError, match="one week of 7 days"):
        enter_week(jo, monday, person.user, shifts=[shift(monday, 7, "09:00", "10:00")])
    with pytest.raises(DomainError, match="Holiday hours cannot be less than 0"):
        enter_week(jo, monday, person.user, holiday="-1")
    with pytest.raises(DomainError, match="has not started yet"):
        enter_week(jo, weeks_ago(-1), person.user)
    assert not Timesheet.objects.exists()


def test_hours_below_the_minimum_wage_cannot_be_approved_until_the_rate_is_raised(budget, person):
    low = add_worker(budget, person.user, name="Lee Low", hourly_rate=Decimal("12.00"))
    sheet = enter_week(low, weeks_ago(1), person.user)
    with pytest.raises(DomainError, match="less than the minimum wage for them on .*£12.71"):
        services.timesheet_approve(timesheet=sheet, user=person.user)
    assert not ExpectedWage.objects.exists()


def test_only_the_person_or_their_representative_approves(jo, person, social_worker):
    sheet = enter_week(jo, weeks_ago(1), person.user)
    with pytest.raises(DomainError, match="Only the person or their representative"):
        services.timesheet_approve(timesheet=sheet, user=social_worker)


def test_a_payment_to_the_worker_for_the_amount_in_the_window_pays_the_week(jo, person, funded):
    monday = weeks_ago(2)
    wage = approved_week(jo, monday, person.user)
    spend(
        funded,
        person.user,
        "125.00",
        "wrong-amount",
        on=monday + timedelta(days=8),
        payee="Jo Bloggs",
    )
    spend(
        funded, person.user, "130.00", "too-late", on=monday + timedelta(days=14), payee="Jo Bloggs"
    )
    spend(
        funded,
        person.user,
        "130.00",
        "someone-else",
        on=monday + timedelta(days=8),
        payee="Sam Smith",
    )
    [status] = wages_with_payments(jo.budget)
    assert status.wage == wage and not status.is_paid
    paid, _ = spend(
        funded, person.user, "130.00", "right", on=monday + timedelta(days=9), payee="BLOGGS J"
    )
    [status] = wages_with_payments(jo.budget)
    assert status.payment == paid


def test_each_payment_pays_one_week_unless_the_employer_chooses(jo, person, funded):
    first, second = (
        approved_week(jo, weeks_ago(3), person.user),
        approved_week(jo, weeks_ago(2), person.user),
    )
    paid, _ = spend(funded, person.user, "130.00", "one", on=weeks_ago(2), payee="Jo Bloggs")
    statuses = {s.wage: s.payment for s in wages_with_payments(jo.budget)}
    assert statuses == {first: paid, second: None}
    both, _ = spend(funded, person.user, "260.00", "both", on=weeks_ago(1), payee="Jo")
    for wage in (first, second):
        services.wage_paid_by(wage=wage, user=person.user, payment=both)
    statuses = {s.wage: s.payment for s in wages_with_payments(jo.budget)}
    assert statuses == {first: both, second: both}


def test_a_corrected_payment_no_longer_pays(jo, person, funded):
    from budgets import ledger

    monday = weeks_ago(2)
    approved_week(jo, monday, person.user)
    paid, _ = spend(
        funded, person.user, "130.00", "p", on=monday + timedelta(days=7), payee="Jo Bloggs"
    )
    ledger.reverse(
        original=paid, recorded_by=person.user, reason="typo", on=TODAY, idempotency_key="c"
    )
    assert not wages_with_payments(jo.budget)[0].is_paid


def test_a_payslips_take_home_pay_pays_every_week_it_covers(jo, person, funded):
    weeks = [approved_week(jo, weeks_ago(n), person.user) for n in (4, 3)]
    services.payslips_import(
        budget=jo.budget,
        user=person.user,
        file_name="payroll.csv",
        data=(
            "Name,Period start,Period end,Gross pay,Take-home pay,Deductions,Employer costs\n"
            f"Jo Bloggs,{weeks_ago(4):%d/%m/%Y},{weeks_ago(3) + timedelta(days=6):%d/%m/%Y},"
            "260.00,241.20,18.80,9.10\n"
        ).encode(),
    )
    paid, _ = spend(funded, person.user, "241.20", "net", on=weeks_ago(2), payee="Jo Bloggs")
    assert {s.wage: s.payment for s in wages_with_payments(jo.budget)} == dict.fromkeys(weeks, paid)


def test_liabilities_are_unpaid_wages_and_holiday_built_up(jo, person, funded):
    monday = weeks_ago(2)
    approved_week(jo, monday, person.user)
    owed = employment_liabilities(jo.budget, TODAY)
    assert [o.label for o in owed] == [
        f"Wages for Jo Bloggs, week of {services.hours.week_text(monday)}",
        "Holiday pay built up by Jo Bloggs",
    ]
    wages, holiday = owed
    assert isinstance(wages, OwedAmount) and wages.amount == Decimal("130.00")
    assert "10 hours approved on" in wages.reason and "No payment to Jo" in wages.reason
    # 56 hours a year (5.6 x 10), 181 of the year's days gone: 27.77 hours at £13
    assert holiday.amount == Decimal("361.01")
    assert "27.77 hours of paid holiday built up since" in holiday.reason
    spend(funded, person.user, "130.00", "paid", on=monday + timedelta(days=7), payee="Jo Bloggs")
    assert [o.label for o in employment_liabilities(jo.budget, TODAY)] == [
        "Holiday pay built up by Jo Bloggs"
    ]


def test_liabilities_on_an_earlier_day_leave_out_what_came_later(jo, person, funded):
    monday = weeks_ago(2)
    approved_week(jo, monday, person.user)  # approved today
    spend(funded, person.user, "130.00", "paid", on=TODAY, payee="Jo Bloggs")
    yesterday = TODAY - timedelta(days=1)
    assert [o.label for o in employment_liabilities(jo.budget, yesterday)] == [
        "Holiday pay built up by Jo Bloggs"
    ]
    assert employment_liabilities(jo.budget, jo.starts_on - timedelta(days=1)) == []


def test_a_leaver_is_owed_final_holiday_pay_until_it_is_paid(jo, person, funded):
    services.worker_leaves(worker=jo, user=person.user, left_on=TODAY - timedelta(days=10))
    [final] = ExpectedWage.objects.filter(kind=ExpectedWage.Kind.FINAL_HOLIDAY)
    # 56 hours a year; 171 days of the holiday year to her last day: 26.24 hours at £13
    assert final.amount == Decimal("341.12")
    [owed] = employment_liabilities(jo.budget, TODAY)
    assert owed.label == "Final holiday pay for Jo Bloggs" and owed.amount == final.amount
    spend(funded, person.user, "341.12", "final", on=TODAY, payee="Jo Bloggs")
    assert employment_liabilities(jo.budget, TODAY) == []
    with pytest.raises(DomainError, match="already recorded"):
        services.worker_leaves(worker=jo, user=person.user, left_on=TODAY)


def test_agency_and_self_employed_workers_owe_no_holiday(budget, person):
    add_worker(budget, person.user, name="Ann Agency", engagement="agency", agency_name="Care Co")
    add_worker(budget, person.user, name="Sid Self", engagement="self_employed")
    assert employment_liabilities(budget, TODAY) == []
