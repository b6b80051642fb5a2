"""Oversight: the money held and the surplus, what is owed or set aside, written notices and
replies, and audits the person does online."""

from django.urls import path

from . import views

app_name = "oversight"

B = "budgets/<uuid:budget_id>/"
N = f"{B}notices/<uuid:notice_id>/"
A = f"{B}checks/<uuid:audit_id>/"

urlpatterns = [
    path(f"{B}surplus/", views.surplus, name="surplus"),
    path(f"{B}surplus/owed/add/", views.liability_add, name="liability_add"),
    path(f"{B}surplus/owed/<uuid:liability_id>/", views.liability, name="liability"),
    path(f"{B}surplus/contributions-back/", views.contribution_refund, name="contribution_refund"),
    path(f"{B}evidence/<uuid:evidence_id>/", views.evidence, name="evidence"),
    path(f"{B}notices/new/repayment/", views.repayment_propose, name="repayment_propose"),
    path(f"{B}notices/new/stop/", views.stop_propose, name="stop_propose"),
    path(N, views.notice, name="notice"),
    path(f"{N}reply/", views.notice_reply, name="notice_reply"),
    path(f"{N}letter.pdf", views.notice_letter, name="notice_letter"),
    path(f"{N}confirm/", views.notice_confirm, name="notice_confirm"),
    path(f"{N}withdraw/", views.notice_withdraw, name="notice_withdraw"),
    path(f"{N}end/", views.notice_end, name="notice_end"),
    path(f"{B}checks/new/", views.audit_request, name="audit_request"),
    path(A, views.audit, name="audit"),
    path(f"{A}payments/<uuid:txn_id>/", views.audit_evidence, name="audit_evidence"),
    path(f"{A}send/", views.audit_submit, name="audit_submit"),
    path(f"{A}summary/", views.audit_summary, name="audit_summary"),
]
