"""Council review of support plans (queue, check, decide, refer to an approver who can approve it,
challenges, what changed) and the provider's view of the outcomes they help with.

Staff and people load plans through `SupportPlan.objects.visible_to`; providers only through
`shared_with_provider` and `delivered_by_provider_of`, so anything else about a person is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from assessments.voice import Voice
from core.errors import DomainError
from core.pages import deny_unless, form_saved, posted
from people import access
from people import services as people_services
from people.models import Person, StaffRole
from people.pages import person_page

from .. import services
from ..compare import compare_revisions
from ..contents import cost_checks, costed, how_often
from ..costing import compare_with_indicative, cost_of, plan_totals
from ..models import (
    ApprovalDecision,
    BudgetChallenge,
    ChartRow,
    PlanReferral,
    SupportLine,
    SupportPlan,
)
from .forms import ChallengeAnswerForm, ChallengeForm, DecisionForm, ReferForm

Status = SupportPlan.Status
SECTION_HEADINGS = {
    "important": "What is important to and for me",
    "profile": "About me",
    "days": "Good days, bad days and routines",
    "contingency": "If my support breaks down, and agreed risks",
}
CHART_COLUMNS = {
    ChartRow.Chart.COMMUNICATION: ["When this happens", "I do this", "It means", "You should"],
    ChartRow.Chart.DECISIONS: [
        "Decision",
        "How I must be involved",
        "Who makes the final decision",
    ],
    ChartRow.Chart.DOUGHNUT: ["Responsibility", "Core, judgement or not ours"],
}
DECIDED = {
    ApprovalDecision.Decision.APPROVED: "{name}'s plan is approved. The final budget is below.",
    ApprovalDecision.Decision.CHANGES_REQUESTED: "You asked for changes to {name}'s plan. "
    "They can see your reason.",
    ApprovalDecision.Decision.DECLINED: "You declined {name}'s plan. They can see your reason.",
}


def _plans_for(user):
    return SupportPlan.objects.visible_to(user).select_related(
        "person__local_authority",
        "person__user",
        "assessment__indicative_budget",
        "created_by",
        "submitted_by",
        "checked_by",
    )


def _plan_or_404(user, person, plan_id) -> SupportPlan:
    return get_object_or_404(_plans_for(user), id=plan_id, person=person)


def _challenges_for(user):
    """Budget challenges on plans this user may open."""
    return BudgetChallenge.objects.visible_to(user).select_related(
        "plan__person", "raised_by", "answered_by"
    )


def _line_costs(line: SupportLine) -> dict:
    cost = cost_of(line)
    return {
        "line": line,
        "how_often": how_often(line, with_cost=False),
        "weekly": cost.weekly,
        "one_off": cost.one_off,
        "explanation": cost.explanation,
    }


def _plan_context(plan: SupportPlan) -> dict:
    """The whole plan, read-only, its totals and how it compares with the indicative budget."""
    lines = costed(
        plan.support_lines.select_related("provider", "payee").prefetch_related("outcomes")
    )
    totals = plan_totals(lines)
    charts = {}
    for row in plan.chart_rows.all():
        charts.setdefault(row.chart, []).append(row)
    return {
        "plan": plan,
        "sections": [
            (heading, [_section_field(plan, name) for name in services.SECTION_FIELDS[key]])
            for key, heading in SECTION_HEADINGS.items()
        ],
        "relationships": plan.relationships.all(),
        "charts": [
            (ChartRow.Chart(chart).label, CHART_COLUMNS[chart], rows)
            for chart, rows in charts.items()
        ],
        "outcomes": plan.outcomes.all(),
        "lines": [_line_costs(line) for line in lines],
        **cost_checks(lines),
        "totals": totals,
        "comparison": compare_with_indicative(
            totals=totals, indicative_weekly=services.indicative_weekly(plan)
        ),
        "indicative_weekly": services.indicative_weekly(plan),
    }


def _section_field(plan: SupportPlan, name: str) -> tuple[str, str]:
    label = str(SupportPlan._meta.get_field(name).verbose_name)
    return label[0].upper() + label[1:], getattr(plan, name)


def _current_referral(plan: SupportPlan) -> PlanReferral | None:
    """The latest referral made since the plan was last checked (from `_with_referrals`)."""
    return next(
        (r for r in plan.referral_list if r.plan_checked_at == plan.checked_at),
        None,
    )


def _with_referrals(plans, user):
    return plans.prefetch_related(
        Prefetch(
            "referrals",
            queryset=PlanReferral.objects.visible_to(user)
            .select_related("referred_by", "referred_to")
            .order_by("-created_at"),
            to_attr="referral_list",
        )
    )


def _queue_row(user, plan: SupportPlan) -> dict:
    totals = plan_totals(plan.support_lines.all())
    indicative = services.indicative_weekly(plan)
    comparison = compare_with_indicative(totals=totals, indicative_weekly=indicative)
    action = None
    if (
        plan.status == Status.SUBMITTED
        and access.can_check_plan(user, plan.person)
        and not services.writer_or_sender(plan, user)
    ):
        action = ("plan_approval:check", "Check")
    if plan.status == Status.CHECKED and _is_approver_at(user, plan.person):
        action = ("plan_approval:decide", "Decide")
    return {
        "plan": plan,
        "totals": totals,
        "over": comparison.status == "over",
        "indicative_weekly": indicative,
        "action": action,
        "referral": _current_referral(plan) if plan.status == Status.CHECKED else None,
    }


def _is_approver_at(user, person) -> bool:
    return StaffRole.APPROVER in access.la_roles_for(user, person)


@login_required
@require_safe
def queue(request):
    """Plans at the user's councils waiting to be checked or approved (those referred to the user
    first), and open challenges."""
    user = request.user
    deny_unless(access.is_la_staff(user))
    councils = access.la_roles(user)
    plans = _with_referrals(
        _plans_for(user)
        .filter(
            person__local_authority_id__in=councils.keys(),
            status__in=[Status.SUBMITTED, Status.CHECKED],
        )
        .prefetch_related("support_lines")
        .order_by("submitted_at"),
        user,
    )
    rows = [_queue_row(user, plan) for plan in plans]
    approver_at = [org for org, roles in councils.items() if StaffRole.APPROVER in roles]
    challenges = _challenges_for(user).filter(
        status=BudgetChallenge.Status.OPEN, plan__person__local_authority_id__in=approver_at
    )
    to_approve = [row for row in rows if row["plan"].status == Status.CHECKED]
    context = {
        "to_check": [row for row in rows if row["plan"].status == Status.SUBMITTED],
        "referred_to_you": [
            row
            for row in to_approve
            if row["referral"] and row["referral"].referred_to_id == user.id and row["action"]
        ],
        "to_approve": to_approve,
        "challenges": list(challenges.order_by("created_at")),
        "is_approver": bool(approver_at),
    }
    return render(request, "support_plans/approval/queue.html", context)


@person_page("Check a support plan")
@require_http_methods(["GET", "HEAD", "POST"])
def check(request, person, plan_id):
    deny_unless(access.can_check_plan(request.user, person))
    plan = _plan_or_404(request.user, person, plan_id)
    if request.method == "POST":
        try:
            services.plan_check(plan=plan, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("plan_approval:check", person_id=person.id, plan_id=plan.id)
        messages.success(
            request, f"{person.display_name}'s plan is checked and has been sent for approval."
        )
        return redirect("plan_approval:queue")
    context = {
        **_plan_context(plan),
        "person": person,
        "own_plan": services.writer_or_sender(plan, request.user),
    }
    return render(request, "support_plans/approval/check.html", context)


def _limit_words(limit) -> str:
    return "no yearly limit" if limit is None else f"can approve up to £{limit:,.2f} a year"


def _routing(plan: SupportPlan, user, totals) -> dict:
    """Who can approve the plan at its level, whether this approver may, and its referrals."""
    _, limit = access.approver_limit(user, plan.person)
    level = services.approval_level(plan, totals)
    others = [(a, lim) for a, lim in services.who_can_approve(plan, totals) if a.id != user.id]
    referrals = list(
        PlanReferral.objects.visible_to(user)
        .filter(plan=plan, plan_checked_at=plan.checked_at)
        .select_related("referred_by", "referred_to")
        .order_by("-created_at")
    )
    return {
        "level": level,
        "level_blockers": services.level_blockers(level, limit),
        "who_can_approve": [(a, _limit_words(lim)) for a, lim in others],
        "referrals": referrals,
        "referred_to_you": next((r for r in referrals if r.referred_to_id == user.id), None),
    }


@person_page("Decide on a support plan")
@require_http_methods(["GET", "HEAD", "POST"])
def decide(request, person, plan_id):
    is_approver, _ = access.approver_limit(request.user, person)
    deny_unless(is_approver)
    plan = _plan_or_404(request.user, person, plan_id)
    form = DecisionForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.plan_decide(
            plan=plan,
            user=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
        ),
    ):
        decision = saved.result
        messages.success(request, DECIDED[decision.decision].format(name=person.display_name))
        return redirect("plan_approval:decide", person_id=person.id, plan_id=plan.id)
    waiting = plan.status == Status.CHECKED
    context = _plan_context(plan)
    context |= {
        "person": person,
        "voice": Voice.for_viewer(request.user, person),
        "form": form,
        "waiting": waiting,
        "blockers": services.approval_blockers(plan, request.user, context["totals"])
        if waiting
        else [],
        "necessary": services.lines_needing_necessary_decision(plan),
        "decisions": plan.decisions.select_related("decided_by"),
        "no_financial_assessment": waiting and not services.has_financial_assessment(person),
    }
    if waiting:
        context |= _routing(plan, request.user, context["totals"])
    return render(request, "support_plans/approval/decide.html", context)


@person_page("Refer a support plan to another approver")
@require_http_methods(["GET", "HEAD", "POST"])
def refer(request, person, plan_id):
    is_approver, _ = access.approver_limit(request.user, person)
    deny_unless(is_approver)
    plan = _plan_or_404(request.user, person, plan_id)
    totals = plan_totals(plan.support_lines.all())
    approvers = [
        (approver, limit)
        for approver, limit in services.who_can_approve(plan, totals)
        if approver.id != request.user.id
    ]
    form = ReferForm(
        posted(request), approvers=[(a, _limit_words(limit)) for a, limit in approvers]
    )
    if saved := form_saved(
        request,
        form,
        lambda: services.plan_refer(
            plan=plan,
            user=request.user,
            to=form.chosen(),
            reason=form.cleaned_data["reason"],
        ),
    ):
        referral = saved.result
        messages.success(
            request,
            f"You referred {person.display_name}'s plan to {referral.referred_to}. They will see "
            "it in the plans referred to them.",
        )
        return redirect("plan_approval:queue")
    context = {
        "person": person,
        "plan": plan,
        "form": form,
        "totals": totals,
        "level": services.approval_level(plan, totals),
        "waiting": plan.status == Status.CHECKED,
        "approvers": approvers,
    }
    return render(request, "support_plans/approval/refer.html", context)


def _plans_with_history(user, person):
    return _plans_for(user).filter(person=person).with_decisions().order_by("-revision")


@person_page("Decisions about the support plan")
@require_safe
def decisions(request, person):
    """Every decision on every revision of the person's plan, and their challenges."""
    context = {
        "person": person,
        "voice": Voice.for_viewer(request.user, person),
        "plans": list(_plans_with_history(request.user, person)),
        "can_challenge": access.is_self_or_representative(request.user, person),
        "decided": {Status.APPROVED, Status.DECLINED},
    }
    return render(request, "support_plans/approval/decisions.html", context)


