"""The person as an employer: the people who work for them, the employer's checks, a week's
hours and approving them, wages owed and paid, payslip totals, and the council's short list
of checks that need a look.

Only the person or their representative opens the employer's pages (access.can_log_spending);
council staff see the exceptions list, nothing else. Budgets load through budget_page and
workers through Worker.objects.visible_to (another person's record is a 404).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.formats import pounds
from core.forms import ConfirmForm
from core.pages import deny_unless, form_saved, posted
from people import access

from ..models import PersonalBudget, Transaction
from ..pages import budget_page
from . import checks as employer_checks
from . import hours, links, matching, payslips, services
from .council import council_exceptions
from .forms import (
    STATUS_QUESTIONS,
    EmployerForm,
    ExplainForm,
    LeaveForm,
    PaidByForm,
    PayslipForm,
    ReturnForm,
    StatusForm,
    TimesheetForm,
    WeekForm,
    WorkerChecksForm,
    WorkerForm,
    checks_initial,
    shifts_wanted,
    worker_initial,
)
from .models import (
    CheckCode,
    CheckExplanation,
    Employer,
    ExpectedWage,
    PayslipImport,
    Timesheet,
    Worker,
)
from .summaries import holidays_for

EMPLOYER = access.can_log_spending
PAGE_SIZE = 25


def _people_url(budget):
    return redirect("employment:people", budget_id=budget.id)


def _worker(request, budget: PersonalBudget, worker_id) -> Worker:
    return get_object_or_404(
        Worker.objects.visible_to(request.user).filter(budget=budget), id=worker_id
    )


def _to_worker(worker: Worker):
    return redirect("employment:worker", budget_id=worker.budget_id, worker_id=worker.id)


def _dp_lines(budget):
    return budget.plan.support_lines.direct_payment()


def _context(budget, **more) -> dict:
    return {"budget": budget, "person": budget.person, **more}


def _explanations(request, budget) -> dict:
    rows = CheckExplanation.objects.visible_to(request.user).filter(budget=budget)
    return {(row.worker_id, row.check_code): row for row in rows.select_related("explained_by")}


@budget_page("People who work for me", allowed=EMPLOYER)
@require_safe
def people(request, budget):
    today = timezone.localdate()
    workers = list(Worker.objects.visible_to(request.user).filter(budget=budget))
    found = employer_checks.employer_checks(budget, today)
    statuses = matching.wages_with_payments(budget)
    context = _context(
        budget,
        workers=[w for w in workers if not w.left_on or w.left_on >= today],
        left=[w for w in workers if w.left_on and w.left_on < today],
        employer=Employer.objects.visible_to(request.user).filter(budget=budget).first(),
        to_do=[c for c in found if c.level != employer_checks.TIP],
        waiting=Timesheet.objects.visible_to(request.user)
        .filter(worker__budget=budget, status=Timesheet.Status.WAITING)
        .select_related("worker"),
        unpaid=[s for s in statuses if not s.is_paid],
        today=today,
    )
    return render(request, "budgets/employment/people.html", context)


def _worker_form_page(request, budget, worker: Worker | None):
    lines = _dp_lines(budget)
    initial = worker_initial(worker) if worker else None
    form = WorkerForm(posted(request), lines=lines, initial=initial)
    if saved := form_saved(request, form, lambda: _save_worker(request, budget, worker, form)):
        added = saved.result
        messages.success(
            request,
            f"You added {added.name}."
            if worker is None
            else f"You changed {added.name}'s details.",
        )
        return _to_worker(added)
    return render(
        request,
        "budgets/employment/worker_form.html",
        _context(budget, form=form, worker=worker, has_lines=lines.exists()),
    )


def _save_worker(request, budget, worker, form):
    lines = list(form.cleaned_data["lines"])
    if worker is None:
        return services.worker_add(
            budget=budget, user=request.user, details=form.details(), lines=lines
        )
    return services.worker_change(
        worker=worker, user=request.user, details=form.details(), lines=lines
    )


@budget_page("Add someone who works for me", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def worker_add(request, budget):
    return _worker_form_page(request, budget, None)


@budget_page("Change a worker's details", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def worker_change(request, budget, worker_id):
    return _worker_form_page(request, budget, _worker(request, budget, worker_id))


@budget_page("Someone who works for me", allowed=EMPLOYER)
@require_safe
def worker(request, budget, worker_id):
    found = _worker(request, budget, worker_id)
    today = timezone.localdate()
    facts = employer_checks.facts_for(budget, today)
    if found.id not in facts.holidays and found.is_employed:  # left before today
        facts.holidays.update(holidays_for([found], today))
    statuses = matching.wages_with_payments(
        budget, wages=ExpectedWage.objects.visible_to(request.user).filter(worker=found)
    )
    context = _context(
        budget,
        worker=found,
        checks=[c for c in employer_checks.checks_from(facts) if c.worker == found],
        explanations=_explanations(request, budget),
        holiday=facts.holidays.get(found.id),
        timesheets=found.timesheets.all()[:12],
        wages=statuses[-8:],
        lines=[row.line for row in found.lines.select_related("line")],
        dbs_due=employer_checks.dbs_due_on(found, facts.dbs_years),
        hmrc_tool=employer_checks.HMRC_STATUS_TOOL,
        this_monday=hours.monday_of(today),
        status_answers=[
            (question, getattr(found, f"get_{name}_display")())
            for name, question in STATUS_QUESTIONS.items()
        ],
    )
    return render(request, "budgets/employment/worker.html", context)


@budget_page("A worker's checks", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def worker_checks(request, budget, worker_id):
    found = _worker(request, budget, worker_id)
    deny_unless(found.is_employed)
    form = WorkerChecksForm(posted(request), initial=checks_initial(found))
    if form_saved(
        request,
        form,
        lambda: services.worker_checks_save(
            worker=found, user=request.user, details=form.cleaned_data
        ),
    ):
        messages.success(request, f"You recorded {found.name}'s checks.")
        return _to_worker(found)
    return render(
        request, "budgets/employment/worker_checks.html", _context(budget, form=form, worker=found)
    )


@budget_page("What makes someone self-employed", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def worker_status(request, budget, worker_id):
    found = _worker(request, budget, worker_id)
    deny_unless(found.engagement == Worker.Engagement.SELF_EMPLOYED)
    initial = {name: getattr(found, name) for name in services.STATUS_FIELDS}
    form = StatusForm(posted(request), initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.worker_status_save(
            worker=found, user=request.user, answers=form.cleaned_data
        ),
    ):
        messages.success(request, f"You recorded what makes {found.name} self-employed.")
        return _to_worker(found)
    context = _context(budget, form=form, worker=found, hmrc_tool=employer_checks.HMRC_STATUS_TOOL)
    return render(request, "budgets/employment/worker_status.html", context)


@budget_page("Someone stops working for me", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def worker_leaves(request, budget, worker_id):
    found = _worker(request, budget, worker_id)
    form = LeaveForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.worker_leaves(
            worker=found, user=request.user, left_on=form.cleaned_data["left_on"]
        ),
    ):
        final = saved.result
        text = f"You recorded {found.name}'s last day."
        if final is not None:
            text += (
                f" They are owed {pounds(final.amount)} of final holiday pay, for holiday built "
                "up and not taken: pay it with their last wages."
            )
        messages.success(request, text)
        return _to_worker(found)
    return render(
        request, "budgets/employment/worker_leaves.html", _context(budget, form=form, worker=found)
    )


@budget_page("A worker's timesheet link", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def worker_link(request, budget, worker_id):
    found = _worker(request, budget, worker_id)
    deny_unless(found.is_employed)
    if request.method == "POST":
        services.worker_link_renew(worker=found, user=request.user)
        messages.success(
            request, f"There is a new link for {found.name}. The old one no longer works."
        )
        return redirect("employment:worker_link", budget_id=budget.id, worker_id=found.id)
    context = _context(budget, worker=found, link=links.link_url(found))
    return render(request, "budgets/employment/worker_link.html", context)


# Timesheets.


def _monday(week: str) -> date:
    try:
        day = date.fromisoformat(week)
    except ValueError as error:
        raise Http404("Page not found") from error
    return day


@budget_page("Hours for a week: which week", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def timesheet_week(request, budget, worker_id):
    found = _worker(request, budget, worker_id)
    deny_unless(found.is_employed)
    form = WeekForm(posted(request))
    if request.method == "POST" and form.is_valid():
        monday = hours.monday_of(form.cleaned_data["day"])
        return redirect(
            "employment:timesheet",
            budget_id=budget.id,
            worker_id=found.id,
            week=monday.isoformat(),
        )
    return render(
        request, "budgets/employment/timesheet_week.html", _context(budget, form=form, worker=found)
    )


def timesheet_form(request, worker: Worker, monday: date, sheet, *, user):
    """The week's form for the employer or the worker's link: (form, saved timesheet or None)."""
    adding = request.method == "POST" and request.POST.get("action") == "add"
    rows = shifts_wanted(request.POST if request.method == "POST" else None, add=adding)
    initial = None
    if sheet is not None and request.method != "POST":
        initial, rows = sheet_initial(sheet)
    form = TimesheetForm(posted(request), monday=monday, rows=rows, initial=initial)
    if adding:
        form.skip_checks()
        return form, None
    saved = form_saved(
        request,
        form,
        lambda: services.timesheet_save(
            worker=worker,
            monday=monday,
            shifts=[
                services.TypedShift(s.day, s.starts, s.ends) for s in form.cleaned_data["shifts"]
            ],
            holiday_hours=form.cleaned_data["holiday_hours"],
            note=form.cleaned_data["note"],
            user=user,
        ),
    )
    return form, (saved.result if saved else None)


def sheet_initial(sheet: Timesheet) -> tuple[dict, int]:
    """The form filled in with a timesheet's shifts (at least 7 rows)."""
    shifts = list(sheet.shifts.all())
    initial = {"holiday_hours": sheet.holiday_hours, "note": sheet.note}
    for n, shift in enumerate(shifts, 1):
        initial[f"day_{n}"] = shift.day.isoformat()
        initial[f"starts_{n}"] = hours.clock(shift.starts)
        initial[f"ends_{n}"] = hours.clock(shift.ends)
    days = hours.week_days(sheet.week_starts_on)
    for n in range(len(shifts) + 1, 8):
        initial[f"day_{n}"] = days[n - 1].isoformat()
    return initial, max(7, len(shifts))


