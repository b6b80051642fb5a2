"""URLs for payment runs, contributions, statement imports, monitoring, ledgers, and payments made
on the person's behalf. The person's own spending pages are in budgets/urls.py."""

from datetime import date

from django.urls import path, register_converter

from . import finance_views as views
from . import statement_views


class IsoDateConverter:
    """A date written 2026-11-30 in a URL."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # a ValueError (31 February) is a 404

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)


register_converter(IsoDateConverter, "isodate")

app_name = "budget_finance"

BUDGET = "budgets/<uuid:budget_id>/"

urlpatterns = [
    path("budgets/finance/payments/", views.payment_runs, name="payment_runs"),
    path(
        "budgets/finance/payments/<isodate:cycle_start>/",
        views.payment_cycle,
        name="payment_cycle",
    ),
    path("budgets/finance/contributions/", views.contribution_list, name="contributions"),
    path("budgets/finance/accounts/", views.accounts, name="accounts"),
    path("budgets/finance/ledger/<uuid:account_id>/", views.ledger, name="ledger"),
    path(f"{BUDGET}contributions/", views.person_contributions, name="person_contributions"),
    path(f"{BUDGET}statements/", statement_views.statements, name="statements"),
    path(f"{BUDGET}statements/<uuid:import_id>/", statement_views.statement, name="statement"),
    path(f"{BUDGET}payments-for-the-person/", views.on_behalf, name="on_behalf"),
    path("budgets/isf/", views.isf_people, name="isf_people"),
    path(f"{BUDGET}isf/", views.isf, name="isf"),
]