@person_page("Challenge the budget")
@require_http_methods(["GET", "HEAD", "POST"])
def challenge(request, person, plan_id):
    deny_unless(access.is_self_or_representative(request.user, person))
    plan = _plan_or_404(request.user, person, plan_id)
    form = ChallengeForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.challenge_raise(
            plan=plan, user=request.user, what_is_wrong=form.cleaned_data["what_is_wrong"]
        ),
    ):
        messages.success(
            request, "Your challenge has been sent to the council. An approver will reply."
        )
        return redirect("plan_approval:decisions", person_id=person.id)
    context = {
        "person": person,
        "voice": Voice.for_viewer(request.user, person),
        "plan": plan,
        "form": form,
    }
    return render(request, "support_plans/approval/challenge.html", context)


@person_page("Answer a challenge to the budget")
@require_http_methods(["GET", "HEAD", "POST"])
def challenge_answer(request, person, challenge_id):
    is_approver, _ = access.approver_limit(request.user, person)
    deny_unless(is_approver)
    challenge = get_object_or_404(
        _challenges_for(request.user).filter(plan__person=person), id=challenge_id
    )
    form = ChallengeAnswerForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.challenge_answer(
            challenge=challenge, user=request.user, answer=form.cleaned_data["answer"]
        ),
    ):
        messages.success(request, f"Your answer has been sent to {person.display_name}.")
        return redirect("plan_approval:queue")
    context = {"person": person, "challenge": challenge, "plan": challenge.plan, "form": form}
    return render(request, "support_plans/approval/challenge_answer.html", context)


