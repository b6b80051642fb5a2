"""Writes for support plans: writing, checking, approving, referring, revising and challenging
them.

Who may approve a plan (docs/domain.md: "a plan costing more than the indicative budget needs
escalation/approval at a higher level"): an approver's yearly limit (Membership.approval_limit,
empty for no limit) is what they may approve alone. A plan within the indicative budget can be
approved by any approver whose limit covers its yearly cost. The higher level for a plan over the
indicative budget is a senior approver: one with no yearly limit. An approver who cannot approve
a plan at their level refers it, with a reason, to one who can (`plan_refer`).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from assessments.financial.services import weekly_contribution
from assessments.models import FinancialAssessment, NeedsAssessment
from core.db import create_unique
from core.errors import DomainError
from people import access
from people.models import Organisation, Person, User

from .costing import PlanCosts, Totals, compare_with_indicative, plan_costs, plan_totals
from .limits import line_problems, problems_of
from .models import (
    ApprovalDecision,
    BudgetChallenge,
    ChartRow,
    Management,
    PlanOutcome,
    PlanReferral,
    Relationship,
    SupportLine,
    SupportPlan,
)
from .signals import plan_approved
from .tools import CIRCLE_KEYS, COMMUNICATION_KEYS, DECISIONS_KEYS

Status = SupportPlan.Status
SECTION_FIELDS = {
    "important": ["important_to", "important_for"],
    "profile": ["like_and_admire", "matters_to_me", "how_to_support"],
    "days": ["good_days", "bad_days", "routines"],
    "contingency": ["contingency_plan", "risks"],
}
DIRECT_PAYMENT_FREQUENCY = "every 4 weeks, in advance"


def _locked(plan: SupportPlan) -> SupportPlan:
    return SupportPlan.objects.select_for_update().get(pk=plan.pk)


def _check_writable(user: User, plan: SupportPlan) -> SupportPlan:
    """The plan under a row lock, if this user may change it now."""
    if not access.can_write_plan(user, plan.person):
        raise DomainError("You cannot change this support plan.")
    plan = _locked(plan)
    if not plan.is_editable:
        raise DomainError(
            f"This plan is {plan.get_status_display().lower()}, so it cannot be changed. "
            "To change an approved plan, start a new revision."
        )
    return plan


def eligible_assessment_for(person: Person) -> NeedsAssessment | None:
    """The latest completed assessment that found eligible needs."""
    return (
        NeedsAssessment.objects.eligible().filter(person=person).order_by("-completed_at").first()
    )


def indicative_weekly(plan: SupportPlan) -> Decimal | None:
    budget = getattr(plan.assessment, "indicative_budget", None)
    return budget.weekly if budget else None


def totals(plan: SupportPlan) -> Totals:
    return plan_totals(plan.support_lines.all())


def comparison(plan: SupportPlan, plan_totals_now: Totals | None = None):
    """How the plan's cost compares with the indicative budget, in a plain sentence."""
    return compare_with_indicative(
        totals=plan_totals_now or totals(plan), indicative_weekly=indicative_weekly(plan)
    )


@transaction.atomic
def plan_start(*, person: Person, user: User) -> SupportPlan:
    """Start a support plan from the person's latest eligible assessment."""
    if not access.can_write_plan(user, person):
        raise DomainError("You cannot start a support plan for this person.")
    assessment = eligible_assessment_for(person)
    if assessment is None:
        raise DomainError(
            "A support plan starts from a completed assessment that found eligible needs. "
            "There is not one yet."
        )
    current = person.support_plans.current().first()
    if current is not None:
        raise DomainError(
            "There is already a support plan. Carry on with it, or start a new revision of it."
        )
    return create_unique(
        SupportPlan,
        message="There is already a support plan. Carry on with it.",
        person=person,
        assessment=assessment,
        created_by=user,
    )


