"""The reviews demo (manage.py seed_demo): Peggy's review meeting, planned with David, made
through the real services once however often the demo is loaded."""

import pytest

from reviews.models import ReviewMeeting

pytestmark = pytest.mark.django_db


def test_the_demo_plans_peggy_s_review_once():
    from assessments import demo as assessments_demo
    from budgets import demo as budgets_demo
    from people import demo as people_demo
    from reviews import demo

    people_demo.seed_demo()
    assessments_demo.seed_demo()
    budgets_demo.seed_demo()
    demo.seed_demo()
    demo.seed_demo()
    meeting = ReviewMeeting.objects.get()
    assert meeting.person.preferred_name == "Peggy" and meeting.is_planned
    assert meeting.invitees.get().name == "Susan Hughes"
    assert meeting.answers.get().invitee is None