def _chain(plan: SupportPlan, plans: dict) -> list[SupportPlan]:
    """This revision and every earlier one, newest first."""
    chain = [plan]
    while chain[-1].previous_id in plans:
        chain.append(plans[chain[-1].previous_id])
    return chain


@person_page("What changed in the support plan")
@require_safe
def compare(request, person, plan_id):
    """A revision side by side with the one before it, and who approved each revision."""
    plans = {plan.id: plan for plan in _plans_with_history(request.user, person)}
    plan = plans.get(plan_id)
    deny_unless(plan is not None)
    previous = plans.get(plan.previous_id)
    chain = _chain(plan, plans)
    context = {
        "person": person,
        "plan": plan,
        "previous": previous,
        "differences": compare_revisions(previous, plan) if previous else [],
        "chain": chain,
        "decisions": sorted(
            (decision for revision in chain for decision in revision.decisions.all()),
            key=lambda decision: decision.created_at,
            reverse=True,
        ),
    }
    return render(request, "support_plans/approval/compare.html", context)


@login_required
@require_safe
def provider_people(request):
    """People who agreed that the provider user's organisation may see their outcomes."""
    deny_unless(access.is_provider_user(request.user))
    people = Person.objects.consented_to_provider_of(request.user).order_by(
        "last_name", "first_name"
    )
    return render(request, "providers/people.html", {"people": people})


