"""Demo data for budgets: a short list of spending each demo council does not allow, and a budget
for Sam (person@example.org) with a direct payment, made through the real services.

Safe to run again: the list is get-or-create, and Sam is skipped once he has a budget (or while
a plan of his is being written, which the services would refuse to start again).
"""

from decimal import Decimal

from django.db import transaction

from assessments import services as assessments
from assessments.models import NeedsAssessment, Outcome
from people.models import Organisation, Person, User
from support_plans import services as plans

from .models import BudgetPart, DisallowedSpending
from .payments import runs
from .spending import services as spending

# docs/domain.md "Local practice": guidance warns against long lists, so three, with common words.
DEFAULT_DISALLOWED = {
    "Alcohol": ["alcohol", "beer", "wine", "spirits", "vodka", "whisky", "lager", "off-licence"],
    "Tobacco": ["tobacco", "cigarettes", "cigars", "vape", "vaping"],
    "Gambling": ["gambling", "betting", "bookmaker", "bookies", "casino", "lottery"],
}


def ensure_disallowed_spending(authority: Organisation) -> None:
    """Give a council the short default list, leaving any list it already has alone."""
    for label, keywords in DEFAULT_DISALLOWED.items():
        DisallowedSpending.objects.get_or_create(
            authority=authority, label=label, defaults={"keywords": "\n".join(keywords)}
        )


def _eligible_assessment(sam: Person, assessor: User):
    unable = {Outcome.PERSONAL_HYGIENE: "a_lot", Outcome.NUTRITION: "some"}
    assessment = assessments.needs_assessment_start(
        person=sam, kind=NeedsAssessment.Kind.COUNCIL, started_by=assessor
    )
    sections = {
        "impairment": {"impairment": "Multiple sclerosis", "needs_from_impairment": True},
        "wellbeing": {"wellbeing_areas": ["health", "control"], "wellbeing_significant": True},
    }
    for section, data in sections.items():
        assessments.needs_assessment_save(
            assessment=assessment, user=assessor, section=section, data=data
        )
    for outcome in Outcome.values:
        severity = unable.get(outcome, "")
        assessments.outcome_answer_save(
            assessment=assessment,
            user=assessor,
            outcome=outcome,
            can_achieve=not severity,
            unable_meanings=["needs_assistance"] if severity else [],
            severity=severity,
            fluctuates=False,
            notes="",
        )
    assessments.needs_assessment_complete(assessment=assessment, user=assessor)
    assessments.eligibility_confirm(assessment=assessment, user=assessor, agrees=True)
    assessments.indicative_budget_set(
        assessment=assessment,
        user=assessor,
        override_weekly=Decimal("300.00"),
        reason="Agreed at the assessment meeting",
    )


def _approved_plan(sam: Person, assessor: User, approver: User):
    plan = plans.plan_start(person=sam, user=sam.user)
    outcome = plans.outcome_add(
        plan=plan,
        user=sam.user,
        in_my_words="I want to get washed and dressed by 9, so I can get to work",
        eligible_needs=[Outcome.PERSONAL_HYGIENE],
    )
    meals = plans.outcome_add(
        plan=plan,
        user=sam.user,
        in_my_words="I want to cook a proper meal most evenings",
        eligible_needs=[Outcome.NUTRITION],
    )
    for description, hours, outcomes in [
        ("Personal assistant in the mornings", "7", [outcome]),
        ("Help to cook in the evenings", "3", [meals]),
    ]:
        plans.support_line_add(
            plan=plan,
            user=sam.user,
            outcomes=outcomes,
            details={
                "description": description,
                "provider_kind": "personal_assistant",
                "provider": None,
                "payee": None,
                "quantity_per_week": Decimal(hours),
                "unit": "hour",
                "unit_cost": Decimal("15.00"),
                "management": "direct_payment",
                "dp_holder": "person",
                "account_type": "bank",
            },
        )
    plans.plan_save_section(
        plan=plan,
        user=sam.user,
        section="contingency",
        data={"contingency_plan": "My sister covers if my PA is ill", "risks": ""},
    )
    plans.plan_submit(plan=plan, user=sam.user)
    plans.plan_check(plan=plan, user=assessor)
    plans.plan_decide(plan=plan, user=approver, decision="approved")


def _payments(sam: Person, finance: User) -> None:
    budget = sam.budgets.get()
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    runs.payment_run(authority=sam.local_authority, cycle_start=budget.starts_on, run_by=finance)
    mornings, evenings = budget.plan.support_lines.order_by("created_at")
    spending.spending_log(
        part=part,
        user=sam.user,
        acting_for=sam,
        submission_key=f"demo:{part.id}",
        entries=[
            {
                "occurred_on": budget.starts_on,
                "payee": "Jo Bloggs (PA)",
                "amount": Decimal("105"),
                "support_line": mornings,
                "note": "First week of mornings",
            },
            {
                "occurred_on": budget.starts_on,
                "payee": "Jo Bloggs (PA)",
                "amount": Decimal("45"),
                "support_line": evenings,
                "note": "",
            },
            {
                "occurred_on": budget.starts_on,
                "payee": "Northby Taxis",
                "amount": Decimal("12.50"),
                "support_line": None,
                "note": "Taxi to the day centre open day",
            },
        ],
    )


def _sam_budget() -> None:
    sam = Person.objects.filter(user__email="person@example.org").select_related("user").first()
    if sam is None or sam.budgets.exists() or sam.support_plans.current().exists():
        return
    staff = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    assessor, approver = staff["social.worker@example.org"], staff["approver@example.org"]
    if plans.eligible_assessment_for(sam) is None:
        _eligible_assessment(sam, assessor)
    _approved_plan(sam, assessor, approver)
    _payments(sam, staff["finance@example.org"])


@transaction.atomic
def seed_demo() -> None:
    """The short disallowed-spending list for every demo council, and Sam's budget."""
    for council in Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY):
        ensure_disallowed_spending(council)
    _sam_budget()
