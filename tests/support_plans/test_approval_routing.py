"""Issue 9, item 9: plans above the indicative budget (or the approver's limit) are routed.

The rule (support_plans/services.py): an approver may approve a plan whose yearly cost is within
their own yearly limit; a plan over the indicative budget needs the higher level, a senior
approver with no yearly limit. The decision page says who at the council can approve it, and the
approver refers it to one of them with a reason; the referred-to approver sees it first in the
plans waiting for them. Also item 19: on the decision page the plan comes before the decision.
"""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from djmoney.money import Money

from core.errors import DomainError
from people.models import StaffRole
from support_plans import services
from support_plans.models import PlanReferral, SupportPlan
from tests.builders import add_line, ready_plan

from ..factories import staff_user

Status = SupportPlan.Status


def _url(name: str, plan: SupportPlan) -> str:
    return reverse(
        f"plan_approval:{name}", kwargs={"person_id": plan.person_id, "plan_id": plan.id}
    )


def _text(response) -> str:
    return unescape(response.content.decode())


def _approver(council, name: str, limit: int | None):
    user = staff_user(council, StaffRole.APPROVER, full_name=name)
    if limit is not None:
        membership = user.memberships.get()
        membership.approval_limit = Money(limit, "GBP")
        membership.save()
    return user


@pytest.fixture
def team_manager(council):
    """Like the demo's Priya: an approver with a £30,000 yearly limit."""
    return _approver(council, "Priya Natarajan", 30000)


def _checked_plan(person, social_worker, *, extra_weekly_hours=None):
    """Sam's plan, checked: £150 a week, plus extra PA hours at £15 if asked."""
    plan = ready_plan(person, person.user)
    if extra_weekly_hours:
        add_line(plan, person.user, description="Day service", quantity=extra_weekly_hours)
    services.plan_submit(plan=plan, user=person.user)
    return services.plan_check(plan=plan, user=social_worker)


# The rule.


def test_the_higher_level_for_a_plan_over_the_indicative_budget_is_no_yearly_limit(
    eligible_person, social_worker
):
    over = _checked_plan(eligible_person, social_worker, extra_weekly_hours="20")  # £450 > £300
    level = services.approval_level(over)
    assert level.needs_senior and level.annual == 23400
    assert level.covers(None) and not level.covers(1_000_000)
    assert level.who == "a senior approver: an approver with no yearly limit"


def test_within_the_indicative_budget_an_approvers_own_limit_decides(
    eligible_person, social_worker
):
    plan = _checked_plan(eligible_person, social_worker)  # £7,800 a year, within £15,600
    level = services.approval_level(plan)
    assert not level.needs_senior
    assert level.covers(Decimal("7800")) and level.covers(None)
    assert not level.covers(Decimal("7799.99"))
    assert level.who == "an approver whose yearly limit is at least £7,800.00"


# The decision page: the plan first, who can approve it, and a way to refer it.


def test_decision_page_shows_the_plan_before_the_decision(
    client, eligible_person, social_worker, approver
):
    plan = _checked_plan(eligible_person, social_worker)
    client.force_login(approver)
    page = _text(client.get(_url("decide", plan)))
    outcome = page.index("I want to get washed and dressed by 9")
    support = page.index("Support and what it costs")
    decision = page.index("What is your decision?")
    assert outcome < decision and support < decision
    assert page.index("The plan</h2>") < page.index("Before you decide") < decision


def test_an_approver_whose_level_is_too_low_sees_who_can_and_refers_the_plan(
    client, eligible_person, social_worker, team_manager, senior_approver, council
):
    plan = _checked_plan(eligible_person, social_worker, extra_weekly_hours="20")
    cheap = _approver(council, "Chris Small", 5000)
    client.force_login(team_manager)
    page = _text(client.get(_url("decide", plan)))
    assert "so it needs a senior approver: an approver with no yearly limit." in page
    assert "A plan that costs more than the indicative budget needs a higher level" in page
    assert "This plan costs £23,400.00 a year, so it needs a senior approver" in page
    who = re.search(r"Who can approve it</h3>.*?</ul>", page, re.S)[0]
    assert "Dana Senior (no yearly limit)" in who
    assert "Priya Natarajan" not in who and str(cheap) not in who
    assert _url("refer", plan) in page

    # A mistake first: nobody chosen, no reason.
    response = client.post(_url("refer", plan), {"referred_to": "", "reason": " "})
    page = _text(response)
    assert "There is a problem" in page
    assert "Choose who should approve the plan" in page and "Say why you are referring" in page
    assert not PlanReferral.objects.exists()

    response = client.post(
        _url("refer", plan),
        {"referred_to": str(senior_approver.pk), "reason": "Over the indicative budget by £150"},
        follow=True,
    )
    page = _text(response)
    assert "You referred Sam Okafor's plan to Dana Senior." in page
    referral = PlanReferral.objects.get()
    assert (referral.plan, referral.referred_by, referral.referred_to) == (
        plan,
        team_manager,
        senior_approver,
    )
    assert referral.reason == "Over the indicative budget by £150" and referral.created_at
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED  # still waiting for approval, now for Dana

    client.force_login(senior_approver)
    queue = _text(client.get(reverse("plan_approval:queue")))
    referred = re.search(r"Referred to you</caption>.*?</table>", queue, re.S)[0]
    assert "Sam Okafor" in referred and "Priya Natarajan" in referred
    assert "Over the indicative budget by £150" in referred
    page = _text(client.get(_url("decide", plan)))
    assert "Priya Natarajan referred this plan to you on" in page
    assert "Nothing stops you approving this plan." in page
    client.post(_url("decide", plan), {"decision": "approved"})
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED


