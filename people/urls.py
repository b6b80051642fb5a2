from django.urls import path

from . import views
from .links import link_invitation

app_name = "people"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("help/", views.help_and_contact, name="help"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("acting-for/", views.acting_for, name="acting_for"),
    path("people/", views.caseload, name="caseload"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<uuid:person_id>/", views.person_detail, name="person_detail"),
    path("people/<uuid:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:person_id>/invite/", views.person_invite, name="person_invite"),
    path("people/<uuid:person_id>/history/", views.history, name="history"),
    path(
        "people/<uuid:person_id>/representatives/add/",
        views.representative_add,
        name="representative_add",
    ),
    path(
        "people/<uuid:person_id>/representatives/<uuid:representative_id>/end/",
        views.representative_end,
        name="representative_end",
    ),
    path("people/<uuid:person_id>/consents/", views.consents, name="consents"),
    path(
        "people/<uuid:person_id>/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("invitations/<str:token>/", link_invitation, name="link_invitation"),
]
