"""The employer's pages: adding a PA, their checks, a week's hours with bad input, approving,
the worker's own link, payslip totals, and the council's short list. Every change is in the
history with who made it and for whom."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.employment import links, services
from budgets.employment.models import (
    CheckExplanation,
    ExpectedWage,
    Payslip,
    PayslipImport,
    Timesheet,
    Worker,
)
from budgets.models import PersonalBudget
from people.history import person_history
from tests.builders import approve, complete_eligible_assessment, ready_plan

from .employment_helpers import TODAY, add_worker, enter_week, weeks_ago


def _date(name: str, day) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _errors(response) -> list[str]:
    summary = response.text.split('govuk-error-summary__list">', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in summary.split("<li>")[1:]]


@pytest.fixture
def peggy_budget(represented_person, nominated_person, social_worker, approver):
    """Peggy's budget; David, her nominated person, wrote the plan."""
    complete_eligible_assessment(represented_person, social_worker, indicative_weekly="300")
    approve(
        ready_plan(represented_person, nominated_person),
        writer=nominated_person,
        checker=social_worker,
        approver=approver,
    )
    return PersonalBudget.objects.get(person=represented_person)


@pytest.fixture
def david(client, nominated_person, peggy_budget):
    client.force_login(nominated_person)
    return client


ADD = {
    "name": "Jo Bloggs",
    "engagement": "employed",
    "hourly_rate": "13.00",
    "hours": "regular",
    "usual_hours": "10",
    "usual_days": "2",
    "age_band": "21_or_over",
    **_date("starts_on", TODAY - timedelta(days=60)),
}


def test_david_adds_a_pa_for_peggy_and_sees_what_to_do(david, peggy_budget, nominated_person):
    line = peggy_budget.plan.support_lines.get()
    url = reverse("employment:worker_add", args=[peggy_budget.id])
    assert "Add someone who works for you" in david.get(url).text
    response = david.post(url, {**ADD, "lines": [str(line.id)]})
    worker = Worker.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employment:worker", args=[peggy_budget.id, worker.id])
    assert list(worker.lines.values_list("line", flat=True)) == [line.id]
    page = david.get(response["Location"]).text
    assert "There is no DBS check recorded for Jo Bloggs." in page
    assert "The law says an employee gets a written statement" in page
    people = david.get(reverse("employment:people", args=[peggy_budget.id])).text
    assert "There is no employer&#x27;s liability insurance recorded." in people
    record = worker.history.get()
    assert (record.history_user, record.history_acting_for) == (
        nominated_person,
        peggy_budget.person,
    )


def test_adding_asks_only_what_the_minimum_wage_needs(david, peggy_budget):
    url = reverse("employment:worker_add", args=[peggy_budget.id])
    response = david.post(url, {**ADD, "age_band": "under_21", "name": "Young Person"})
    assert _errors(response) == [
        "Enter their date of birth: the minimum wage for someone under 21 or an apprentice "
        "depends on their age"
    ]
    assert 'value="Young Person"' in response.text
    agency = {**ADD, "engagement": "agency", "age_band": ""}
    assert _errors(david.post(url, agency)) == ["Enter the name of the agency"]
    david.post(url, {**agency, "agency_name": "Care Co", "name": "Ann Agency"})
    assert Worker.objects.get().age_band == ""  # an agency worker's age is not asked


def test_an_empty_add_form_says_what_to_enter(david, peggy_budget):
    response = david.post(reverse("employment:worker_add", args=[peggy_budget.id]), {})
    assert response.status_code == 200 and not Worker.objects.exists()
    assert "Enter their full name" in _errors(response)
    assert "Choose how they work for you" in _errors(response)


@pytest.fixture
def jo(peggy_budget, nominated_person):
    return add_worker(peggy_budget, nominated_person)


def _week_url(worker, monday, name="employment:timesheet"):
    return reverse(name, args=[worker.budget_id, worker.id, monday.isoformat()])


def _shifts(*rows, holiday="0") -> dict:
    data = {"rows": "7", "holiday_hours": holiday, "note": ""}
    for n, (day, starts, ends) in enumerate(rows, 1):
        data.update({f"day_{n}": day.isoformat(), f"starts_{n}": starts, f"ends_{n}": ends})
    return data


