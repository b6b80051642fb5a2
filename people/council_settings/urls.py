from django.urls import path

from . import views

app_name = "council_settings"

C = "councils/<uuid:authority_id>/settings/"

urlpatterns = [
    path(C, views.overview, name="overview"),
    path(C + "change/", views.change, name="change"),
]