@login_required
@require_safe
def provider_person(request, person_id):
    """The agreed outcomes and this provider's own support lines: nothing else about the person."""
    deny_unless(access.is_provider_user(request.user))
    person = get_object_or_404(Person.objects.consented_to_provider_of(request.user), id=person_id)
    plan = (
        SupportPlan.objects.shared_with_provider(request.user)
        .filter(person=person)
        .order_by("-revision")
        .first()
    )
    people_services.record_access_log(
        person=person, user=request.user, what="Agreed outcomes (provider)", acting_for=None
    )
    context = {"name": person.display_name, "has_plan": plan is not None}
    if plan is not None:
        context |= _shared_with_provider(request.user, plan)
    return render(request, "providers/person.html", context)


def _shared_with_provider(user, plan: SupportPlan) -> dict:
    """Only words a provider may see: outcomes, and their lines' description and frequency."""
    lines = (
        SupportLine.objects.delivered_by_provider_of(user)
        .filter(plan=plan)
        .prefetch_related("outcomes")
    )
    return {
        "outcomes": [outcome.in_my_words for outcome in plan.outcomes.all()],
        "lines": [
            {
                "description": line.description,
                "how_often": how_often(line, with_cost=False),
                "outcomes": [outcome.in_my_words for outcome in line.outcomes.all()],
            }
            for line in lines
        ],
    }