@transaction.atomic
def plan_save_section(*, plan: SupportPlan, user: User, section: str, data: dict) -> SupportPlan:
    """Save one person-centred section (save and come back later)."""
    plan = _check_writable(user, plan)
    for name in SECTION_FIELDS[section]:
        if name in data:
            setattr(plan, name, (data[name] or "").strip())
    plan.save()
    return plan


@transaction.atomic
def relationship_add(*, plan: SupportPlan, user: User, details: dict) -> Relationship:
    """Add someone to the relationship circle."""
    plan = _check_writable(user, plan)
    if not details.get("name", "").strip():
        raise DomainError("Enter their name", field="name")
    return Relationship.objects.create(plan=plan, **details)


@transaction.atomic
def chart_row_add(*, plan: SupportPlan, user: User, details: dict) -> ChartRow:
    """Add a row to the communication chart, decision-making chart or doughnut."""
    plan = _check_writable(user, plan)
    if not details.get("first", "").strip():
        raise DomainError("Fill in the first column", field="first")
    return ChartRow.objects.create(plan=plan, **details)


@transaction.atomic
def outcome_add(*, plan: SupportPlan, user: User, in_my_words: str, eligible_needs: list):
    """Add an outcome in the person's own words, linked to the eligible needs it meets."""
    plan = _check_writable(user, plan)
    if not in_my_words.strip():
        raise DomainError("Write the outcome in your own words", field="in_my_words")
    allowed = set(plan_eligible_needs(plan))
    if not eligible_needs or set(eligible_needs) - allowed:
        raise DomainError(
            "Choose at least one of the eligible needs this outcome meets", field="eligible_needs"
        )
    return PlanOutcome.objects.create(
        plan=plan, in_my_words=in_my_words.strip(), eligible_needs=sorted(set(eligible_needs))
    )


def plan_eligible_needs(plan: SupportPlan) -> list[str]:
    """The outcomes the assessment found the person unable to achieve."""
    decision = getattr(plan.assessment, "eligibility", None)
    return list(decision.outcomes_not_achieved) if decision else []


def _check_line(plan: SupportPlan, details: dict, outcomes) -> None:
    if details["quantity_per_week"] < 0 or details["unit_cost"] < 0:
        raise DomainError("Amounts cannot be negative", field="unit_cost")
    if details["quantity_per_week"] == 0:
        raise DomainError("Enter a number above 0", field="quantity_per_week")
    if details["unit"] == SupportLine.Unit.ONE_OFF or details.get("weeks_a_year") is None:
        details["weeks_a_year"] = 52  # a one-off is paid once, whatever the weeks say
    problems = line_problems(
        provider_kind=details["provider_kind"],
        quantity=details["quantity_per_week"],
        unit=details["unit"],
        unit_cost=details["unit_cost"],
        weeks_a_year=details["weeks_a_year"],
    )
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)
    if details["provider_kind"] == SupportLine.ProviderKind.PROVIDER and not details.get(
        "provider"
    ):
        raise DomainError("Choose the provider", field="provider")
    if details.get("provider") and details["provider"].kind != Organisation.Kind.PROVIDER:
        raise DomainError("Choose a provider from the list", field="provider")
    if details.get("payee") and details["payee"].plan_id != plan.id:
        raise DomainError("Choose someone from the relationship circle", field="payee")
    if details["management"] == SupportLine.Management.DIRECT_PAYMENT:
        if not details.get("dp_holder"):
            raise DomainError("Choose who holds the direct payment", field="dp_holder")
        if not details.get("account_type"):
            raise DomainError(
                "Choose the kind of account for the direct payment", field="account_type"
            )
    else:
        details["dp_holder"] = details["account_type"] = ""
    if not outcomes or any(outcome.plan_id != plan.id for outcome in outcomes):
        raise DomainError("Choose the outcomes this support helps with", field="outcomes")