def test_a_plan_above_the_approvers_limit_can_go_to_an_approver_with_a_higher_limit(
    client, eligible_person, social_worker, council
):
    # £450 a week would be over the £300 indicative budget; raise the indicative budget so the
    # plan is within it and only the approver's limit stands in the way.
    plan = _checked_plan(eligible_person, social_worker, extra_weekly_hours="20")
    budget = plan.assessment.indicative_budget
    budget.override_weekly = 500
    budget.save()
    low = _approver(council, "Lou Low", 20000)
    high = _approver(council, "Hal High", 25000)
    client.force_login(low)
    page = _text(client.get(_url("decide", plan)))
    assert "This plan costs £23,400.00 a year, above your approval limit of £20,000.00." in page
    who = re.search(r"Who can approve it</h3>.*?</ul>", page, re.S)[0]
    assert "Hal High (can approve up to £25,000.00 a year)" in who
    services.plan_refer(plan=plan, user=low, to=high, reason="Above my limit")
    services.plan_decide(plan=plan, user=high, decision="approved")


def test_an_approver_who_can_approve_is_not_offered_a_referral(
    client, eligible_person, social_worker, team_manager
):
    plan = _checked_plan(eligible_person, social_worker)
    client.force_login(team_manager)
    page = _text(client.get(_url("decide", plan)))
    assert "Nothing stops you approving this plan." in page
    assert _url("refer", plan) not in page


# The service's rules for a referral.


def test_a_referral_goes_only_to_an_approver_who_can_approve_it(
    eligible_person, social_worker, team_manager, senior_approver, council
):
    plan = _checked_plan(eligible_person, social_worker, extra_weekly_hours="20")
    other = _approver(council, "Also Limited", 100000)
    for to in [other, team_manager, social_worker, None]:
        with pytest.raises(DomainError, match="Choose an approver from the list") as caught:
            services.plan_refer(plan=plan, user=team_manager, to=to, reason="Over")
        assert caught.value.field == "referred_to"
    with pytest.raises(DomainError, match="Say why") as caught:
        services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason=" ")
    assert caught.value.field == "reason"
    with pytest.raises(DomainError, match="Only an approver"):
        services.plan_refer(plan=plan, user=social_worker, to=senior_approver, reason="Over")
    assert not PlanReferral.objects.exists()

    services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason="Over")
    with pytest.raises(DomainError, match="already been referred to Dana Senior"):
        services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason="Again")
    assert PlanReferral.objects.count() == 1


def test_only_a_plan_waiting_for_approval_is_referred(
    eligible_person, social_worker, team_manager, senior_approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    with pytest.raises(DomainError, match="Only a plan waiting for approval"):
        services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason="Over")


def test_nobody_who_wrote_sent_or_checked_the_plan_is_offered(
    eligible_person, council, senior_approver
):
    # A senior approver who also checks plans checks this one: someone else must approve it.
    checker = _approver(council, "Chec King", None)
    from people.models import Membership

    Membership.objects.create(user=checker, organisation=council, role=StaffRole.SOCIAL_WORKER)
    plan = _checked_plan(eligible_person, checker, extra_weekly_hours="20")
    names = [str(user) for user, _ in services.who_can_approve(plan)]
    assert names == ["Dana Senior"]


def test_a_referral_belongs_to_one_check_and_shows_in_the_persons_history(
    client, eligible_person, social_worker, team_manager, senior_approver
):
    plan = _checked_plan(eligible_person, social_worker, extra_weekly_hours="20")
    services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason="Over")
    services.plan_decide(
        plan=plan, user=senior_approver, decision="changes_requested", reason="Cut a day"
    )
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    client.force_login(senior_approver)
    queue = _text(client.get(reverse("plan_approval:queue")))
    assert "Referred to you" not in queue  # that referral was for the earlier check
    services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason="Still over")
    assert PlanReferral.objects.count() == 2

    client.force_login(eligible_person.user)
    client.post(reverse("people:acting_for"), {"person": eligible_person.id})
    history = _text(client.get(reverse("people:history", args=[eligible_person.id])))
    assert "Support plan referred to another approver" in history


def test_the_refer_page_is_only_for_approvers_and_only_while_the_plan_waits(
    client, eligible_person, social_worker, team_manager, senior_approver
):
    plan = _checked_plan(eligible_person, social_worker, extra_weekly_hours="20")
    client.force_login(social_worker)
    assert client.get(_url("refer", plan)).status_code == 404
    assert client.post(_url("refer", plan), {"reason": "x"}).status_code == 404
    services.plan_decide(plan=plan, user=senior_approver, decision="approved")
    client.force_login(team_manager)
    page = _text(client.get(_url("refer", plan)))
    assert "This plan is not waiting for approval" in page and "Refer the plan</button>" not in page
    response = client.post(
        _url("refer", plan), {"referred_to": str(senior_approver.pk), "reason": "Late"}
    )
    assert response.status_code == 200 and "There is a problem" in _text(response)
    assert not PlanReferral.objects.exists()


def test_the_queue_makes_the_same_queries_with_referrals_for_2_or_6_people(
    client, council, social_worker, team_manager, senior_approver, django_assert_max_num_queries
):
    from tests.builders import complete_eligible_assessment

    from ..factories import PersonFactory, UserFactory

    def referred_plans(n):
        for _ in range(n):
            person = PersonFactory(local_authority=council, user=UserFactory())
            complete_eligible_assessment(person, social_worker, indicative_weekly="100.00")
            plan = _checked_plan(person, social_worker)
            services.plan_refer(plan=plan, user=team_manager, to=senior_approver, reason="Over")

    client.force_login(senior_approver)
    referred_plans(2)
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("plan_approval:queue"))
    referred_plans(4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Referred to you" in _text(client.get(reverse("plan_approval:queue")))
