"""The person as an employer, the worker's own timesheet link, and the council's list."""

from django.urls import path

from . import pa_views, views

app_name = "employment"

B = "budgets/<uuid:budget_id>/"
W = f"{B}people-who-work-for-me/<uuid:worker_id>/"
WEEK = f"{W}timesheets/<str:week>/"

urlpatterns = [
    path("employer-checks/", views.council_checks, name="council_checks"),
    path(f"{B}people-who-work-for-me/", views.people, name="people"),
    path(f"{B}people-who-work-for-me/add/", views.worker_add, name="worker_add"),
    path(W, views.worker, name="worker"),
    path(f"{W}change/", views.worker_change, name="worker_change"),
    path(f"{W}checks/", views.worker_checks, name="worker_checks"),
    path(f"{W}self-employed/", views.worker_status, name="worker_status"),
    path(f"{W}last-day/", views.worker_leaves, name="worker_leaves"),
    path(f"{W}timesheet-link/", views.worker_link, name="worker_link"),
    path(f"{W}timesheets/", views.timesheet_week, name="timesheet_week"),
    path(WEEK, views.timesheet, name="timesheet"),
    path(f"{WEEK}approve/", views.timesheet_approve, name="timesheet_approve"),
    path(f"{WEEK}send-back/", views.timesheet_return, name="timesheet_return"),
    path(f"{B}employer/", views.employer, name="employer"),
    path(f"{B}employer/checks/", views.checks, name="checks"),
    path(f"{B}employer/checks/<str:code>/explain/", views.check_explain, name="check_explain"),
    path(f"{B}wages/", views.wages, name="wages"),
    path(f"{B}wages/<uuid:wage_id>/paid-by/", views.wage_paid_by, name="wage_paid_by"),
    path(f"{B}payslips/", views.payslips_page, name="payslips"),
    path(f"{B}payslips/example.csv", views.payslips_example, name="payslips_example"),
    path("timesheet-link/<str:token>/", pa_views.pa_home, name="pa_home"),
    path("timesheet-link/<str:token>/<str:week>/", pa_views.pa_timesheet, name="pa_timesheet"),
]