@transaction.atomic
def support_line_add(*, plan: SupportPlan, user: User, details: dict, outcomes) -> SupportLine:
    """Add a costed line of support and the outcomes it serves."""
    plan = _check_writable(user, plan)
    details = dict(details)
    _check_line(plan, details, list(outcomes))
    line = SupportLine.objects.create(plan=plan, **details)
    line.outcomes.set(outcomes)
    return line


@transaction.atomic
def support_line_update(
    *, plan: SupportPlan, user: User, line: SupportLine, details: dict, outcomes
) -> SupportLine:
    """Change a costed line of support and the outcomes it serves, with the same checks as adding
    one. A change of who is paid, or of how the money is managed, clears the council's decision
    that paying a close relative is necessary: it was about the line as it was."""
    plan = _check_writable(user, plan)
    line = SupportLine.objects.select_for_update().filter(pk=line.pk, plan=plan).first()
    if line is None:
        raise DomainError("That support is not part of this plan.")
    details = dict(details)
    _check_line(plan, details, list(outcomes))
    payee = details.get("payee")
    if (payee.pk if payee else None) != line.payee_id or details["management"] != line.management:
        line.necessary_decision, line.necessary_decided_by, line.necessary_decided_at = (
            "",
            None,
            None,
        )
    for name, value in details.items():
        setattr(line, name, value)
    line.save()
    line.outcomes.set(outcomes)
    return line


@transaction.atomic
def plan_part_remove(*, plan: SupportPlan, user: User, part) -> None:
    """Remove a relationship, chart row, outcome or support line added by mistake."""
    plan = _check_writable(user, plan)
    if part.plan_id != plan.id:
        raise DomainError("That is not part of this plan.")
    part.delete()


def lines_needing_necessary_decision(plan: SupportPlan):
    """Direct payment lines that pay someone the rules say needs a 'necessary' decision."""
    lines = plan.support_lines.filter(
        management=SupportLine.Management.DIRECT_PAYMENT, payee__isnull=False
    ).select_related("payee")
    return [line for line in lines if line.payee.needs_necessary_decision]


def submission_problems(plan: SupportPlan) -> list[str]:
    """What must be done before the plan can be sent to the council."""
    problems = []
    if not plan.outcomes.exists():
        problems.append("Add at least one outcome in your own words")
    lines = list(plan.support_lines.prefetch_related("outcomes"))
    if not lines:
        problems.append("Add the support that will meet your outcomes, with what it costs")
    problems += [
        f"Link '{line}' to the outcomes it helps with" for line in lines if not line.outcomes.all()
    ]
    problems += [
        f"Change '{line}': {message}" for line in lines for _, message in problems_of(line)
    ]
    if not plan.contingency_plan.strip():
        problems.append("Say what happens if your support breaks down (contingency plan)")
    return problems


@transaction.atomic
def plan_submit(*, plan: SupportPlan, user: User) -> SupportPlan:
    """Send the plan to the council to be checked and approved."""
    plan = _check_writable(user, plan)
    problems = submission_problems(plan)
    if problems:
        raise DomainError("Before you send the plan: " + "; ".join(problems) + ".")
    plan.status = Status.SUBMITTED
    plan.submitted_at, plan.submitted_by = timezone.now(), user
    plan.save()
    return plan


def writer_or_sender(plan: SupportPlan, user: User) -> bool:
    """The user started or sent this plan: the check and the approval must be someone else's."""
    return user.id in {plan.created_by_id, plan.submitted_by_id}


@transaction.atomic
def plan_check(*, plan: SupportPlan, user: User) -> SupportPlan:
    """The social worker has checked the plan: it goes to an approver."""
    if not access.can_check_plan(user, plan.person):
        raise DomainError("Only a social worker can check a plan.")
    plan = _locked(plan)
    if plan.status != Status.SUBMITTED:
        raise DomainError("Only a plan that has been sent can be checked.")
    if writer_or_sender(plan, user):
        raise DomainError(
            "You wrote or sent this plan, so someone else must check it. Ask another social "
            "worker at the council."
        )
    plan.status = Status.CHECKED
    plan.checked_at, plan.checked_by = timezone.now(), user
    plan.save()
    return plan


