"""Audit statements of a budget's account: ask for one, watch it being made, download it."""

from datetime import timedelta

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.pages import deny_unless, form_saved, posted
from people import access

from ..models import AuditStatement
from ..pages import budget_page
from . import services
from .forms import StatementForm


def _initial(budget) -> dict:
    today = timezone.localdate()
    return {"period_start": max(budget.starts_on, today - timedelta(days=364)), "period_end": today}


@budget_page("Audit statements", allowed=access.can_see_spending)
@require_http_methods(["GET", "HEAD", "POST"])
def statements(request, budget):
    form = StatementForm(posted(request), initial=_initial(budget))
    if saved := form_saved(
        request,
        form,
        lambda: services.audit_statement_request(
            budget=budget,
            user=request.user,
            start=form.cleaned_data["period_start"],
            end=form.cleaned_data["period_end"],
        ),
    ):
        return redirect("audit:statement", budget.id, saved.result.id)
    made = budget.statements.all()[:20]  # the budget's: see _statement
    context = {"budget": budget, "person": budget.person, "form": form, "made": made}
    return render(request, "budgets/audit/statements.html", context)


def _statement(request, budget, statement_id) -> AuditStatement:
    """One of the budget's statements, or 404. The budget was found through visible_to, and
    the user's right to see its spending checked (budget_page): its statements are theirs to
    see, with no second look-up of who may open the budget."""
    return get_object_or_404(budget.statements, id=statement_id)


@budget_page("An audit statement", allowed=access.can_see_spending)
@require_safe
def statement(request, budget, statement_id):
    found = _statement(request, budget, statement_id)
    context = {"budget": budget, "person": budget.person, "statement": found}
    return render(request, "budgets/audit/statement_page.html", context)


@budget_page("Audit statement download", allowed=access.can_see_spending)
@require_safe
def download(request, budget, statement_id, kind):
    deny_unless(kind in ("pdf", "csv"))
    found = _statement(request, budget, statement_id)
    try:
        path = services.statement_file(found, kind)
    except DomainError as error:
        messages.info(request, error.message)
        return redirect("audit:statement", budget.id, found.id)
    name = f"audit-statement-{found.period_start}-to-{found.period_end}.{kind}"
    content_type = "application/pdf" if kind == "pdf" else "text/csv"
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
