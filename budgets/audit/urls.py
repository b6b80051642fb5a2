"""Audit statements of a budget's account (PDF and CSV)."""

from django.urls import path

from . import views

app_name = "audit"

S = "budgets/<uuid:budget_id>/audit-statements/"

urlpatterns = [
    path(S, views.statements, name="statements"),
    path(f"{S}<uuid:statement_id>/", views.statement, name="statement"),
    path(f"{S}<uuid:statement_id>/download.<slug:kind>", views.download, name="download"),
]
