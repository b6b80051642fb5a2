"""The person's next review, on their home page and on their record, with a way to ask."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date

from .helpers import sign_in

pytestmark = pytest.mark.django_db


def test_the_person_sees_their_next_review_and_what_it_is_for_on_their_home_page(client, budget):
    person = budget.person
    sign_in(client, person.user, person)
    page = client.get(reverse("people:dashboard")).content.decode()
    assert "Your next review" in page
    assert long_date(timezone.localdate() + timedelta(weeks=8)) in page
    assert "plan review and direct payment review" in page
    assert reverse("reviews:ask", kwargs={"person_id": person.id}) in page


def test_a_representative_sees_the_next_review_for_the_person_they_act_for(
    client, represented_person, nominated_person
):
    sign_in(client, nominated_person, represented_person)
    page = client.get(reverse("people:dashboard")).content.decode()
    assert "Next review" in page
    assert "reviews start once the support plan is approved" in page
    assert reverse("reviews:ask", kwargs={"person_id": represented_person.id}) in page


def test_the_social_worker_sees_the_next_review_on_the_person_s_record(
    client, budget, social_worker
):
    sign_in(client, social_worker)
    page = client.get(
        reverse("people:person_detail", kwargs={"person_id": budget.person.id})
    ).content.decode()
    assert "Next review" in page and "Ask for a review" in page


def test_the_person_s_reviews_page_shows_each_clock_and_why(client, budget, social_worker):
    sign_in(client, social_worker)
    page = client.get(
        reverse("reviews:person_reviews", kwargs={"person_id": budget.person.id})
    ).content.decode()
    today = long_date(timezone.localdate())
    assert f"a light first review 8 weeks after the plan started on {today}" in page
    assert f"within 6 months of the direct payment starting on {today}" in page


def test_a_finance_officer_sees_the_reviews_but_cannot_start_one(client, budget, finance_officer):
    sign_in(client, finance_officer)
    page = client.get(
        reverse("reviews:person_reviews", kwargs={"person_id": budget.person.id})
    ).content.decode()
    assert "Plan review" in page and "Ask for a review" not in page