@transaction.atomic
def necessary_decision_record(
    *, line: SupportLine, user: User, ground: str, decision: str
) -> SupportLine:
    """Record the council's decision that paying a close relative or partner is necessary, on
    which of the two grounds, and why. It covers the person the line pays, no one else."""
    if not access.can_assess(user, line.plan.person):
        raise DomainError("Only council staff can record this decision.")
    if ground not in SupportLine.NecessaryGround.values:
        raise DomainError(
            "Choose whether it is necessary for their care or to manage the payment",
            field="ground",
        )
    if not decision.strip():
        raise DomainError("Say why paying this person is necessary", field="decision")
    line = SupportLine.objects.select_for_update().get(pk=line.pk)
    line.necessary_ground = ground
    line.necessary_decision = decision.strip()
    line.necessary_decided_by, line.necessary_decided_at = user, timezone.now()
    line.save()
    return line


@dataclass(frozen=True)
class Level:
    """What it takes to approve a plan: its yearly cost, and whether it needs a senior approver
    (one with no yearly limit) because it costs more than the indicative budget."""

    annual: Decimal
    needs_senior: bool

    def covers(self, limit: Decimal | None) -> bool:
        """Whether an approver with this yearly limit (None: no limit) may approve the plan."""
        if limit is None:
            return True
        return not self.needs_senior and self.annual <= limit

    @property
    def who(self) -> str:
        """Who can approve it, in a phrase."""
        if self.needs_senior:
            return "a senior approver: an approver with no yearly limit"
        return f"an approver whose yearly limit is at least £{self.annual:,.2f}"


def approval_level(plan: SupportPlan, plan_totals_now: Totals | None = None) -> Level:
    plan_totals_now = plan_totals_now or totals(plan)
    over = comparison(plan, plan_totals_now).status == "over"
    return Level(annual=plan_totals_now.annual, needs_senior=over)


def level_blockers(level: Level, limit: Decimal | None) -> list[str]:
    """Why an approver with this yearly limit may not approve a plan at this level."""
    blockers = []
    if level.needs_senior and limit is not None:
        blockers.append(
            "This plan costs more than the indicative budget, so it needs a senior approver: "
            "an approver with no yearly limit."
        )
    if limit is not None and level.annual > limit:
        blockers.append(
            f"This plan costs £{level.annual:,.2f} a year, above your approval limit "
            f"of £{limit:,.2f}."
        )
    return blockers


def approval_blockers(
    plan: SupportPlan, user: User, plan_totals_now: Totals | None = None
) -> list[str]:
    """Why this user may not approve this plan now (empty when they may)."""
    is_approver, limit = access.approver_limit(user, plan.person)
    if not is_approver:
        return ["Only an approver at the person's council can approve a plan."]
    blockers = []
    if user.id in {plan.created_by_id, plan.submitted_by_id, plan.checked_by_id}:
        blockers.append("You wrote, sent or checked this plan, so someone else must approve it.")
    if plan.status != Status.CHECKED:
        blockers.append("The plan must be checked by a social worker first.")
    blockers += level_blockers(approval_level(plan, plan_totals_now), limit)
    lines = list(plan.support_lines.all())
    blockers += [
        f"'{line}': {message}. Ask for changes to the plan."
        for line in lines
        for _, message in problems_of(line)
    ]
    undecided = [
        line for line in lines_needing_necessary_decision(plan) if not line.necessary_decision
    ]
    blockers += [
        f"'{line}' pays {line.payee.name}, a close relative or partner: record the council's "
        "decision that this is necessary first."
        for line in undecided
    ]
    return blockers


