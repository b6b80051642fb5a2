"""Matrix entries for the council's review of support plans, challenges and the provider's view.

Checking is for social workers and administrators; deciding and answering challenges for
approvers; the decisions and what changed for the person, their representative and the council;
the provider pages for provider staff; a person's outcomes only for the provider they agreed to.
"""

from . import CASE_VIEW, PERSON, SELF, allow

LA_STAFF = CASE_VIEW | {"other_la_staff"}
CHECKERS = {"social_worker", "la_admin"}
APPROVERS = {"approver"}
PROVIDERS = {"provider_user", "other_provider_user"}


def _plan(key: str):
    def kwargs(scenario) -> dict:
        return {"person_id": scenario["subject"].id, "plan_id": scenario[key].id}

    return kwargs


def _challenge(scenario) -> dict:
    return {"person_id": scenario["subject"].id, "challenge_id": scenario["challenge"].id}


ENTRIES = {
    "plan_approval:queue": (None, allow(LA_STAFF)),
    "plan_approval:check": (_plan("approved_plan"), allow(CHECKERS)),
    "plan_approval:decide": (_plan("approved_plan"), allow(APPROVERS)),
    "plan_approval:refer": (_plan("approved_plan"), allow(APPROVERS)),
    "plan_approval:compare": (_plan("revised_plan"), allow(SELF | CASE_VIEW)),
    "plan_approval:decisions": (PERSON, allow(SELF | CASE_VIEW)),
    "plan_approval:challenge": (_plan("approved_plan"), allow(SELF)),
    "plan_approval:challenge_answer": (_challenge, allow(APPROVERS)),
    "plan_approval:provider_people": (None, allow(PROVIDERS)),
    "plan_approval:provider_person": (PERSON, allow({"provider_user"})),
}


def approved_plan_for(person, users, provider):
    """The person's approved plan, with a line the consented provider delivers: reused or made."""
    from support_plans import services
    from support_plans.models import SupportPlan
    from tests.builders import add_line, complete_eligible_assessment, ready_plan

    approved = person.support_plans.filter(status=SupportPlan.Status.APPROVED).first()
    if approved is not None:
        return approved
    assert not person.support_plans.current().exists(), (
        "plan_approval needs the subject's plan approved: another extender left one unfinished"
    )
    if services.eligible_assessment_for(person) is None:
        complete_eligible_assessment(person, users["social_worker"], indicative_weekly="300.00")
    plan = ready_plan(person, person.user)
    add_line(
        plan,
        person.user,
        description="Morning visits to help me get up",
        quantity="7",
        cost="21.50",
        management="council_managed",
        provider=provider,
    )
    services.plan_submit(plan=plan, user=person.user)
    services.plan_check(plan=plan, user=users["social_worker"])
    services.plan_decide(plan=plan, user=users["approver"], decision="approved")
    plan.refresh_from_db()
    return plan


def extend_scenario(scenario) -> None:
    """The subject's approved plan (shared with Brightside), a challenge, and a draft revision 2.

    Sam is left with a current, editable revision 2, so other areas can reuse
    `person.support_plans.current().first()` rather than starting a plan (which is refused).
    """
    from support_plans import services

    subject, users = scenario["subject"], scenario["users"]
    approved = approved_plan_for(subject, users, scenario["consent"].provider)
    challenge = services.challenge_raise(
        plan=approved, user=subject.user, what_is_wrong="The morning visits cost more than this."
    )
    revised = getattr(approved, "next_revision", None) or services.plan_revise(
        plan=approved, user=subject.user, reason="My mornings have changed"
    )
    services.plan_save_section(
        plan=revised,
        user=subject.user,
        section="important",
        data={"important_to": "Getting to the allotment on Saturdays"},
    )
    scenario.update(approved_plan=approved, challenge=challenge, revised_plan=revised)
