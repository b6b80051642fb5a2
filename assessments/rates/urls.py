"""URLs for a council's charging rates and April uprating."""

from django.urls import path

from . import views

app_name = "charging_rates"

RATES = "councils/<uuid:authority_id>/charging-rates/"
YEAR = RATES + "<int:year>/"

urlpatterns = [
    path(RATES, views.years, name="years"),
    path(RATES + "add/", views.add, name="add"),
    path(YEAR, views.year, name="year"),
    path(YEAR + "change/", views.change, name="change"),
    path(YEAR + "minimum-income-guarantee/", views.amounts, name="amounts"),
    path(YEAR + "check/", views.check, name="check"),
    path("charging/recalculate/", views.uprating_councils, name="uprating"),
    path(YEAR + "recalculate/", views.uprating_year, name="uprating_year"),
]