def who_can_approve(plan: SupportPlan, plan_totals_now: Totals | None = None) -> list:
    """[(approver, yearly limit or None)] at the person's council who may approve this plan at
    its level, leaving out anyone who wrote, sent or checked it."""
    level = approval_level(plan, plan_totals_now)
    involved = {plan.created_by_id, plan.submitted_by_id, plan.checked_by_id}
    return [
        (approver, limit)
        for approver, limit in access.approvers_for(plan.person)
        if level.covers(limit) and approver.id not in involved
    ]


def can_be_approved(plan: SupportPlan, plan_totals_now: Totals | None = None) -> bool:
    """Whether anyone at the council could approve the plan's costs as they stand: every line
    keeps to the limits, and some approver's level covers the plan."""
    if any(problems_of(line) for line in plan.support_lines.all()):
        return False
    level = approval_level(plan, plan_totals_now)
    return any(level.covers(limit) for _, limit in access.approvers_for(plan.person))


@transaction.atomic
def plan_refer(*, plan: SupportPlan, user: User, to: User | None, reason: str) -> PlanReferral:
    """An approver refers a plan waiting for approval to an approver who can approve it at its
    level, saying why. The plan waits for that approver; its status does not change."""
    is_approver, _ = access.approver_limit(user, plan.person)
    if not is_approver:
        raise DomainError("Only an approver at the person's council can refer a plan.")
    plan = _locked(plan)
    if plan.status != Status.CHECKED:
        raise DomainError("Only a plan waiting for approval can be referred.")
    allowed = {approver.id for approver, _ in who_can_approve(plan)} - {user.id}
    if to is None or to.id not in allowed:
        raise DomainError(
            "Choose an approver from the list: they must be able to approve this plan",
            field="referred_to",
        )
    if not reason.strip():
        raise DomainError("Say why you are referring the plan", field="reason")
    return create_unique(
        PlanReferral,
        message=f"This plan has already been referred to {to}.",
        plan=plan,
        referred_by=user,
        referred_to=to,
        reason=reason.strip(),
        plan_checked_at=plan.checked_at,
    )


def _contribution(person: Person, weekly_total: Decimal) -> Decimal:
    return weekly_contribution(person=person, weekly_cost=weekly_total).weekly


def _fix_budget(plan: SupportPlan, costs: PlanCosts) -> None:
    """Approval (of a first plan or a revision) fixes the final personal budget: the
    contribution worked out afresh against the cost just approved, the LA share and the direct
    payment. A contribution that covers the whole budget means the council pays nothing: there is
    no direct payment, and the person arranges and pays for their own care."""
    weekly = costs.totals.weekly
    contribution = _contribution(plan.person, weekly)
    dp_weekly = costs.weekly_by_part.get((Management.DIRECT_PAYMENT, None), Decimal("0.00"))
    plan.weekly_total = weekly
    plan.weekly_contribution = contribution
    plan.weekly_la_share = weekly - contribution
    if plan.council_pays_nothing:
        plan.weekly_direct_payment, plan.direct_payment_frequency = Decimal("0.00"), ""
        return
    # The council pays the direct payment net: the person pays their contribution into it.
    plan.weekly_direct_payment = max(dp_weekly - contribution, Decimal("0.00"))
    plan.direct_payment_frequency = DIRECT_PAYMENT_FREQUENCY if dp_weekly else ""


@transaction.atomic
def plan_decide(
    *, plan: SupportPlan, user: User, decision: str, reason: str = ""
) -> ApprovalDecision:
    """An approver approves the plan, asks for changes, or declines it, giving reasons."""
    plan = _locked(plan)
    costs = plan_costs(plan.support_lines.all())  # costed once for the whole decision
    if decision == ApprovalDecision.Decision.APPROVED:
        _approve(plan, user, costs)
    else:
        _check_may_decide(plan, user, reason)
        plan.status = (
            Status.CHANGES_REQUESTED
            if decision == ApprovalDecision.Decision.CHANGES_REQUESTED
            else Status.DECLINED
        )
        plan.save()
    made = ApprovalDecision.objects.create(
        plan=plan,
        decision=decision,
        reason=reason.strip(),
        decided_by=user,
        weekly_total=costs.totals.weekly,
        without_financial_assessment=(
            decision == ApprovalDecision.Decision.APPROVED
            and not has_financial_assessment(plan.person)
        ),
    )
    if decision == ApprovalDecision.Decision.APPROVED:
        # Once the decision is recorded: reviews' clocks start from it. A listener that fails
        # rolls the approval back: an approved plan always has its budget.
        plan_approved.send(sender=SupportPlan, plan=plan, costs=costs)
    return made


