from django.urls import path

from . import views
from .meetings.urls import urlpatterns as meeting_patterns

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("people/<uuid:person_id>/reviews/", views.person_reviews, name="person_reviews"),
    path("people/<uuid:person_id>/reviews/ask/", views.review_ask, name="ask"),
    path("people/<uuid:person_id>/reviews/record/", views.review_record, name="record"),
]

urlpatterns += meeting_patterns
