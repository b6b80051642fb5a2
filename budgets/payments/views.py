"""The council's payment runs, contributions, and payments made on the person's behalf from a
council-managed account or by the provider holding an individual service fund.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.formats import long_date, pounds
from core.forms import ConfirmForm, add_domain_error
from core.pages import deny_unless, form_saved, posted
from people import access
from people.services import record_access_log

from .. import ledger
from ..models import ExpectedContribution, PaymentRun, PersonalBudget
from ..pages import budget_page, finance_authority
from . import contributions, runs
from . import services as payments
from .cycles import run_cycle
from .forms import (
    BackdatedRunForm,
    ContributionForm,
    ContributionsFilterForm,
    CycleForm,
    OnBehalfForm,
    PaymentForm,
)

PER_PAGE = 50
REFRESH_SECONDS = 5  # how often a run's page checks again while it is being paid
Status = PaymentRun.Status


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def payment_runs(request):
    authority = finance_authority(request.user)
    next_start = runs.next_cycle_start(authority)
    form = CycleForm(posted(request), initial={"cycle_start": next_start})
    if request.method == "POST" and form.is_valid():
        cycle_start = form.cleaned_data["cycle_start"]
        already = runs.runs_for(authority).filter(cycle_start=cycle_start).exists()
        problem = "" if already else runs.cycle_problem(authority, cycle_start)
        if problem:
            form.add_error("cycle_start", problem)
        else:
            return redirect("payments:payment_cycle", cycle_start=cycle_start)
    context = {
        "form": form,
        "authority": authority,
        "next_start": next_start,
        "runs": runs.runs_for(authority)[:13],
    }
    return render(request, "budgets/finance/payment_runs.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def payment_cycle(request, cycle_start):
    authority = finance_authority(request.user)
    run = runs.runs_for(authority).filter(cycle_start=cycle_start).first()
    if request.method != "POST" and run and run.status in (Status.PAYING, Status.PAID):
        return redirect("payments:payment_run", run_id=run.id)
    asking = runs.needs_asking(run, cycle_start)
    form = (BackdatedRunForm if asking else ConfirmForm)(posted(request))

    def ask_or_confirm():
        if asking:
            reason = form.cleaned_data["reason"]
            return runs.backdated_run_request(
                authority=authority, cycle_start=cycle_start, user=request.user, reason=reason
            )
        return runs.payment_run_confirm(
            authority=authority, cycle_start=cycle_start, user=request.user
        )

    if saved := form_saved(request, form, ask_or_confirm):
        return _after_confirming(request, saved.result)
    context = _cycle_context(request, authority, run, cycle_start, form, asking)
    return render(request, "budgets/finance/payment_cycle.html", context)


def _after_confirming(request, result):
    """A backdated run asked for stays on its cycle's page; a confirmed one goes to its own."""
    if isinstance(result, PaymentRun):
        messages.success(
            request,
            "You have asked for this backdated run. Another finance officer must check it "
            "and confirm it before anything is paid.",
        )
        return redirect("payments:payment_cycle", cycle_start=result.cycle_start)
    run, queued = result
    if not queued:
        already = runs.already_run_message if run.is_paid else runs.already_paying_message
        messages.info(request, already(run))
    return redirect("payments:payment_run", run_id=run.id)


def _cycle_context(request, authority, run, cycle_start, form, asking) -> dict:
    cycle = runs.cycle_for(authority, cycle_start)
    due = runs.due_payments(authority, cycle_start, cycle)
    to_pay = [d for d in due if d.amount > 0]
    return {
        "form": form,
        "authority": authority,
        "cycle_start": cycle_start,
        "cycle_end": cycle.end,
        "cycle_words": cycle.describe(),
        "run": run,
        "asking": asking,
        "asked_by_me": run is not None and run.requested_by_id == request.user.pk,
        "page": Paginator(to_pay, PER_PAGE).get_page(request.GET.get("page")),
        "due_count": len(to_pay),
        "due_total": sum((d.amount for d in to_pay), Decimal("0.00")),
        "already_paid": [d for d in due if d.amount <= 0 and d.already_paid],
        "problem": "" if run else runs.cycle_problem(authority, cycle_start),
    }


