from django.urls import path

from . import views

app_name = "council_settings"

C = "councils/<uuid:authority_id>/settings/"

urlpatterns = [
    path(C, views.overview, name="overview"),
    path(C + "change/", views.change, name="change"),
    path(C + "not-allowed/add/", views.spending_item_add, name="spending_add"),
    path(C + "not-allowed/<int:item_id>/", views.spending_item_change, name="spending_change"),
    path(
        C + "not-allowed/<int:item_id>/remove/",
        views.spending_item_remove,
        name="spending_remove",
    ),
]
