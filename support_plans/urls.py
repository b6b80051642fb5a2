"""URLs for writing a support plan, seeing it, revising it and downloading it."""

from django.urls import path

from . import views, writing_views

app_name = "plans"

P = "support-plans/<uuid:plan_id>/"

urlpatterns = [
    path("people/<uuid:person_id>/support-plan/", views.person_plans, name="person_plans"),
    path(P, views.plan_view, name="plan"),
    path(f"{P}sections/<slug:section>/", writing_views.section, name="section"),
    path(f"{P}relationship-circle/", writing_views.relationships, name="relationships"),
    path(f"{P}charts/<slug:chart>/", writing_views.chart, name="chart"),
    path(f"{P}outcomes/", writing_views.outcomes, name="outcomes"),
    path(f"{P}support/", writing_views.support, name="support"),
    path(f"{P}support/add/", writing_views.support_add, name="support_add"),
    path(f"{P}support/<int:line_id>/change/", writing_views.support_change, name="support_change"),
    path(f"{P}remove/<slug:kind>/", writing_views.part_remove, name="part_remove"),
    path(f"{P}check-and-send/", views.check, name="check"),
    path(
        f"{P}support/<int:line_id>/necessary-decision/",
        views.necessary_decision,
        name="necessary_decision",
    ),
    path(f"{P}new-revision/", views.revise, name="revise"),
    path(f"{P}download/", views.plan_pdf, name="plan_pdf"),
    path(f"{P}one-page-profile/download/", views.profile_pdf, name="profile_pdf"),
]
