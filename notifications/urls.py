"""How a person hears from the service; messages staff must follow up."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("people/<uuid:person_id>/contact-preferences/", views.preferences, name="preferences"),
    path("council/messages-not-sent/", views.unsent, name="unsent"),
]