def has_financial_assessment(person: Person) -> bool:
    """Whether the person has a completed financial assessment (what they pay is known)."""
    return FinancialAssessment.objects.latest_completed_for(person) is not None


def _approve(plan: SupportPlan, user: User, costs: PlanCosts) -> None:
    """Approve the plan, fix its budget and supersede the revision before it, in the caller's
    transaction (which then tells the apps that listen: plan_decide)."""
    blockers = approval_blockers(plan, user, costs.totals)
    if blockers:
        raise DomainError(" ".join(blockers))
    _fix_budget(plan, costs)
    plan.status = Status.APPROVED
    if plan.previous_id:
        SupportPlan.objects.filter(pk=plan.previous_id).update(status=Status.SUPERSEDED)
    plan.save()


def _check_may_decide(plan: SupportPlan, user: User, reason: str) -> None:
    is_approver, _ = access.approver_limit(user, plan.person)
    if not is_approver:
        raise DomainError("Only an approver at the person's council can decide on a plan.")
    if plan.status != Status.CHECKED:
        raise DomainError("Only a plan waiting for approval can be decided.")
    if not reason.strip():
        raise DomainError("Give the reason, so the person knows what to do next", field="reason")


def _copy_parts(source: SupportPlan, target: SupportPlan) -> None:
    people = {}
    for relationship in source.relationships.all():
        old_id = relationship.pk
        relationship.pk, relationship.plan = None, target
        relationship.save()
        people[old_id] = relationship
    for row in source.chart_rows.all():
        row.pk, row.plan = None, target
        row.save()
    outcomes = {}
    for outcome in source.outcomes.all():
        old_id = outcome.pk
        outcome.pk, outcome.plan = None, target
        outcome.save()
        outcomes[old_id] = outcome
    for line in source.support_lines.prefetch_related("outcomes"):
        linked = [outcomes[o.pk] for o in line.outcomes.all()]
        line.carried_from_id = line.pk
        line.pk, line.plan = None, target
        line.payee = people.get(line.payee_id)
        line.save()
        line.outcomes.set(linked)


PLAN_TEXT_FIELDS = [f for fields in SECTION_FIELDS.values() for f in fields]


@transaction.atomic
def plan_revise(*, plan: SupportPlan, user: User, reason: str) -> SupportPlan:
    """Start a new revision from an approved (or declined) plan; the old one stays as it was."""
    if not access.can_write_plan(user, plan.person):
        raise DomainError("You cannot change this support plan.")
    plan = _locked(plan)
    if plan.status not in {Status.APPROVED, Status.DECLINED}:
        raise DomainError(
            "Only an approved or declined plan can be revised. Change this one instead."
        )
    if hasattr(plan, "next_revision"):
        raise DomainError("A newer revision of this plan already exists.")
    if not reason.strip():
        raise DomainError("Say why the plan is changing", field="reason")
    revision = create_unique(
        SupportPlan,
        message="A newer revision of this plan already exists.",
        person=plan.person,
        assessment=eligible_assessment_for(plan.person) or plan.assessment,
        revision=plan.revision + 1,
        previous=plan,
        created_by=user,
        change_reason=reason.strip(),
        **{name: getattr(plan, name) for name in PLAN_TEXT_FIELDS},
    )
    if plan.status == Status.DECLINED:
        plan.status = Status.SUPERSEDED
        plan.save()
    _copy_parts(plan, revision)
    return revision


