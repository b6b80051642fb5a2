from django.urls import path

from . import views

app_name = "assessments"

A = "assessments/<uuid:assessment_id>/"

urlpatterns = [
    path(
        "people/<uuid:person_id>/assessments/",
        views.person_assessments,
        name="person_assessments",
    ),
    path(
        "people/<uuid:person_id>/assessments/start/",
        views.assessment_start,
        name="assessment_start",
    ),
    path(A, views.assessment_detail, name="assessment_detail"),
    path(f"{A}sections/<slug:section>/", views.assessment_section, name="assessment_section"),
    path(f"{A}outcomes/<slug:outcome>/", views.outcome_answer, name="outcome_answer"),
    path(f"{A}check-answers/", views.assessment_check, name="assessment_check"),
    path(
        f"{A}ask-for-changes/", views.assessment_request_changes, name="assessment_request_changes"
    ),
    path(f"{A}complete/", views.assessment_complete, name="assessment_complete"),
    path(f"{A}eligibility/", views.eligibility_decide, name="eligibility_decide"),
    path(f"{A}indicative-budget/", views.indicative_budget, name="indicative_budget"),
    path(f"{A}copy/", views.assessment_copy, name="assessment_copy"),
    path(f"{A}copy/download/", views.assessment_pdf, name="assessment_pdf"),
]
