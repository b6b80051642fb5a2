"""Logging spending from a direct payment, receipts, and questions on payments."""

from django.urls import path

from . import views

app_name = "spending"

B = "budgets/<uuid:budget_id>/"

urlpatterns = [
    path("budgets/flags/", views.flag_queue, name="flag_queue"),
    path("budgets/flags/<uuid:flag_id>/resolve/", views.flag_resolve, name="flag_resolve"),
    path(f"{B}payments/log/", views.log_payments, name="log_payments"),
    path(f"{B}refunds/log/", views.log_refund, name="log_refund"),
    path(f"{B}payments/<uuid:txn_id>/", views.payment, name="payment"),
    path(f"{B}payments/<uuid:txn_id>/correct/", views.correct, name="correct"),
    path(f"{B}payments/<uuid:txn_id>/receipts/add/", views.receipt_add, name="receipt_add"),
    path(f"{B}receipts/<uuid:receipt_id>/", views.receipt, name="receipt"),
    path(f"{B}questions/<uuid:flag_id>/explain/", views.flag_explain, name="flag_explain"),
]
