"""An eligible, completed assessment with an indicative budget: where every plan starts."""

from datetime import date
from decimal import Decimal

import pytest

from assessments import services as assessment_services
from assessments.defaults import ensure_allocation_table
from assessments.models import NeedsAssessment, Outcome
from people.models import StaffRole
from support_plans import services
from support_plans.models import SupportLine

from ..factories import staff_user

UNABLE = {Outcome.PERSONAL_HYGIENE: "a_lot", Outcome.NUTRITION: "some", Outcome.COMMUNITY: "some"}


def complete_eligible_assessment(person, assessor, *, indicative_weekly=None):
    """Run a council assessment through the real services to an eligible decision."""
    ensure_allocation_table(person.local_authority, date(2020, 4, 1))
    assessment = assessment_services.needs_assessment_start(
        person=person, kind=NeedsAssessment.Kind.COUNCIL, started_by=assessor
    )
    assessment_services.needs_assessment_save(
        assessment=assessment,
        user=assessor,
        section="impairment",
        data={"impairment": "Multiple sclerosis", "needs_from_impairment": True},
    )
    assessment_services.needs_assessment_save(
        assessment=assessment,
        user=assessor,
        section="wellbeing",
        data={"wellbeing_areas": ["health", "control"], "wellbeing_significant": True},
    )
    for outcome in Outcome.values:
        severity = UNABLE.get(outcome, "")
        assessment_services.outcome_answer_save(
            assessment=assessment,
            user=assessor,
            outcome=outcome,
            can_achieve=not severity,
            unable_meanings=["needs_assistance"] if severity else [],
            severity=severity,
            fluctuates=False,
            notes="",
        )
    assessment_services.needs_assessment_complete(assessment=assessment, user=assessor)
    assessment_services.eligibility_confirm(assessment=assessment, user=assessor, agrees=True)
    override = Decimal(indicative_weekly) if indicative_weekly is not None else None
    assessment_services.indicative_budget_set(
        assessment=assessment,
        user=assessor,
        override_weekly=override,
        reason="Agreed at the assessment meeting" if override is not None else "",
    )
    return assessment


@pytest.fixture
def eligible_person(person, social_worker):
    """Sam, assessed as eligible with an indicative budget of £300 a week."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    return person


@pytest.fixture
def senior_approver(council):
    """An approver with no spending limit."""
    return staff_user(council, StaffRole.APPROVER, full_name="Dana Senior")


@pytest.fixture
def limited_approver(council):
    from djmoney.money import Money

    user = staff_user(council, StaffRole.APPROVER, full_name="Lee Limited")
    membership = user.memberships.get()
    membership.approval_limit = Money(10000, "GBP")
    membership.save()
    return user


def add_line(
    plan,
    user,
    *,
    description="Personal assistant",
    quantity="10",
    unit="hour",
    cost="15.00",
    management=SupportLine.Management.DIRECT_PAYMENT,
    payee=None,
    provider=None,
    provider_kind=None,
):
    outcome = plan.outcomes.first() or services.outcome_add(
        plan=plan,
        user=user,
        in_my_words="I want to get washed and dressed by 9",
        eligible_needs=[Outcome.PERSONAL_HYGIENE],
    )
    details = {
        "description": description,
        "provider_kind": provider_kind or ("provider" if provider else "personal_assistant"),
        "provider": provider,
        "payee": payee,
        "quantity_per_week": Decimal(quantity),
        "unit": unit,
        "unit_cost": Decimal(cost),
        "management": management,
        "dp_holder": "person" if management == "direct_payment" else "",
        "account_type": "bank" if management == "direct_payment" else "",
    }
    return services.support_line_add(plan=plan, user=user, details=details, outcomes=[outcome])


def ready_plan(person, writer):
    """A plan with an outcome, a £150-a-week line and a contingency plan, not yet sent."""
    plan = services.plan_start(person=person, user=writer)
    add_line(plan, writer)
    services.plan_save_section(
        plan=plan,
        user=writer,
        section="contingency",
        data={"contingency_plan": "My sister covers if my PA is ill", "risks": ""},
    )
    return plan
