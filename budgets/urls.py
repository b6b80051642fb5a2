"""The budget's own pages: which budget to open, its dashboard and its money list."""

from django.urls import path

from . import views

app_name = "budgets"

B = "budgets/<uuid:budget_id>/"

urlpatterns = [
    path("people/<uuid:person_id>/budget/", views.person_budget, name="person_budget"),
    path(B, views.dashboard, name="dashboard"),
    path(f"{B}money/", views.money, name="money"),
]