def test_bad_hours_get_clear_messages_and_keep_what_was_typed(david, jo):
    monday = weeks_ago(1)
    url = _week_url(jo, monday)
    cases = [
        (_shifts((monday, "09:00", "08:00")), "Shift 1 finishes (08:00) before it starts (09:00)"),
        (_shifts((monday, "9", "")), "Shift 1: enter the finish time, like 09:00 or 17:30"),
        (_shifts((monday, "nine", "12")), "Shift 1: enter the time on a 24-hour clock"),
        (
            _shifts((monday, "09:00", "13:00"), (monday, "12:00", "15:00")),
            f"Two shifts on {monday:%A} {monday.day} {monday:%B} overlap",
        ),
        (
            _shifts((monday, "00:00", "24:00"), (monday, "10:00", "11:00")),
            "add up to more than 24 hours",
        ),
        (_shifts((monday, "09:00", "10:00"), holiday="-2"), "cannot be negative"),
    ]
    for data, message in cases:
        response = david.post(url, data)
        assert response.status_code == 200
        assert any(message in error for error in _errors(response)), (message, _errors(response))
        assert f'value="{data["starts_1"]}"' in response.text
    tampered = _shifts((monday + timedelta(days=7), "09:00", "10:00"))
    assert "Shift 1: choose a day from the list" in _errors(david.post(url, tampered))
    assert not Timesheet.objects.exists()


def test_david_enters_approves_and_the_pay_is_owed_once(david, jo, nominated_person):
    monday = weeks_ago(1)
    data = _shifts((monday, "09:00", "13:30"), (monday + timedelta(days=2), "9", "12"))
    assert david.post(_week_url(jo, monday), data).status_code == 302
    sheet = Timesheet.objects.get()
    assert sheet.worked_minutes == 450
    approve_url = _week_url(jo, monday, "employment:timesheet_approve")
    assert "£97.50" in david.get(approve_url).text  # 7.5 hours x £13
    assert david.post(approve_url).status_code == 302
    assert david.post(approve_url).status_code == 302  # sent twice: still owed once
    wage = ExpectedWage.objects.get()
    assert wage.amount == Decimal("97.50")
    page = david.get(_week_url(jo, monday)).text
    assert "£97.50 before tax, at £13.00 an hour" in page and "Save the hours" not in page
    record = sheet.history.filter(status="approved").get()
    assert record.history_user == nominated_person
    assert record.history_acting_for == jo.budget.person
    subjects = [entry.subject for entry in person_history(jo.budget.person)]
    assert f"Hours for Jo Bloggs, week of {services.hours.week_text(monday)}" in subjects


def test_the_worker_enters_their_own_hours_on_their_link(client, jo, nominated_person):
    url = reverse("employment:pa_home", args=[links.link_token(jo)])
    page = client.get(url)
    assert page.status_code == 200 and "Your timesheets for work with Margaret Hughes" in page.text
    assert page["Referrer-Policy"] == "no-referrer" and "no-store" in page["Cache-Control"]
    monday = weeks_ago(2)
    week = reverse("employment:pa_timesheet", args=[links.link_token(jo), monday.isoformat()])
    response = client.post(week, _shifts((monday, "08:00", "12:00")))
    assert response.status_code == 302
    sheet = Timesheet.objects.get()
    assert (sheet.entered_by, sheet.status) == ("worker", "waiting")
    assert set(sheet.history.values_list("history_user", flat=True)) == {None}
    subjects = [entry.subject for entry in person_history(jo.budget.person)]
    assert any("entered by Jo Bloggs on their timesheet link" in s for s in subjects)
    from people.todo import todo_for

    waiting = [t for t in todo_for(nominated_person) if "hours" in t.text]
    assert [t.text for t in waiting] == ["A week of hours is waiting for you to approve"]
    future = reverse("employment:pa_timesheet", args=[links.link_token(jo), weeks_ago(-1)])
    page = client.get(future).text
    assert "This week has not started yet" in page and "Send for approval" not in page


def test_a_link_opens_only_its_own_workers_weeks(client, jo, peggy_budget, nominated_person):
    other = add_worker(peggy_budget, nominated_person, name="Ola Other")
    monday = weeks_ago(1)
    enter_week(other, monday, nominated_person)
    mine = reverse("employment:pa_timesheet", args=[links.link_token(jo), monday.isoformat()])
    page = client.get(mine).text
    assert "Jo Bloggs" in page and "Ola Other" not in page and "Status:" not in page
    home = client.get(reverse("employment:pa_home", args=[links.link_token(jo)])).text
    assert "Ola Other" not in home and "13:00" not in home


