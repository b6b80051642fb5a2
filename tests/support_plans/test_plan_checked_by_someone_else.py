"""Issue 9, item 11: the person who wrote or sent a plan cannot also check it.

The check is a second pair of eyes: it must be someone other than the plan's creator and the one
who sent it, with a plain message, in the service, on the check page and in the queue.
"""

from html import unescape

import pytest
from django.urls import reverse

from core.errors import DomainError
from people.models import StaffRole
from support_plans import services
from support_plans.models import SupportPlan
from tests.builders import ready_plan

from ..factories import staff_user

Status = SupportPlan.Status


@pytest.fixture
def another_social_worker(council):
    return staff_user(council, StaffRole.SOCIAL_WORKER, full_name="Robin Second")


def _check_url(plan):
    return reverse("plan_approval:check", kwargs={"person_id": plan.person_id, "plan_id": plan.id})


def test_the_social_worker_who_wrote_the_plan_cannot_check_it(
    eligible_person, social_worker, another_social_worker
):
    plan = ready_plan(eligible_person, social_worker)  # written with Sam by his social worker
    services.plan_submit(plan=plan, user=eligible_person.user)
    with pytest.raises(DomainError, match="You wrote or sent this plan, so someone else must"):
        services.plan_check(plan=plan, user=social_worker)
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED and plan.checked_by is None
    services.plan_check(plan=plan, user=another_social_worker)
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED and plan.checked_by == another_social_worker


def test_the_one_who_sent_the_plan_cannot_check_it(eligible_person, la_admin, social_worker):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=la_admin)  # an administrator sent it for Sam
    with pytest.raises(DomainError, match="someone else must check it"):
        services.plan_check(plan=plan, user=la_admin)
    services.plan_check(plan=plan, user=social_worker)


def test_the_check_page_and_queue_say_so_and_offer_no_button(
    client, eligible_person, social_worker, another_social_worker
):
    plan = ready_plan(eligible_person, social_worker)
    services.plan_submit(plan=plan, user=social_worker)
    client.force_login(social_worker)
    page = unescape(client.get(_check_url(plan)).content.decode())
    assert "You wrote or sent this plan, so someone else must check it" in page
    assert "Checked: send for approval" not in page
    queue = unescape(client.get(reverse("plan_approval:queue")).content.decode())
    assert "Sam Okafor" in queue and _check_url(plan) not in queue

    response = client.post(_check_url(plan), follow=True)
    assert "You wrote or sent this plan" in unescape(response.content.decode())
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED

    client.force_login(another_social_worker)
    assert _check_url(plan) in client.get(reverse("plan_approval:queue")).content.decode()
    client.post(_check_url(plan))
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED
