"""docs/quality.md #20: the assessment pages make the same number of queries however many
answers."""

import pytest
from django.urls import reverse

from assessments.models import NeedsAssessment, Outcome

from .factories import answer_outcome, fill_in, started, with_decision_and_budget


def _queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url_name", ["assessment_detail", "assessment_check", "assessment_copy"])
def test_assessment_pages_make_the_same_queries_for_1_or_10_answers(
    client, person, social_worker, url_name, django_assert_max_num_queries
):
    assessment = started(person, social_worker)
    answer_outcome(assessment, social_worker, Outcome.NUTRITION)
    client.force_login(social_worker)
    url = reverse(f"assessments:{url_name}", args=[assessment.id])
    few = _queries(client, url, django_assert_max_num_queries)
    fill_in(assessment, social_worker, unable=Outcome.values[:7])
    assert _queries(client, url, django_assert_max_num_queries) == few


def test_the_overview_of_a_decided_assessment_does_not_grow_with_its_history(
    client, person, social_worker, django_assert_max_num_queries
):
    assessment = fill_in(started(person, social_worker), social_worker)
    from assessments.services import needs_assessment_complete

    needs_assessment_complete(assessment=assessment, user=social_worker)
    assessment = with_decision_and_budget(assessment, social_worker)
    client.force_login(person.user)
    url = reverse("assessments:assessment_detail", args=[assessment.id])
    few = _queries(client, url, django_assert_max_num_queries)
    for _ in range(5):  # more saved versions: decisions changed again and again
        with_decision_and_budget(assessment, social_worker)
    assert _queries(client, url, django_assert_max_num_queries) == few


def test_the_persons_list_of_assessments_does_not_grow_with_assessments(
    client, person, social_worker, django_assert_max_num_queries
):
    started(person, social_worker)
    client.force_login(social_worker)
    url = reverse("assessments:person_assessments", args=[person.id])
    few = _queries(client, url, django_assert_max_num_queries)
    started(person, social_worker, NeedsAssessment.Kind.SELF)
    started(person, social_worker, NeedsAssessment.Kind.CARER)
    assert _queries(client, url, django_assert_max_num_queries) == few
