"""URLs for the council's review of support plans, challenges, and the provider's view."""

from django.urls import path

from . import views

app_name = "plan_approval"

REVIEW = "people/<uuid:person_id>/plan-review/<uuid:plan_id>/"
DECISIONS = "people/<uuid:person_id>/plan-decisions/"

urlpatterns = [
    path("council/support-plans/", views.queue, name="queue"),
    path(f"{REVIEW}check/", views.check, name="check"),
    path(f"{REVIEW}decide/", views.decide, name="decide"),
    path(f"{REVIEW}refer/", views.refer, name="refer"),
    path(f"{REVIEW}what-changed/", views.compare, name="compare"),
    path(DECISIONS, views.decisions, name="decisions"),
    path(f"{DECISIONS}<uuid:plan_id>/challenge/", views.challenge, name="challenge"),
    path(
        f"{DECISIONS}challenges/<uuid:challenge_id>/answer/",
        views.challenge_answer,
        name="challenge_answer",
    ),
    path("provider/people/", views.provider_people, name="provider_people"),
    path("provider/people/<uuid:person_id>/", views.provider_person, name="provider_person"),
]