@transaction.atomic
def challenge_raise(*, plan: SupportPlan, user: User, what_is_wrong: str) -> BudgetChallenge:
    """The person challenges the budget figure; it is routed to an approver."""
    if not access.is_self_or_representative(user, plan.person):
        raise DomainError("Only the person or their representative can challenge the budget.")
    plan = _locked(plan)
    if plan.status not in {Status.APPROVED, Status.DECLINED}:
        raise DomainError("You can challenge the budget once the council has decided on the plan.")
    if not what_is_wrong.strip():
        raise DomainError("Tell us what you think is wrong with the budget", field="what_is_wrong")
    return BudgetChallenge.objects.create(
        plan=plan, raised_by=user, what_is_wrong=what_is_wrong.strip()
    )


@transaction.atomic
def challenge_answer(*, challenge: BudgetChallenge, user: User, answer: str) -> BudgetChallenge:
    """An approver answers a challenge, saying what happens next."""
    is_approver, _ = access.approver_limit(user, challenge.plan.person)
    if not is_approver:
        raise DomainError("Only an approver can answer a challenge.")
    challenge = BudgetChallenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status == BudgetChallenge.Status.ANSWERED:
        raise DomainError("This challenge has already been answered.")
    if not answer.strip():
        raise DomainError("Write your answer", field="answer")
    challenge.answer, challenge.status = answer.strip(), BudgetChallenge.Status.ANSWERED
    challenge.answered_by, challenge.answered_at = user, timezone.now()
    challenge.save()
    return challenge


@transaction.atomic
def plan_revision_start_from_review(
    *, person: Person, user: User, reason: str, sections: dict, tools: dict | None = None
) -> SupportPlan:
    """A review decided the plan should change: start a new revision of the approved plan, as
    plan_revise does, with the person-centred sections and tools (support_plans.tools: the
    relationship circle, communication and decision-making charts) the review renewed filled
    in. It goes back through checking and approval like any revision."""
    plan = person.support_plans.filter(status=Status.APPROVED).order_by("-revision").first()
    if plan is None:
        raise DomainError("There is no approved support plan to revise.")
    revision = plan_revise(plan=plan, user=user, reason=reason)
    renewed = {name: (value or "").strip() for name, value in sections.items()}
    for name in PLAN_TEXT_FIELDS:
        if renewed.get(name):
            setattr(revision, name, renewed[name])
    revision.save()
    _carry_tools(revision, tools or {})
    return revision


def _carry_tools(revision: SupportPlan, tools: dict) -> None:
    """The review's circle and charts replace the revision's. Someone in the circle keeps their
    row (found by name), so a support line paying them still does; someone the review left out
    stays while a support line pays them, until the revision changes that line."""
    if "circle" in tools:
        rows = {r.name.strip().lower(): r for r in revision.relationships.all()}
        named = set()
        for row in tools["circle"]:
            values = {key: row.get(key) or "" for key in CIRCLE_KEYS}
            values["lives_with_me"] = bool(row.get("lives_with_me"))
            found = rows.get(values["name"].strip().lower())
            named.add(values["name"].strip().lower())
            if found is None:
                Relationship.objects.create(plan=revision, **values)
                continue
            for key, value in values.items():
                setattr(found, key, value)
            found.save()
        for key, row in rows.items():
            if key not in named and not row.paid_lines.exists():
                row.delete()
    charts = {
        ChartRow.Chart.COMMUNICATION: COMMUNICATION_KEYS,
        ChartRow.Chart.DECISIONS: DECISIONS_KEYS,
    }
    for chart, keys in charts.items():
        if chart.value not in tools:
            continue
        revision.chart_rows.filter(chart=chart).delete()
        for row in tools[chart.value]:
            ChartRow.objects.create(
                plan=revision, chart=chart, **{key: row.get(key) or "" for key in keys}
            )
