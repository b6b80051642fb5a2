"""The person's budget pages: which budget to open, the dashboard and the money list.

Budgets load through budgets.pages.budget_page (another person's budget is a 404; providers
never see one) and each page is checked through people.access.
"""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from core.pages import deny_unless
from people import access
from people.pages import person_page

from . import presenters
from .models import BudgetPart, PersonalBudget
from .oversight.surplus import surplus_for
from .pages import budget_page

PAGE_SIZE = 25


def _to_dashboard(budget: PersonalBudget):
    return redirect("budgets:dashboard", budget_id=budget.id)


@person_page("Personal budget")
@require_safe
def person_budget(request, person):
    deny_unless(access.can_see_spending(request.user, person))
    budget = (
        PersonalBudget.objects.visible_to(request.user)
        .filter(person=person)
        .order_by("status", "-starts_on")
        .first()
    )
    if budget is not None:
        return _to_dashboard(budget)
    return render(request, "budgets/no_budget.html", {"person": person})


@budget_page("Personal budget", allowed=access.can_see_spending)
@require_safe
def dashboard(request, budget):
    can_log = access.can_log_spending(request.user, budget.person)
    prefetch_related_objects([budget], "parts")  # read once for the surplus and has_dp
    surplus = surplus_for(budget)
    name = budget.person.display_name
    context = {
        "budget": budget,
        "person": budget.person,
        "board": presenters.budget_dashboard(
            budget,
            name=None if can_log else budget.person.preferred_name or budget.person.first_name,
        ),
        "can_log": can_log,
        "can_import": access.can_pay_in_or_import(request.user, budget.person),
        "can_monitor": access.can_monitor_budget(request.user, budget.person),
        "has_dp": any(part.kind == BudgetPart.Kind.DIRECT_PAYMENT for part in budget.parts.all()),
        "surplus": surplus,
        "surplus_summary": surplus.summary(you=can_log, name=name) if surplus else "",
    }
    return render(request, "budgets/dashboard.html", context)


@budget_page("Money in and out", allowed=access.can_see_spending)
@require_safe
def money(request, budget):
    page = Paginator(presenters.money_list(budget), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [presenters.money_row(entry, budget.person) for entry in page]
    context = {"budget": budget, "person": budget.person, "page": page, "rows": rows}
    return render(request, "budgets/money.html", context)
