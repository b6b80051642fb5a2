"""Pages for importing a bank or prepaid-card statement: upload, choose the columns the first
time, see what matched, and confirm or leave out each new row. For the person, their
representative and the council's finance staff; everyone else gets 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from core.formats import long_date, pounds
from core.forms import add_domain_error
from core.pages import deny_unless, posted
from people import access

from ..models import PersonalBudget, StatementImport, StatementLine
from ..pages import budget_page
from . import services as imports
from .files import csv_header, decode
from .forms import ColumnsForm, LineDecisionForm, StatementUploadForm

PER_PAGE = 50


def _statement_parts(budget):
    if budget.status != PersonalBudget.Status.ACTIVE:
        return []
    return list(imports.importable_parts(budget))


def _chosen_part(request, parts):
    wanted = request.POST.get("part")
    if len(parts) == 1:
        return parts[0]
    return next((part for part in parts if str(part.pk) == wanted), None)


def _after_import(request, budget, result):
    statement = result.statement
    if statement.status == StatementImport.Status.REJECTED:
        messages.error(
            request,
            "Nothing was imported, because some rows could not be read. Correct them in the "
            "file, or choose the columns again, and upload it again.",
        )
    else:
        left_out = (
            f" {result.already_imported} rows were imported before and were left out."
            if result.already_imported
            else ""
        )
        messages.success(
            request,
            f"{result.rows} rows read: {result.matched} match payments already logged and "
            f"{result.offered} are new for you to check.{left_out}",
        )
    return redirect("statements:statement", budget_id=budget.id, import_id=statement.id)


def _import(request, budget, part, form, upload, *, again=False):
    """Import the upload; on success a redirect, else None with the problem on the form."""
    try:
        result = imports.statement_import(
            part=part,
            user=request.user,
            file_name=upload.name,
            data=upload.read(),
            choose_columns_again=again,
        )
    except imports.NeedsColumns as needs:
        return _columns_page(request, budget, part, needs.header, needs.sample)
    except imports.AlreadyImported as error:
        add_domain_error(form, error)
        form.earlier = error.earlier
        return None
    except DomainError as error:
        add_domain_error(form, error)
        return None
    return _after_import(request, budget, result)


def _columns_page(request, budget, part, header, sample, form=None):
    form = form or ColumnsForm(header=header, initial=ColumnsForm.initial_for(header))
    context = {
        "budget": budget,
        "person": budget.person,
        "part": part,
        "form": form,
        "header": header,
        "sample": sample,
    }
    return render(request, "budgets/finance/statement_columns.html", context)


def _check_columns_in(header, columns) -> None:
    names = {name.casefold() for name in header}
    chosen = [columns.date, columns.description, columns.amount, columns.paid_out, columns.paid_in]
    if any(name and name.casefold() not in names for name in chosen):
        raise DomainError(
            "This file has different columns from the one you uploaded first. Choose the same "
            "file again.",
            field="file",
        )


def _columns_posted(request, budget, part):
    header = request.POST.getlist("header")
    form = ColumnsForm(request.POST, request.FILES, header=header)
    if form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            data = upload.read()
            header = csv_header(decode(data, upload.name))[0]
            _check_columns_in(header, form.columns())
            imports.statement_mapping_save(part=part, user=request.user, columns=form.columns())
            upload.seek(0)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            response = _import(request, budget, part, form, upload)
            if response is not None:
                return response
    return _columns_page(request, budget, part, header, [], form)


@budget_page("Statements", allowed=access.can_pay_in_or_import)
@require_http_methods(["GET", "HEAD", "POST"])
def statements(request, budget):
    person = budget.person
    parts = _statement_parts(budget)
    form = StatementUploadForm(posted(request), request.FILES or None, parts=parts)
    if request.method == "POST":
        deny_unless(bool(parts))
        part = _chosen_part(request, parts)
        if request.POST.get("step") == "columns" and part is not None:
            return _columns_posted(request, budget, part)
        if form.is_valid():
            again = form.cleaned_data["choose_columns_again"]
            response = _import(request, budget, part, form, form.cleaned_data["file"], again=again)
            if response is not None:
                return response
    recent = (
        StatementImport.objects.visible_to(request.user)
        .filter(part__budget=budget)
        .select_related("uploaded_by")
    )
    context = {
        "budget": budget,
        "person": person,
        "parts": parts,
        "form": form,
        "imports": recent[:20],
    }
    return render(request, "budgets/finance/statements.html", context)


NOT_IN_PLAN = "none"


def _support_line(budget, line, value: str):
    """The support in the plan a payment out was for; None for money in or 'not in the plan'."""
    if line.amount > 0 or value == NOT_IN_PLAN:
        return None
    if not value:
        raise DomainError("Choose the support this payment was for, or 'Something not in the plan'")
    found = budget.plan.support_lines.filter(pk=value).first() if value.isdigit() else None
    if found is None:
        raise DomainError("Choose the support this payment was for from the list")
    return found


def _confirm(request, budget, line, data) -> None:
    txn = imports.statement_line_confirm(
        line=line,
        user=request.user,
        kind=data["kind"],
        support_line=_support_line(budget, line, data["support_line"]),
    )
    questions = [flag.get_rule_display().lower() for flag in txn.flags.all()]
    asked = f" The council may ask about it: {'; '.join(questions)}." if questions else ""
    messages.success(
        request,
        f"Row {line.row_number} is logged: {txn.get_kind_display().lower()}, "
        f"{pounds(txn.amount)} on {long_date(txn.occurred_on)}.{asked}",
    )


def _decide(request, budget, statement) -> None:
    form = LineDecisionForm(request.POST)
    line = None
    if form.is_valid():
        line = statement.lines.filter(id=form.cleaned_data["line"]).first()
    if line is None:
        messages.error(request, "Choose a row from the statement.")
        return
    try:
        if form.cleaned_data["action"] == "confirm":
            _confirm(request, budget, line, form.cleaned_data)
        else:
            imports.statement_line_leave_out(line=line, user=request.user)
            messages.success(request, f"Row {line.row_number} is left out.")
    except DomainError as error:
        messages.error(request, f"Row {line.row_number}: {error.message}")


@budget_page("Statement import", allowed=access.can_pay_in_or_import)
@require_http_methods(["GET", "HEAD", "POST"])
def statement(request, budget, import_id):
    person = budget.person
    record = get_object_or_404(
        StatementImport.objects.visible_to(request.user)
        .filter(part__budget=budget)
        .select_related("uploaded_by"),
        id=import_id,
    )
    if request.method == "POST":
        _decide(request, budget, record)
        url = reverse("statements:statement", args=[budget.id, record.id])
        return redirect(f"{url}?page={request.POST.get('page', '1')}#rows")
    counts = dict(
        record.lines.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    offered_first = Case(When(status=StatementLine.Status.OFFERED, then=0), default=1)
    lines = record.lines.select_related("transaction").order_by(offered_first, "row_number")
    page = Paginator(lines, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "budget": budget,
        "person": person,
        "record": record,
        "counts": counts,
        "page": page,
        "offered": StatementLine.Status.OFFERED,
        "plan_lines": list(budget.plan.support_lines.all()),
        "not_in_plan": NOT_IN_PLAN,
    }
    return render(request, "budgets/finance/statement.html", context)
