"""URLs for the financial assessment pages, under a person's record."""

from django.urls import path

from . import views

app_name = "financial_assessment"

ASSESSMENT = "people/<uuid:person_id>/finances/<uuid:assessment_id>/"

urlpatterns = [
    path("people/<uuid:person_id>/finances/", views.assessment_list, name="list"),
    path("people/<uuid:person_id>/finances/start/", views.start, name="start"),
    path(ASSESSMENT, views.assessment_detail, name="assessment"),
    path(f"{ASSESSMENT}details/", views.details, name="details"),
    path(f"{ASSESSMENT}items/add/", views.item_add, name="item_add"),
    path(f"{ASSESSMENT}items/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path(f"{ASSESSMENT}complete/", views.complete, name="complete"),
]
