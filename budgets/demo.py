"""Demo data for budgets: a short list of spending each demo council does not allow, and budgets
with a direct payment for Sam (person@example.org), Peggy (managed by David, her nominated person)
and Tom (managed by Ruth, his attorney), made through the real services, with the first payment
run and Sam's first payments.

Safe to run again: the list is get-or-create, and a person is skipped once they have a budget
(or while a plan of theirs is being written, which the services would refuse to start again).
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
        "wellbeing": {
            "wellbeing_areas": ["health", "control"],
            "wellbeing_significant": True,
            "wellbeing_impact_timing": "current",
        },
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


def _line(description: str, hours: str, holder: str) -> dict:
    return {
        "description": description,
        "provider_kind": "personal_assistant",
        "provider": None,
        "payee": None,
        "quantity_per_week": Decimal(hours),
        "unit": "hour",
        "unit_cost": Decimal("15.00"),
        "management": "direct_payment",
        "dp_holder": holder,
        "account_type": "bank",
    }


def _approved_plan(person: Person, writer: User, staff: dict, lines: list) -> None:
    """A plan written by the person (or their representative), checked and approved."""
    holder = "person" if person.user_id == writer.pk else "representative"
    plan = plans.plan_start(person=person, user=writer)
    for words, need, description, hours in lines:
        outcome = plans.outcome_add(
            plan=plan, user=writer, in_my_words=words, eligible_needs=[need]
        )
        plans.support_line_add(
            plan=plan, user=writer, outcomes=[outcome], details=_line(description, hours, holder)
        )
    plans.plan_save_section(
        plan=plan,
        user=writer,
        section="contingency",
        data={"contingency_plan": "Family cover if the PA is ill", "risks": ""},
    )
    plans.plan_submit(plan=plan, user=writer)
    plans.plan_check(plan=plan, user=staff["social.worker@example.org"])
    plans.plan_decide(plan=plan, user=staff["approver@example.org"], decision="approved")


SAM_LINES = [
    (
        "I want to get washed and dressed by 9, so I can get to work",
        Outcome.PERSONAL_HYGIENE,
        "Personal assistant in the mornings",
        "7",
    ),
    (
        "I want to cook a proper meal most evenings",
        Outcome.NUTRITION,
        "Help to cook in the evenings",
        "3",
    ),
]
# Peggy (David, her son, is her nominated person) and Tom (Ruth, his sister, is his attorney).
REPRESENTED = {
    ("Margaret", "Hughes"): (
        "nominated@example.org",
        [("I want to stay in my own home", Outcome.PERSONAL_HYGIENE, "Morning visits", "8")],
    ),
    ("Thomas", "Reid"): (
        "authorised@example.org",
        [("Tom wants a hot meal every day", Outcome.NUTRITION, "Help with meals", "6")],
    ),
}


def _spending(sam: Person) -> None:
    budget = sam.budgets.get()
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
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


def _needs_budget(person: Person | None) -> bool:
    return person is not None and not (
        person.budgets.exists() or person.support_plans.current().exists()
    )


def _budget(person: Person, writer: User, staff: dict, lines: list) -> bool:
    """An eligible assessment and an approved plan, so a budget; False if there was one."""
    if not _needs_budget(person):
        return False
    if plans.eligible_assessment_for(person) is None:
        _eligible_assessment(person, staff["social.worker@example.org"])
    _approved_plan(person, writer, staff, lines)
    return True


def _budgets() -> None:
    """Budgets for Sam, Peggy and Tom, the first payment run, and Sam's first payments."""
    staff = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    sam = Person.objects.filter(user__email="person@example.org").select_related("user").first()
    made = sam is not None and _budget(sam, sam.user, staff, SAM_LINES)
    for (first, last), (email, lines) in REPRESENTED.items():
        person = Person.objects.filter(first_name=first, last_name=last).first()
        if person is not None and email in staff:
            made = _budget(person, staff[email], staff, lines) or made
    if made and sam is not None:
        council, today = sam.local_authority, sam.budgets.get().starts_on
        runs.payment_run(authority=council, cycle_start=today, run_by=staff["finance@example.org"])
        _spending(sam)


@transaction.atomic
def seed_demo() -> None:
    """The short disallowed-spending list for every demo council, the demo budgets, and the
    personal assistants Peggy and Tom employ."""
    from .employment.demo import seed_demo as seed_employment
    from .monitoring.rows import rows_refresh_all

    for council in Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY):
        ensure_disallowed_spending(council)
    _budgets()
    seed_employment()
    # Some demo records are written straight to the database, not through the services.
    rows_refresh_all()
