"""Matrix entries for writing, seeing, revising and downloading plans (support_plans/urls.py).

The person, their representative and council staff at the person's council see the plan; the
person, their representative and council casework staff write it; only council casework staff
record that paying a close relative is necessary. Providers, other councils, other people and
strangers get 404 everywhere, PDFs included.
"""

from . import CASE_EDIT, CASE_VIEW, LOGIN, PERSON, SELF, SIGNED_IN, allow

SEE = SELF | CASE_VIEW
WRITE = SELF | CASE_EDIT  # people.access.can_write_plan


def post_only(allowed: set) -> dict:
    """A page that only takes POST: 405 for a GET from those who may see the plan, else 404."""
    expected = {role: (405 if role in allowed else 404) for role in SIGNED_IN}
    expected["anonymous"] = LOGIN
    return expected


def _plan(key: str, **extra):
    def kwargs(scenario) -> dict:
        return {"plan_id": scenario[key].id, **extra}

    return kwargs


def _flagged_line(scenario) -> dict:
    return {"plan_id": scenario["plans_draft"].id, "line_id": scenario["plans_flagged_line"].id}


DRAFT, APPROVED = "plans_draft", "plans_approved"

ENTRIES = {
    "plans:person_plans": (PERSON, allow(SEE)),
    "plans:plan": (_plan(DRAFT), allow(SEE)),
    "plans:section": (_plan(DRAFT, section="profile"), allow(WRITE)),
    "plans:relationships": (_plan(DRAFT), allow(WRITE)),
    "plans:chart": (_plan(DRAFT, chart="doughnut"), allow(WRITE)),
    "plans:outcomes": (_plan(DRAFT), allow(WRITE)),
    "plans:support": (_plan(DRAFT), allow(WRITE)),
    "plans:support_add": (_plan(DRAFT), allow(WRITE)),
    "plans:support_change": (_flagged_line, allow(WRITE)),
    "plans:part_remove": (_plan(DRAFT, kind="support"), post_only(SEE)),
    "plans:check": (_plan(DRAFT), allow(WRITE)),
    "plans:necessary_decision": (_flagged_line, allow(CASE_EDIT)),
    "plans:revise": (_plan(APPROVED), allow(WRITE)),
    "plans:plan_pdf": (_plan(APPROVED), allow(SEE)),
    "plans:profile_pdf": (_plan(APPROVED), allow(SEE)),
}


def extend_scenario(scenario) -> None:
    """Sam's approved plan and a draft revision of it that pays his wife, who lives with him.

    Reuses what another area's extender already made: Sam can have only one plan in progress.
    """
    from support_plans import services
    from support_plans.models import SupportPlan
    from tests.builders import add_line, complete_eligible_assessment, ready_plan

    subject, users = scenario["subject"], scenario["users"]
    approved = subject.support_plans.filter(status=SupportPlan.Status.APPROVED).first()
    if approved is None:
        if services.eligible_assessment_for(subject) is None:
            complete_eligible_assessment(subject, users["social_worker"])
        approved = ready_plan(subject, subject.user)
        services.plan_save_section(
            plan=approved,
            user=subject.user,
            section="profile",
            data={"like_and_admire": "My jokes", "matters_to_me": "Bess", "how_to_support": ""},
        )
        services.plan_submit(plan=approved, user=subject.user)
        services.plan_check(plan=approved, user=users["social_worker"])
        services.plan_decide(plan=approved, user=users["approver"], decision="approved")
        approved.refresh_from_db()
    draft = getattr(approved, "next_revision", None) or services.plan_revise(
        plan=approved, user=subject.user, reason="Grace will help in the evenings"
    )
    wife = services.relationship_add(
        plan=draft,
        user=subject.user,
        details={"name": "Grace Okafor", "relationship_type": "spouse", "lives_with_me": True},
    )
    line = add_line(draft, subject.user, description="Evening help from Grace", payee=wife)
    scenario.update(plans_approved=approved, plans_draft=draft, plans_flagged_line=line)
