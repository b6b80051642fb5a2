"""The council's payment runs and contributions, and payments made on the person's behalf."""

from datetime import date

from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    """A date written 2026-11-30 in a URL."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # a ValueError (31 February) is a 404

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)


register_converter(IsoDateConverter, "isodate")

app_name = "payments"

B = "budgets/<uuid:budget_id>/"

urlpatterns = [
    path("budgets/finance/payments/", views.payment_runs, name="payment_runs"),
    path(
        "budgets/finance/payments/<isodate:cycle_start>/",
        views.payment_cycle,
        name="payment_cycle",
    ),
    path("budgets/finance/payments/runs/<uuid:run_id>/", views.payment_run, name="payment_run"),
    path("budgets/finance/contributions/", views.contribution_list, name="contributions"),
    path(f"{B}contributions/", views.person_contributions, name="person_contributions"),
    path(f"{B}payments-for-the-person/", views.on_behalf, name="on_behalf"),
    path("budgets/isf/", views.isf_people, name="isf_people"),
    path(f"{B}isf/", views.isf, name="isf"),
]