@login_required
@require_safe
def payment_run(request, run_id):
    """A confirmed run: being paid (the page checks again by itself), paid, or failed."""
    authority = finance_authority(request.user)
    run = get_object_or_404(runs.runs_for(authority), id=run_id)
    if run.status == Status.WAITING:
        return redirect("payments:payment_cycle", cycle_start=run.cycle_start)
    paid = runs.run_payments(run) if run.is_paid else []
    context = {
        "authority": authority,
        "run": run,
        "cycle": run_cycle(run),
        "paid_message": runs.paid_message(run),
        "page": Paginator(paid, PER_PAGE).get_page(request.GET.get("page")),
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "budgets/finance/payment_run.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contribution_list(request):
    authority = finance_authority(request.user)
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                result = contributions.contributions_update(authority=authority, user=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    f"Contributions checked: {result['added']} newly expected, "
                    f"{result['matched']} newly paid. Late and missing ones are marked below.",
                )
        return redirect("payments:contributions")
    budget_ids = (
        PersonalBudget.objects.visible_to(request.user)
        .filter(person__local_authority=authority)
        .values("id")
    )
    filters = ContributionsFilterForm(
        request.GET or None, statuses=ExpectedContribution.Status.choices
    )
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = Paginator(contributions.contributions_for(budget_ids, status=status), PER_PAGE)
    counts = contributions.contribution_counts(budget_ids)
    statuses = ExpectedContribution.Status
    context = {
        "authority": authority,
        "page": page.get_page(request.GET.get("page")),
        "tabs": [(value, label, counts.get(value, 0)) for value, label in statuses.choices],
        "status": status,
        "status_label": statuses(status).label if status else "",
        "query": f"status={status}" if status else "",
    }
    return render(request, "budgets/finance/contributions.html", context)


@budget_page("Contributions", allowed=access.can_see_finances)
@require_http_methods(["GET", "HEAD", "POST"])
def person_contributions(request, budget):
    person = budget.person
    can_log = bool(
        budget.status == PersonalBudget.Status.ACTIVE
        and access.can_pay_in_or_import(request.user, person)
        and contributions.contribution_part(budget)
    )
    can_record_invoices = access.can_run_payments(request.user, person.local_authority)
    if request.method == "POST" and "invoice_paid" in request.POST:
        deny_unless(can_record_invoices)
        return _invoice_paid(request, budget)
    form = ContributionForm(posted(request)) if can_log else None
    if request.method == "POST":
        deny_unless(can_log)
        if form.is_valid():
            try:
                txn = contributions.contribution_log(
                    budget=budget,
                    user=request.user,
                    amount=form.cleaned_data["amount"],
                    paid_on=form.cleaned_data["paid_on"],
                    submission_key=form.cleaned_data["submission_key"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    f"The contribution of {pounds(txn.amount)} paid on "
                    f"{long_date(txn.occurred_on)} has been logged.",
                )
                return redirect("payments:person_contributions", budget_id=budget.id)
    rows = contributions.contributions_for([budget.id])
    context = {
        "person": person,
        "budget": budget,
        "form": form,
        "rows": rows[:26],
        "where": contributions.contribution_where(budget),
        "can_record_invoices": can_record_invoices,
    }
    return render(request, "budgets/finance/person_contributions.html", context)


def _invoice_paid(request, budget):
    """A finance officer records an invoiced contribution as paid today."""
    row_id = request.POST.get("invoice_paid", "")
    expected = budget.expected_contributions.filter(pk=row_id).first() if row_id.isdigit() else None
    deny_unless(expected is not None)
    try:
        contributions.contribution_invoice_paid(
            expected=expected, user=request.user, paid_on=timezone.localdate()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"The invoice for {pounds(expected.amount)} due on {long_date(expected.due_on)} "
            "is recorded as paid.",
        )
    return redirect("payments:person_contributions", budget_id=budget.id)


@budget_page("Payments made for the person", allowed=access.can_monitor_budget)
@require_http_methods(["GET", "HEAD", "POST"])
def on_behalf(request, budget):
    person = budget.person
    active = budget.status == PersonalBudget.Status.ACTIVE
    parts = list(payments.on_behalf_parts(budget))
    form = OnBehalfForm(posted(request), parts=parts) if parts and active else None
    if request.method == "POST" and form is not None and form.is_valid():
        part = next(p for p in parts if str(p.pk) == form.cleaned_data["part"])
        try:
            txn = payments.on_behalf_payment_record(
                part=part,
                user=request.user,
                kind=form.cleaned_data["kind"],
                details=form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Recorded: {txn.get_kind_display().lower()} of {pounds(txn.amount)} "
                f"on {long_date(txn.occurred_on)}.",
            )
            return redirect("payments:on_behalf", budget_id=budget.id)
    accounts = [
        {
            "part": part,
            "balance": ledger.held_balance(part=part),
            "recent": payments.part_transactions(part, 10),
        }
        for part in parts
    ]
    context = {"person": person, "budget": budget, "form": form, "accounts": accounts}
    return render(request, "budgets/finance/on_behalf.html", context)


@login_required
@require_safe
def isf_people(request):
    deny_unless(access.is_provider_user(request.user))
    parts = payments.isf_parts_for(request.user)
    return render(request, "budgets/finance/isf_people.html", {"parts": parts})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def isf(request, budget_id):
    part = payments.isf_parts_for(request.user).filter(budget_id=budget_id).first()
    deny_unless(part is not None)
    person = part.budget.person
    form = PaymentForm(posted(request))
    if request.method == "GET":
        record_access_log(
            person=person, user=request.user, what="Individual service fund", acting_for=None
        )
    if saved := form_saved(
        request,
        form,
        lambda: payments.isf_payment_record(
            part=part, user=request.user, details=form.cleaned_data
        ),
    ):
        txn = saved.result
        messages.success(
            request,
            f"Recorded: a payment of {pounds(txn.amount)} to {txn.payee} on "
            f"{long_date(txn.occurred_on)}.",
        )
        return redirect("payments:isf", budget_id=part.budget_id)
    context = {
        "person": person,
        "part": part,
        "form": form,
        "balance": ledger.held_balance(part=part),
        "recent": payments.part_transactions(part, 20),
    }
    return render(request, "budgets/finance/isf.html", context)
