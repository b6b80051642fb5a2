"""The person's budget pages and the finance officer's questions on payments."""

from django.urls import path

from . import views

app_name = "budgets"

B = "budgets/<uuid:budget_id>/"

urlpatterns = [
    path("people/<uuid:person_id>/budget/", views.person_budget, name="person_budget"),
    path("budgets/flags/", views.flag_queue, name="flag_queue"),
    path("budgets/flags/<uuid:flag_id>/resolve/", views.flag_resolve, name="flag_resolve"),
    path(B, views.dashboard, name="dashboard"),
    path(f"{B}money/", views.money, name="money"),
    path(f"{B}payments/log/", views.log_payments, name="log_payments"),
    path(f"{B}refunds/log/", views.log_refund, name="log_refund"),
    path(f"{B}payments/<uuid:txn_id>/", views.payment, name="payment"),
    path(f"{B}payments/<uuid:txn_id>/correct/", views.correct, name="correct"),
    path(f"{B}payments/<uuid:txn_id>/receipts/add/", views.receipt_add, name="receipt_add"),
    path(f"{B}receipts/<uuid:receipt_id>/", views.receipt, name="receipt"),
    path(f"{B}questions/<uuid:flag_id>/explain/", views.flag_explain, name="flag_explain"),
]