def test_an_old_or_changed_link_is_not_found(client, jo, nominated_person):
    token = links.link_token(jo)
    assert client.get(reverse("employment:pa_home", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("employment:pa_home", args=["nonsense"])).status_code == 404
    jo = services.worker_link_renew(worker=jo, user=nominated_person)
    assert client.get(reverse("employment:pa_home", args=[token])).status_code == 404
    assert client.get(reverse("employment:pa_home", args=[links.link_token(jo)])).status_code == 200


def test_a_worker_returned_week_shows_why(client, david, jo, nominated_person):
    monday = weeks_ago(1)
    client.post(
        reverse("employment:pa_timesheet", args=[links.link_token(jo), monday.isoformat()]),
        _shifts((monday, "08:00", "12:00")),
    )
    url = _week_url(jo, monday, "employment:timesheet_return")
    assert _errors(david.post(url, {"reason": ""})) == ["Say what needs changing, so they know"]
    david.post(url, {"reason": "It was 11:00, not 12:00"})
    david.logout()
    home = client.get(reverse("employment:pa_home", args=[links.link_token(jo)])).text
    assert "Sent back to be changed: It was 11:00, not 12:00" in home


PAYSLIPS = "Name,Period start,Period end,Gross pay,Take-home pay,Deductions,Employer costs\n"


def test_payslip_totals_import_all_or_nothing_with_line_numbers(david, jo):
    url = reverse("employment:payslips", args=[jo.budget_id])
    bad = (
        PAYSLIPS + "Jo Bloggs,01/11/2026,30/11/2026,520.00,480.00,40.00,12.00\n"
        "Jo Blogs,01/10/2026,31/10/2026,520.00,480.00,40.00,12.00\n"
        "Jo Bloggs,01/09/2026,30/09/2026,520.00,480.00,4.00,12.00\n"
        "Jo Bloggs,31/08/2026,01/08/2026,abc,480.00,40.00,12.00\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(text, name="payroll.csv"):
        return david.post(url, {"file": SimpleUploadedFile(name, text.encode())}, follow=True)

    page = upload(bad).text
    assert "Nothing was imported" in page and not Payslip.objects.exists()
    assert "Line 3: &#x27;Jo Blogs&#x27; is not the name of" in page
    assert "Line 4: the take-home pay (480.00) and the deductions (4.00) add up to" in page
    assert "Line 5: the gross pay is not an amount in pounds" in page
    good = PAYSLIPS + "Jo Bloggs,01/11/2026,30/11/2026,520.00,480.00,40.00,12.00\n"
    assert "You imported 1 payslip." in upload(good).text
    assert "This file was imported on" in upload(good).text
    assert "1 were imported before" in upload(good.replace("\n", "\r\n"), "again.csv").text
    assert Payslip.objects.count() == 1 and PayslipImport.objects.count() == 3
    not_csv = upload("x", "payroll.xlsx").text
    assert "The file must be a CSV file" in not_csv


def test_the_council_sees_only_exceptions_with_the_persons_explanation(
    client, jo, nominated_person, finance_officer, social_worker
):
    url = reverse("employment:council_checks")
    client.force_login(finance_officer)
    page = client.get(url).text
    assert "There is no DBS check recorded for Jo Bloggs." in page
    assert "There is no employer&#x27;s liability insurance recorded." in page
    assert "written statement" not in page  # the contract is for the employer, not the council
    assert "No explanation yet" in page
    client.force_login(nominated_person)
    explain = reverse("employment:check_explain", args=[jo.budget_id, "dbs"]) + f"?worker={jo.id}"
    client.post(explain, {"explanation": "Applied on 1 December; waiting for it"})
    assert CheckExplanation.objects.get().worker == jo
    client.force_login(finance_officer)
    assert "Applied on 1 December; waiting for it" in client.get(url).text
    from people.todo import todo_for

    [item] = [t for t in todo_for(finance_officer) if "employer" in t.text]
    assert item.text == "2 employer checks need a look" and item.url == url
    client.force_login(social_worker)
    assert client.get(url).status_code == 404


def test_leaving_shows_final_holiday_pay(david, jo):
    url = reverse("employment:worker_leaves", args=[jo.budget_id, jo.id])
    response = david.post(url, _date("left_on", TODAY - timedelta(days=5)), follow=True)
    assert "of final holiday pay, for holiday built up and not taken" in response.text
    assert ExpectedWage.objects.get().kind == "final_holiday"


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pages_ask_the_database_as_often_for_three_workers_as_for_one(
    client, david, jo, peggy_budget, nominated_person, finance_officer
):
    from .employment_helpers import approved_week

    approved_week(jo, weeks_ago(2), nominated_person)
    urls = [
        reverse("employment:people", args=[peggy_budget.id]),
        reverse("employment:worker", args=[peggy_budget.id, jo.id]),
        reverse("employment:wages", args=[peggy_budget.id]),
        reverse("employment:checks", args=[peggy_budget.id]),
    ]
    before = [_queries(david, url) for url in urls]
    client.force_login(finance_officer)
    council_before = _queries(client, reverse("employment:council_checks"))
    for name in ("Ola Other", "Max More"):
        other = add_worker(peggy_budget, nominated_person, name=name)
        approved_week(other, weeks_ago(2), nominated_person)
        approved_week(other, weeks_ago(1), nominated_person)
    approved_week(jo, weeks_ago(1), nominated_person)
    assert _queries(client, reverse("employment:council_checks")) == council_before
    client.force_login(nominated_person)
    assert [_queries(client, url) for url in urls] == before


HUGE = "9" * 25
JUNK = {
    **{
        f"{name}_{part}": HUGE
        for name in (
            "starts_on",
            "date_of_birth",
            "apprenticeship_started_on",
            "contract_issued_on",
            "right_to_work_checked_on",
            "dbs_checked_on",
            "left_on",
            "insurance_renews_on",
            "day",
        )
        for part in range(3)
    },
    "name": "x" * 500,
    "engagement": "boss",
    "agency_name": "y" * 500,
    "hourly_rate": "1e5",
    "hours": "lots",
    "usual_hours": "-5",
    "usual_days": "99999999999999999999",
    "age_band": "ancient",
    "lines": ["not-a-uuid", "00000000-0000-0000-0000-000000000000"],
    "dbs_type": "secret",
    "references": "r" * 6000,
    "own_business": "perhaps",
    "policy_number": "p" * 300,
    "payroll_line": "not-a-uuid",
    "rows": "-40",
    "day_1": "2026-99-99",
    "starts_1": "25:61",
    "ends_1": HUGE,
    "holiday_hours": "NaN",
    "note": "n" * 6000,
    "reason": "",
    "payment": "not-a-uuid",
    "explanation": "",
}


def _rows() -> int:
    from budgets.models import Employer, Shift, WorkerLine

    models = [Worker, WorkerLine, Timesheet, Shift, ExpectedWage, Employer, CheckExplanation]
    return sum(model.objects.count() for model in models)


def test_malformed_input_to_every_employer_form_is_answered_and_saves_nothing(
    client, david, jo, peggy_budget, nominated_person
):
    from .employment_helpers import approved_week

    wage = approved_week(jo, weeks_ago(3), nominated_person)
    enter_week(jo, weeks_ago(2), nominated_person)
    gus = add_worker(peggy_budget, nominated_person, name="Gus Green", engagement="self_employed")
    b, w, week = peggy_budget.id, jo.id, weeks_ago(2).isoformat()
    urls = [
        reverse("employment:worker_add", args=[b]),
        reverse("employment:worker_change", args=[b, w]),
        reverse("employment:worker_checks", args=[b, w]),
        reverse("employment:worker_status", args=[b, gus.id]),
        reverse("employment:worker_leaves", args=[b, w]),
        reverse("employment:timesheet_week", args=[b, w]),
        reverse("employment:timesheet", args=[b, w, week]),
        reverse("employment:timesheet_return", args=[b, w, week]),
        reverse("employment:employer", args=[b]),
        reverse("employment:check_explain", args=[b, "insurance"]),
        reverse("employment:wage_paid_by", args=[b, wage.id]),
        reverse("employment:payslips", args=[b]),
    ]
    before = _rows()
    for url in urls:
        response = david.post(url, JUNK)
        assert response.status_code == 200, url
        assert "There is a problem" in response.text, url
    token = links.link_token(jo)
    for url in (
        reverse("employment:pa_home", args=[token]),
        reverse("employment:pa_timesheet", args=[token, week]),
    ):
        response = client.post(url, JUNK)
        assert response.status_code == 200 and "There is a problem" in response.text, url
    assert _rows() == before
