"""The finance officer's monitoring list and ledgers."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("budgets/finance/accounts/", views.accounts, name="accounts"),
    path("budgets/finance/ledger/<uuid:account_id>/", views.ledger, name="ledger"),
]
