"""Importing bank and card statements of a direct payment account."""

from django.urls import path

from . import views

app_name = "statements"

B = "budgets/<uuid:budget_id>/"

urlpatterns = [
    path(f"{B}statements/", views.statements, name="statements"),
    path(f"{B}statements/<uuid:import_id>/", views.statement, name="statement"),
]
