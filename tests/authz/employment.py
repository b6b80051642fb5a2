"""Matrix entries for the person as an employer (budgets/employment).

Only the person and their representative open the employer's pages: council staff see the
exceptions list (finance officers and administrators), never the workers or their timesheets;
providers, other councils, other people and strangers get 404 everywhere. The worker's own
timesheet link is a key in itself (a signed token, no account): whoever holds it sees that
worker's own weeks, and nothing else (tests/budgets/test_employment_pages.py checks another
worker's weeks and an old or changed link are a 404).
"""

from . import SELF, allow, everyone

FINANCE = {"finance_officer", "la_admin"}


def _budget(scenario) -> dict:
    return {"budget_id": scenario["budget"].id}


def _worker(scenario) -> dict:
    return {**_budget(scenario), "worker_id": scenario["pa"].id}


def _week(scenario) -> dict:
    return {**_worker(scenario), "week": scenario["pa_week"].isoformat()}


def _token(scenario) -> dict:
    from budgets.employment.links import link_token

    return {"token": link_token(scenario["pa"])}


ENTRIES = {
    "employment:people": (_budget, allow(SELF)),
    "employment:worker_add": (_budget, allow(SELF)),
    "employment:worker": (_worker, allow(SELF)),
    "employment:worker_change": (_worker, allow(SELF)),
    "employment:worker_checks": (_worker, allow(SELF)),
    "employment:worker_status": (
        lambda s: {**_budget(s), "worker_id": s["self_employed"].id},
        allow(SELF),
    ),
    "employment:worker_leaves": (_worker, allow(SELF)),
    "employment:worker_link": (_worker, allow(SELF)),
    "employment:timesheet_week": (_worker, allow(SELF)),
    "employment:timesheet": (_week, allow(SELF)),
    "employment:timesheet_approve": (_week, allow(SELF)),
    "employment:timesheet_return": (_week, allow(SELF)),
    "employment:employer": (_budget, allow(SELF)),
    "employment:checks": (_budget, allow(SELF)),
    "employment:check_explain": (lambda s: {**_budget(s), "code": "insurance"}, allow(SELF)),
    "employment:wages": (_budget, allow(SELF)),
    "employment:wage_paid_by": (lambda s: {**_budget(s), "wage_id": s["pa_wage"].id}, allow(SELF)),
    "employment:payslips": (_budget, allow(SELF)),
    "employment:payslips_example": (_budget, allow(SELF)),
    "employment:council_checks": (None, allow(FINANCE)),
    "employment:pa_home": (_token, everyone(200)),
    "employment:pa_timesheet": (
        lambda s: {**_token(s), "week": s["pa_week"].isoformat()},
        everyone(200),
    ),
}


def extend_scenario(scenario) -> None:
    """Sam employs Jo (an approved week, and a week waiting that Jo entered on her link), has
    a self-employed gardener, has imported payslip totals and explained a check."""
    from decimal import Decimal

    from budgets.employment import services
    from tests.budgets.employment_helpers import add_worker, approved_week, enter_week, weeks_ago

    budget, sam = scenario["budget"], scenario["subject"].user
    line = budget.plan.support_lines.first()
    pa = add_worker(budget, sam, lines=[line], name="Jo Bloggs", hourly_rate=Decimal("13.00"))
    wage = approved_week(pa, weeks_ago(2), sam)
    enter_week(pa, weeks_ago(1))  # by Jo, on her link: waiting for approval
    gardener = add_worker(budget, sam, name="Gus Green", engagement="self_employed")
    services.employer_save(
        budget=budget, user=sam, details={"insurer": "", "payroll_provider": "Payroll Pals"}
    )
    services.payslips_import(
        budget=budget,
        user=sam,
        file_name="payroll.csv",
        data=(
            b"Name,Period start,Period end,Gross pay,Take-home pay,Deductions,Employer costs\n"
            b"Jo Bloggs,01/11/2026,07/11/2026,130.00,130.00,0.00,0.00\n"
        ),
    )
    services.check_explain(
        budget=budget, user=sam, code="insurance", worker=None, explanation="Renewing this week"
    )
    scenario.update(pa=pa, pa_week=weeks_ago(1), pa_wage=wage, self_employed=gardener)