@budget_page("Hours for a week", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def timesheet(request, budget, worker_id, week):
    found = _worker(request, budget, worker_id)
    deny_unless(found.is_employed)
    monday = _monday(week)
    if monday.weekday():
        return redirect(
            "employment:timesheet",
            budget_id=budget.id,
            worker_id=found.id,
            week=hours.monday_of(monday).isoformat(),
        )
    sheet = found.timesheets.filter(week_starts_on=monday).first()
    form = None
    if can_enter(sheet, monday):
        form, saved = timesheet_form(request, found, monday, sheet, user=request.user)
        if saved is not None:
            messages.success(
                request,
                f"You entered {found.name}'s hours for the week of {hours.week_text(monday)}. "
                "Check them, then approve them.",
            )
            return redirect(
                "employment:timesheet",
                budget_id=budget.id,
                worker_id=found.id,
                week=monday.isoformat(),
            )
    context = _context(
        budget, worker=found, monday=monday, sheet=sheet, form=form, **week_words(monday)
    )
    return render(request, "budgets/employment/timesheet.html", context)


def can_enter(sheet: Timesheet | None, monday: date) -> bool:
    """Hours can be entered or changed for a week that has started and is not approved."""
    approved = sheet is not None and sheet.status == Timesheet.Status.APPROVED
    return not approved and monday <= timezone.localdate()


def week_words(monday: date) -> dict:
    return {"week": hours.week_text(monday), "future": monday > timezone.localdate()}


def _sheet(request, budget, worker_id, week) -> Timesheet:
    found = _worker(request, budget, worker_id)
    return get_object_or_404(
        Timesheet.objects.visible_to(request.user).select_related("worker"),
        worker=found,
        week_starts_on=_monday(week),
    )


@budget_page("Approve hours", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def timesheet_approve(request, budget, worker_id, week):
    sheet = _sheet(request, budget, worker_id, week)
    form = ConfirmForm(posted(request))
    if saved := form_saved(
        request, form, lambda: services.timesheet_approve(timesheet=sheet, user=request.user)
    ):
        messages.success(
            request,
            f"You approved {sheet.worker.name}'s hours for the week of "
            f"{hours.week_text(sheet.week_starts_on)}: {pounds(saved.result.amount)} is owed to "
            "them. When you pay them, log the payment and it will be matched.",
        )
        return redirect("employment:worker", budget_id=budget.id, worker_id=sheet.worker_id)
    worker = sheet.worker
    context = _context(
        budget,
        sheet=sheet,
        worker=worker,
        shifts=sheet.shifts.all(),
        pay=services.gross_pay(sheet.worked_minutes, sheet.holiday_hours, worker.hourly_rate),
        form=form,
        **week_words(sheet.week_starts_on),
    )
    return render(request, "budgets/employment/timesheet_approve.html", context)


@budget_page("Send hours back", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def timesheet_return(request, budget, worker_id, week):
    sheet = _sheet(request, budget, worker_id, week)
    form = ReturnForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.timesheet_return(
            timesheet=sheet, user=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, f"You sent the hours back to {sheet.worker.name} with your note.")
        return redirect("employment:worker", budget_id=budget.id, worker_id=sheet.worker_id)
    context = _context(
        budget, sheet=sheet, worker=sheet.worker, form=form, **week_words(sheet.week_starts_on)
    )
    return render(request, "budgets/employment/timesheet_return.html", context)


# The employer's records, checks, wages and payslips.


@budget_page("Employer's insurance and payroll", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def employer(request, budget):
    lines = _dp_lines(budget)
    found = Employer.objects.visible_to(request.user).filter(budget=budget).first()
    names = ["insurer", "policy_number", "insurance_renews_on", "payroll_provider"]
    initial = {name: getattr(found, name) for name in names} if found else {}
    if found:
        initial["payroll_line"] = found.payroll_line_id
    form = EmployerForm(posted(request), lines=lines, initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.employer_save(
            budget=budget,
            user=request.user,
            details=form.cleaned_data,
            payroll_line=form.cleaned_data["payroll_line"],
        ),
    ):
        messages.success(request, "You saved the employer's insurance and payroll details.")
        return _people_url(budget)
    return render(request, "budgets/employment/employer.html", _context(budget, form=form))


@budget_page("Employer's checks", allowed=EMPLOYER)
@require_safe
def checks(request, budget):
    found = employer_checks.employer_checks(budget)
    groups = [
        (label, [c for c in found if c.level == level])
        for level, label in employer_checks.LEVELS.items()
    ]
    context = _context(budget, groups=groups, explanations=_explanations(request, budget))
    return render(request, "budgets/employment/checks.html", context)


@budget_page("Explain a check to the council", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def check_explain(request, budget, code):
    deny_unless(code in CheckCode.values)
    worker = None
    if request.GET.get("worker"):
        try:
            worker = _worker(request, budget, request.GET["worker"])
        except ValidationError as error:  # not a worker's id at all
            raise Http404("Page not found") from error
    wanted = (worker.id if worker else None, code)
    check = next((c for c in employer_checks.employer_checks(budget) if c.key == wanted), None)
    earlier = _explanations(request, budget).get(wanted)
    form = ExplainForm(
        posted(request), initial={"explanation": earlier.explanation if earlier else ""}
    )
    if form_saved(
        request,
        form,
        lambda: services.check_explain(
            budget=budget,
            user=request.user,
            code=code,
            worker=worker,
            explanation=form.cleaned_data["explanation"],
        ),
    ):
        messages.success(request, "Thank you. The council can read your explanation.")
        return redirect("employment:checks", budget_id=budget.id)
    context = _context(budget, form=form, check=check, code_label=CheckCode(code).label)
    return render(request, "budgets/employment/check_explain.html", context)


@budget_page("Wages owed and paid", allowed=EMPLOYER)
@require_safe
def wages(request, budget):
    statuses = list(reversed(matching.wages_with_payments(budget)))
    page = Paginator(statuses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _context(budget, page=page, rule=matching.RULE, payslip_rule=matching.PAYSLIP_RULE)
    return render(request, "budgets/employment/wages.html", context)


@budget_page("Which payment paid it", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def wage_paid_by(request, budget, wage_id):
    wage = get_object_or_404(
        ExpectedWage.objects.visible_to(request.user)
        .filter(worker__budget=budget)
        .select_related("worker", "timesheet"),
        id=wage_id,
    )
    first, _ = matching.window(wage)
    payments = budget.transactions.filter(
        kind=Transaction.Kind.SPEND, reversed_by__isnull=True, occurred_on__gte=first
    ).order_by("-occurred_on")[:100]
    form = PaidByForm(posted(request), payments=payments, initial={"payment": wage.paid_by_id})
    if form_saved(
        request,
        form,
        lambda: services.wage_paid_by(
            wage=wage, user=request.user, payment=form.cleaned_data["payment"]
        ),
    ):
        messages.success(request, "You saved which payment paid it.")
        return redirect("employment:wages", budget_id=budget.id)
    context = _context(budget, wage=wage, form=form)
    return render(request, "budgets/employment/wage_paid_by.html", context)


@budget_page("Payslip totals", allowed=EMPLOYER)
@require_http_methods(["GET", "HEAD", "POST"])
def payslips_page(request, budget):
    form = PayslipForm(posted(request), request.FILES if request.method == "POST" else None)
    if saved := form_saved(request, form, lambda: _import(request, budget, form)):
        result = saved.result
        if result.upload.status == PayslipImport.Status.REJECTED:
            messages.error(
                request,
                "Nothing was imported: some lines could not be used. Fix them and upload the "
                "file again.",
            )
        else:
            text = f"You imported {result.added} payslip{'s' if result.added != 1 else ''}."
            if result.already:
                text += f" {result.already} were imported before, so they were left out."
            messages.success(request, text)
        return redirect("employment:payslips", budget_id=budget.id)
    uploads = PayslipImport.objects.visible_to(request.user).filter(budget=budget)[:10]
    context = _context(budget, form=form, uploads=uploads, columns=payslips.HEADER.split(","))
    return render(request, "budgets/employment/payslips.html", context)


def _import(request, budget, form):
    upload = form.cleaned_data["file"]
    return services.payslips_import(
        budget=budget, user=request.user, file_name=upload.name, data=upload.read()
    )


@budget_page("Payslip totals example", allowed=EMPLOYER)
@require_safe
def payslips_example(request, budget):
    response = HttpResponse(payslips.EXAMPLE, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="payslip-totals-example.csv"'
    return response


# The council's list.


@login_required
@require_safe
def council_checks(request):
    authorities = access.spending_review_authorities(request.user)
    deny_unless(bool(authorities))
    rows = council_exceptions(request.user, authorities)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budgets/employment/council_checks.html", {"page": page})
