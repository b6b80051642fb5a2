"""Logging payments and refunds from a direct payment, corrections, receipts, and questions on
payments: the person's side, and the finance officer's queue of questions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.formats import pounds
from core.forms import add_domain_error
from core.pages import deny_unless, form_saved, posted
from people import access
from people.services import record_access_log

from .. import presenters
from ..models import BudgetPart, PersonalBudget, Receipt, RuleFlag, Transaction
from ..pages import budget_page
from . import receipts
from . import services as spending
from .forms import (
    CorrectionForm,
    ExplainForm,
    PaymentsForm,
    ReceiptForm,
    ResolveForm,
    new_submission_initial,
    rows_wanted,
)

PAGE_SIZE = 25


def _dp_part(budget: PersonalBudget) -> BudgetPart:
    return get_object_or_404(budget.parts, kind=BudgetPart.Kind.DIRECT_PAYMENT, provider=None)


def _dp_lines(budget: PersonalBudget):
    return budget.plan.support_lines.direct_payment()


def _to_dashboard(budget: PersonalBudget):
    return redirect("budgets:dashboard", budget_id=budget.id)


def _logged_message(logged: list, *, refund: bool = False) -> str:
    new = [entry for entry in logged if entry.created]
    if not new:
        return "These were already logged, so nothing has been logged twice."
    what = "refund" if refund else ("payment" if len(new) == 1 else f"{len(new)} payments")
    message = f"You logged the {what}." if refund or len(new) == 1 else f"You logged {what}."
    asked = sum(1 for entry in new if entry.flags)
    if asked:
        about = "it" if len(new) == 1 else ("one of them" if asked == 1 else f"{asked} of them")
        message += f" We have a question about {about}: see 'Things to do'."
    return message


def _payments_page(request, budget, *, refund: bool):
    deny_unless(access.can_log_spending(request.user, budget.person))
    part = _dp_part(budget)
    posted = request.method == "POST"
    adding = posted and not refund and request.POST.get("action") == "add"
    rows = 1 if refund else rows_wanted(request.POST if posted else None, add=adding)
    form = PaymentsForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=None if posted else new_submission_initial(),
        lines=_dp_lines(budget),
        rows=rows,
        refund=refund,
        refundable=spending.refundable_payments(part) if refund else (),
    )
    duplicates = []
    if adding:
        form.skip_checks()
    elif posted and form.is_valid():
        try:
            logged = _log(request, part, form, refund)
        except spending.LikelyDuplicates as found:
            duplicates = found.matches
        except DomainError as error:
            add_domain_error(form, error)
        else:
            for token in form.kept_tokens():
                receipts.receipt_forget(token)
            messages.success(request, _logged_message(logged, refund=refund))
            return _to_dashboard(budget)
    if posted:
        form.keep_receipts(request.user)
    context = {
        "budget": budget,
        "person": budget.person,
        "log_form": form,
        "form": form if posted and not adding and not duplicates else None,
        "refund": refund,
        "max_rows": rows >= 10,
        "duplicates": [spending.already_logged(txn) for _, txn in duplicates],
    }
    return render(request, "budgets/log_payments.html", context)


def _log(request, part, form, refund: bool):
    kind = Transaction.Kind.REFUND if refund else Transaction.Kind.SPEND
    return spending.spending_log(
        part=part,
        user=request.user,
        acting_for=request.acting_for,
        entries=[{**entry, "kind": kind} for entry in form.entries(request.user)],
        submission_key=str(form.cleaned_data["submission_key"]),
        log_again=request.POST.get("log_again") == "yes",
    )


@budget_page("Log payments", allowed=access.can_see_spending)
@require_http_methods(["GET", "HEAD", "POST"])
def log_payments(request, budget):
    return _payments_page(request, budget, refund=False)


@budget_page("Log a refund", allowed=access.can_see_spending)
@require_http_methods(["GET", "HEAD", "POST"])
def log_refund(request, budget):
    return _payments_page(request, budget, refund=True)


def _transaction(budget, txn_id):
    return get_object_or_404(
        budget.transactions.select_related(
            "recorded_by", "acting_for", "support_line", "reverses", "reversed_by"
        ),
        id=txn_id,
    )


@budget_page("A payment", allowed=access.can_see_spending)
@require_safe
def payment(request, budget, txn_id):
    txn = _transaction(budget, txn_id)
    can_log = access.can_log_spending(request.user, budget.person)
    context = {
        "budget": budget,
        "person": budget.person,
        "txn": txn,
        "description": presenters.describe(txn),
        "by": presenters.logged_by(txn, budget.person),
        "corrected_by": getattr(txn, "reversed_by", None),
        "flags": txn.flags.select_related("explained_by", "resolved_by"),
        "receipts": txn.receipts.all(),
        "can_log": can_log and txn.kind in spending.LOGGABLE,
        "can_review": access.can_review_spending(request.user, budget.person),
    }
    return render(request, "budgets/payment.html", context)


@budget_page("Correct a payment", allowed=access.can_log_spending)
@require_http_methods(["GET", "HEAD", "POST"])
def correct(request, budget, txn_id):
    txn = _transaction(budget, txn_id)
    deny_unless(txn.kind in spending.LOGGABLE)
    form = CorrectionForm(posted(request), initial=new_submission_initial())
    if form_saved(
        request,
        form,
        lambda: spending.spending_correct(
            txn=txn,
            user=request.user,
            acting_for=request.acting_for,
            reason=form.cleaned_data["reason"],
            submission_key=str(form.cleaned_data["submission_key"]),
        ),
    ):
        messages.success(
            request,
            f"The {pounds(txn.amount)} is corrected: it no longer counts. "
            "If the right amount is different, log it again.",
        )
        return redirect("spending:payment", budget_id=budget.id, txn_id=txn.id)
    context = {"budget": budget, "person": budget.person, "txn": txn, "form": form}
    context["description"] = presenters.describe(txn)
    context["already_corrected"] = getattr(txn, "reversed_by", None)
    return render(request, "budgets/correct.html", context)


@budget_page("Add a receipt", allowed=access.can_log_spending)
@require_http_methods(["GET", "HEAD", "POST"])
def receipt_add(request, budget, txn_id):
    txn = _transaction(budget, txn_id)
    deny_unless(txn.kind in spending.LOGGABLE)
    form = ReceiptForm(posted(request), request.FILES if posted(request) is not None else None)
    if form_saved(
        request,
        form,
        lambda: spending.receipt_add(
            txn=txn, user=request.user, checked=form.cleaned_data["receipt"]
        ),
    ):
        messages.success(request, "The receipt has been added.")
        return redirect("spending:payment", budget_id=budget.id, txn_id=txn.id)
    context = {"budget": budget, "person": budget.person, "txn": txn, "form": form}
    context["description"] = presenters.describe(txn)
    return render(request, "budgets/receipt_add.html", context)


@budget_page("Receipt download", allowed=access.can_see_spending)
@require_safe
def receipt(request, budget, receipt_id):
    found = get_object_or_404(
        Receipt.objects.visible_to(request.user).filter(transaction__budget=budget), id=receipt_id
    )
    try:
        return receipts.receipt_response(found)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("spending:payment", budget_id=budget.id, txn_id=found.transaction_id)


@budget_page("Explain a payment", allowed=access.can_log_spending)
@require_http_methods(["GET", "HEAD", "POST"])
def flag_explain(request, budget, flag_id):
    flag = get_object_or_404(
        RuleFlag.objects.visible_to(request.user)
        .filter(transaction__budget=budget)
        .select_related("transaction"),
        id=flag_id,
    )
    form = ExplainForm(posted(request), initial={"explanation": flag.explanation})
    if form_saved(
        request,
        form,
        lambda: spending.flag_explain(
            flag=flag, user=request.user, explanation=form.cleaned_data["explanation"]
        ),
    ):
        messages.success(request, "Thank you. The council will look at your explanation.")
        return redirect("spending:payment", budget_id=budget.id, txn_id=flag.transaction_id)
    context = {"budget": budget, "person": budget.person, "flag": flag, "form": form}
    context["description"] = presenters.describe(flag.transaction)
    return render(request, "budgets/flag_explain.html", context)


@login_required
@require_safe
def flag_queue(request):
    authorities = access.spending_review_authorities(request.user)
    deny_unless(bool(authorities))
    flags = presenters.flags_queue(authorities)
    page = Paginator(flags, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budgets/flag_queue.html", {"page": page})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def flag_resolve(request, flag_id):
    authorities = access.spending_review_authorities(request.user)
    flag = get_object_or_404(
        presenters.flags_for_review(authorities, statuses=list(RuleFlag.Status)), id=flag_id
    )
    person = flag.transaction.budget.person
    deny_unless(access.can_review_spending(request.user, person))
    form = ResolveForm(posted(request))
    if request.method == "GET":
        record_access_log(
            person=person, user=request.user, what="Question on a payment", acting_for=None
        )
    elif form.is_valid():
        try:
            spending.flag_resolve(
                flag=flag, user=request.user, resolution=form.cleaned_data["resolution"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, f"The question on {person.display_name}'s payment is resolved."
            )
            return redirect("spending:flag_queue")
    context = {"flag": flag, "person": person, "form": form, "txn": flag.transaction}
    context["description"] = presenters.describe(flag.transaction)
    context["by"] = presenters.logged_by(flag.transaction, person)
    return render(request, "budgets/flag_resolve.html", context)
