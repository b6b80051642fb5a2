"""Every transition of a support plan, including the forbidden ones."""

from decimal import Decimal

import pytest

from core.errors import DomainError
from support_plans import services
from support_plans.models import ApprovalDecision, SupportPlan
from tests.builders import add_line, pension_assessment_complete, ready_plan

Status = SupportPlan.Status
APPROVE = ApprovalDecision.Decision.APPROVED


def _to_approval(plan, person, social_worker):
    services.plan_submit(plan=plan, user=person.user)
    return services.plan_check(plan=plan, user=social_worker)


def test_a_plan_cannot_start_without_an_eligible_assessment(person):
    with pytest.raises(DomainError, match="eligible needs"):
        services.plan_start(person=person, user=person.user)


def test_person_writes_submits_and_an_approver_approves(eligible_person, social_worker, approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    _to_approval(plan, eligible_person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED
    assert plan.weekly_total == Decimal("150.00")  # 10 hours × £15
    assert plan.weekly_contribution == Decimal("0.00")  # no financial assessment yet
    assert plan.weekly_la_share == Decimal("150.00")
    assert plan.weekly_direct_payment == Decimal("150.00")
    assert plan.direct_payment_frequency == "every 4 weeks, in advance"


def test_sending_an_incomplete_plan_lists_what_is_missing(eligible_person):
    plan = services.plan_start(person=eligible_person, user=eligible_person.user)
    with pytest.raises(DomainError, match="Add at least one outcome.*contingency"):
        services.plan_submit(plan=plan, user=eligible_person.user)
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_approver_cannot_approve_a_plan_they_checked(eligible_person, la_admin):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=la_admin)
    with pytest.raises(DomainError, match="Only an approver"):
        services.plan_decide(plan=plan, user=la_admin, decision=APPROVE)


def test_approver_cannot_approve_their_own_plan(eligible_person, social_worker, approver):
    plan = ready_plan(eligible_person, approver)
    services.plan_submit(plan=plan, user=approver)
    services.plan_check(plan=plan, user=social_worker)
    with pytest.raises(DomainError, match="someone else must approve"):
        services.plan_decide(plan=plan, user=approver, decision=APPROVE)


def test_provider_cannot_approve_or_check(eligible_person, social_worker, provider_user):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    with pytest.raises(DomainError):
        services.plan_check(plan=plan, user=provider_user)
    services.plan_check(plan=plan, user=social_worker)
    with pytest.raises(DomainError):
        services.plan_decide(plan=plan, user=provider_user, decision=APPROVE)


def test_an_unchecked_plan_cannot_be_approved(eligible_person, approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_submit(plan=plan, user=eligible_person.user)
    with pytest.raises(DomainError, match="checked by a social worker"):
        services.plan_decide(plan=plan, user=approver, decision=APPROVE)


def test_an_approved_plan_cannot_be_edited(eligible_person, social_worker, approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    _to_approval(plan, eligible_person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    with pytest.raises(DomainError, match="start a new revision"):
        services.plan_save_section(
            plan=plan,
            user=eligible_person.user,
            section="important",
            data={"important_to": "changed"},
        )


def test_asking_for_changes_needs_a_reason_and_reopens_the_plan(
    eligible_person, social_worker, approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    _to_approval(plan, eligible_person, social_worker)
    with pytest.raises(DomainError, match="Give the reason"):
        services.plan_decide(plan=plan, user=approver, decision="changes_requested", reason=" ")
    services.plan_decide(
        plan=plan, user=approver, decision="changes_requested", reason="Add evening support"
    )
    plan.refresh_from_db()
    assert plan.status == Status.CHANGES_REQUESTED and plan.is_editable
    add_line(plan, eligible_person.user, description="Evening call", quantity="7", cost="18.00")
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    plan.refresh_from_db()
    assert plan.weekly_total == Decimal("276.00")  # 150 + 7 × 18
    assert [d.decision for d in plan.decisions.order_by("created_at")] == [
        "changes_requested",
        "approved",
    ]


def test_plan_over_the_indicative_budget_needs_a_senior_approver(
    eligible_person, social_worker, limited_approver, senior_approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    add_line(plan, eligible_person.user, description="Day service", quantity="5", cost="40.00")
    # 150 + 200 = £350 a week: over the £300 indicative budget.
    assert services.comparison(plan).status == "over"
    _to_approval(plan, eligible_person, social_worker)
    with pytest.raises(DomainError, match="senior approver"):
        services.plan_decide(plan=plan, user=limited_approver, decision=APPROVE)
    services.plan_decide(plan=plan, user=senior_approver, decision=APPROVE)


def test_plan_over_the_approvers_limit_is_refused(eligible_person, social_worker, limited_approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    # £150 a week = £7,800 a year: inside the £10,000 limit; add £50 a week → £10,400.
    add_line(plan, eligible_person.user, description="Gym", quantity="1", unit="week", cost="50")
    _to_approval(plan, eligible_person, social_worker)
    with pytest.raises(DomainError, match="above your approval limit"):
        services.plan_decide(plan=plan, user=limited_approver, decision=APPROVE)


def test_paying_a_close_relative_at_home_needs_a_necessary_decision(
    eligible_person, social_worker, approver
):
    plan = services.plan_start(person=eligible_person, user=eligible_person.user)
    sister = services.relationship_add(
        plan=plan,
        user=eligible_person.user,
        details={"name": "Grace", "relationship_type": "sibling", "lives_with_me": True},
    )
    cousin = services.relationship_add(
        plan=plan,
        user=eligible_person.user,
        details={"name": "Ola", "relationship_type": "other_relative", "lives_with_me": True},
    )
    line = add_line(plan, eligible_person.user, description="Sister's help", payee=sister)
    add_line(plan, eligible_person.user, description="Cousin's help", payee=cousin)
    services.plan_save_section(
        plan=plan,
        user=eligible_person.user,
        section="contingency",
        data={"contingency_plan": "Agency cover", "risks": ""},
    )
    assert services.lines_needing_necessary_decision(plan) == [line]
    _to_approval(plan, eligible_person, social_worker)
    with pytest.raises(DomainError, match="decision that this is necessary"):
        services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    services.necessary_decision_record(
        ground="care",
        line=line,
        user=social_worker,
        decision="Only Grace can manage the night-time routine",
    )
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)


def test_revision_copies_the_plan_and_leaves_the_approved_one_untouched(
    eligible_person, social_worker, approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    _to_approval(plan, eligible_person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    revision = services.plan_revise(plan=plan, user=eligible_person.user, reason="More support")
    assert revision.revision == 2 and revision.status == Status.DRAFT
    assert revision.support_lines.count() == 1 and revision.outcomes.count() == 1
    assert revision.support_lines.get().outcomes.get().plan == revision
    add_line(
        revision, eligible_person.user, description="Taxi", quantity="2", unit="week", cost="12"
    )
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED and plan.support_lines.count() == 1
    services.plan_submit(plan=revision, user=eligible_person.user)
    services.plan_check(plan=revision, user=social_worker)
    services.plan_decide(plan=revision, user=approver, decision=APPROVE)
    plan.refresh_from_db()
    assert plan.status == Status.SUPERSEDED

    from support_plans.compare import compare_revisions

    changes = {d.what for d in compare_revisions(plan, revision)}
    assert "Support: Taxi" in changes and "Total a year" in changes


def test_challenge_goes_to_an_approver_and_is_answered(eligible_person, social_worker, approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    with pytest.raises(DomainError, match="once the council has decided"):
        services.challenge_raise(plan=plan, user=eligible_person.user, what_is_wrong="Too low")
    _to_approval(plan, eligible_person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    challenge = services.challenge_raise(
        plan=plan, user=eligible_person.user, what_is_wrong="It does not cover my evenings"
    )
    with pytest.raises(DomainError):
        services.challenge_answer(challenge=challenge, user=social_worker, answer="No")
    services.challenge_answer(challenge=challenge, user=approver, answer="We will review it")
    challenge.refresh_from_db()
    assert challenge.status == "answered"


def test_contribution_from_the_financial_assessment_is_paid_into_the_dp(
    eligible_person, social_worker, approver, finance_officer
):
    done = pension_assessment_complete(eligible_person, finance_officer)
    assert done.weekly_charge == Decimal("11.30")  # 260 − 228.70 MIG − 20 standard DRE
    plan = ready_plan(eligible_person, eligible_person.user)
    _to_approval(plan, eligible_person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    plan.refresh_from_db()
    assert plan.weekly_contribution == Decimal("11.30")
    assert plan.weekly_la_share == Decimal("138.70")
    assert plan.weekly_direct_payment == Decimal("138.70")  # paid net


def test_a_full_cost_payer_pays_the_approved_cost_not_the_figure_assessed_before(
    eligible_person, social_worker, approver, finance_officer
):
    from assessments.financial import services as financial

    draft = financial.financial_assessment_start(person=eligible_person, started_by=finance_officer)
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={"declined_to_disclose": True},
    )
    done = financial.financial_assessment_complete(assessment=draft, user=finance_officer)
    assert done.full_cost and done.weekly_charge is None  # no cost until a plan is approved
    plan = ready_plan(eligible_person, eligible_person.user)  # £150 a week
    _to_approval(plan, eligible_person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision=APPROVE)
    plan.refresh_from_db()
    assert plan.weekly_contribution == Decimal("150.00")
    assert plan.weekly_la_share == Decimal("0.00")


def test_the_persons_history_shows_assessment_and_plan_changes(
    client, eligible_person, social_worker
):
    plan = ready_plan(eligible_person, eligible_person.user)
    client.force_login(eligible_person.user)
    from django.urls import reverse

    page = client.get(reverse("people:history", args=[eligible_person.id])).text
    assert "Eligibility decision" in page and "Indicative budget" in page
    assert f"Support plan, revision {plan.revision}" in page and "Personal assistant" in page
