"""The employer's checks, each saying what to do: the minimum wage now and ahead, a DBS check
past the council's limit, a contract by the first day, insurance, holiday not being taken, a
close relative at home being paid, and what makes someone self-employed."""

from datetime import timedelta
from decimal import Decimal

import pytest

from budgets.employment import services
from budgets.employment.checks import ACT, SOON, employer_checks
from people.models import CouncilSettings
from support_plans.models import Relationship

from .employment_helpers import TODAY, add_worker, approved_week, weeks_ago


def _found(budget, code=None, today=TODAY):
    return [c for c in employer_checks(budget, today) if code is None or c.code == code]


@pytest.fixture
def jo(budget, person):
    return add_worker(budget, person.user)


def test_pay_below_the_minimum_wage_is_for_the_council_to_see(budget, person):
    add_worker(budget, person.user, hourly_rate=Decimal("12.00"))
    [check] = _found(budget, "minimum_wage")
    assert check.level == ACT and check.council_sees
    assert "less than the minimum wage for them, £12.71 an hour" in check.title
    assert "Raise Jo's hourly rate to at least £12.71" in check.todo


def test_a_birthday_ahead_warns_before_the_rate_falls_short(budget, person):
    turns_21 = TODAY + timedelta(days=40)
    born = turns_21.replace(year=turns_21.year - 21)
    add_worker(
        budget, person.user, age_band="under_21", date_of_birth=born, hourly_rate=Decimal("11")
    )
    [check] = _found(budget, "minimum_wage")
    assert (check.level, check.due_on, check.council_sees) == (SOON, turns_21, False)
    assert "is £12.71 an hour" in check.title


def test_a_dbs_check_past_the_councils_limit(budget, person, council, jo):
    services.worker_checks_save(
        worker=jo,
        user=person.user,
        details={"dbs_checked_on": TODAY - timedelta(days=5 * 365 - 30), "dbs_type": "enhanced"},
    )
    [check] = _found(budget, "dbs")
    assert check.level == ACT and check.council_sees and "more than 3 years ago" in check.title
    CouncilSettings.objects.create(
        authority=council, effective_from=TODAY - timedelta(days=1), dbs_max_age_years=5
    )
    [check] = _found(budget, "dbs")
    assert check.level == SOON and "needs renewing by" in check.title


def test_a_contract_and_right_to_work_by_the_first_day(budget, person, jo):
    assert {c.code for c in _found(budget) if c.level == ACT} >= {"contract", "right_to_work"}
    services.worker_checks_save(
        worker=jo,
        user=person.user,
        details={"contract_issued_on": TODAY, "right_to_work_checked_on": TODAY},
    )
    [late] = _found(budget, "contract")
    assert late.level == "tip" and "after their first day" in late.title
    assert _found(budget, "right_to_work") == []
    later = add_worker(budget, person.user, name="Sue Soon", starts_on=TODAY + timedelta(days=7))
    [upcoming] = [c for c in _found(budget, "contract") if c.worker == later]
    assert upcoming.level == SOON and "starts on" in upcoming.title


def test_insurance_missing_expired_and_renewing(budget, person, jo):
    [check] = _found(budget, "insurance")
    assert check.council_sees and "no employer's liability insurance" in check.title
    for renews, level, words in [
        (TODAY - timedelta(days=1), ACT, "ran out on"),
        (TODAY + timedelta(days=10), SOON, "renews on"),
    ]:
        services.employer_save(
            budget=budget,
            user=person.user,
            details={"insurer": "Carers Mutual", "insurance_renews_on": renews},
        )
        [check] = _found(budget, "insurance")
        assert (check.level, words in check.title) == (level, True)
    services.employer_save(
        budget=budget,
        user=person.user,
        details={"insurer": "Carers Mutual", "insurance_renews_on": TODAY + timedelta(days=300)},
    )
    assert _found(budget, "insurance") == []


def test_holiday_not_being_taken_after_half_the_year(budget, person):
    jo = add_worker(budget, person.user, starts_on=TODAY - timedelta(days=250))
    [check] = _found(budget, "holiday")
    assert check.council_sees and "has taken 0.00 of the" in check.title
    approved_week(jo, weeks_ago(2), person.user, shifts=[], holiday="30")
    assert _found(budget, "holiday") == []


def test_a_close_relative_at_home_needs_the_councils_decision(budget, person, social_worker):
    line = budget.plan.support_lines.get()
    daughter = Relationship.objects.create(
        plan=budget.plan, name="Jo Bloggs", relationship_type="child", lives_with_me=True
    )
    jo = add_worker(budget, person.user, lines=[line])
    [check] = _found(budget, "relative")
    assert check.worker == jo and "looks like Jo Bloggs in the support plan" in check.title
    assert "only when the council has decided it is necessary" in check.todo
    line.payee = daughter
    line.necessary_decision = "Necessary: no other PA in the village"
    line.save()
    assert _found(budget, "relative") == []


def test_self_employed_signs_and_hmrcs_tool(budget, person):
    gus = add_worker(budget, person.user, name="Gus Green", engagement="self_employed")
    [check] = _found(budget, "status")
    assert "not recorded" in check.title
    answers = dict.fromkeys(["own_business", "decides_how", "own_insurance", "invoices"], "no")
    services.worker_status_save(worker=gus, user=person.user, answers=answers)
    [check] = _found(budget, "status")
    assert "may count as employed" in check.title
    assert "https://www.gov.uk/guidance/check-employment-status-for-tax" in check.todo
    services.worker_status_save(worker=gus, user=person.user, answers=dict.fromkeys(answers, "yes"))
    assert _found(budget, "status") == []
    assert {c.code for c in _found(budget)} == set()  # no employer's checks for them
