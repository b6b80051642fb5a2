"""Review meeting URLs, in the reviews namespace (reviews/urls.py adds them)."""

from django.urls import path

from . import answer_views, planning_views, record_views

P = "people/<uuid:person_id>/reviews/"
M = P + "meetings/<uuid:meeting_id>/"

urlpatterns = [
    path(P + "schedule/", planning_views.schedule, name="schedule"),
    path(M, planning_views.meeting, name="meeting"),
    path(M + "when-and-where/", planning_views.meeting_change, name="meeting_change"),
    path(M + "plan/", planning_views.meeting_plan, name="meeting_plan"),
    path(M + "invite/", planning_views.invitee_add, name="invitee_add"),
    path(
        M + "invited/<uuid:invitee_id>/remove/",
        planning_views.invitee_remove,
        name="invitee_remove",
    ),
    path(M + "send-invitations/", planning_views.invitations_send, name="invitations_send"),
    path(M + "what-providers-see/", planning_views.sharing, name="sharing"),
    path(M + "questions/", answer_views.answer_person, name="answer_person"),
    path(
        M + "questions/<uuid:invitee_id>/on-paper/",
        answer_views.answer_invitee,
        name="answer_invitee",
    ),
    path("review-questions/<str:token>/", answer_views.answer_by_link, name="answer_by_link"),
    path(
        "providers/" + M + "questions/",
        answer_views.provider_answer,
        name="provider_answer",
    ),
    path(M + "record/", record_views.meeting_record, name="meeting_record"),
    path(M + "actions/add/", record_views.action_add, name="action_add"),
    path(P + "actions/<uuid:action_id>/close/", record_views.action_close, name="action_close"),
    path(M + "decision/", record_views.decide, name="decide"),
    path(M + "download/", record_views.record_download, name="record_pdf"),
    path("providers/" + M, record_views.provider_review, name="provider_review"),
]
