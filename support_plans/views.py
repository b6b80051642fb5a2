"""Pages where the person (or their representative, with or without a social worker) writes their
support plan: the task list, one page a section, check and send; the plan as it stands for anyone
who may see it; new revisions; the council's 'necessary' decision; the PDFs.

Plans load through `SupportPlan.objects.visible_to`, which gives providers, other councils and
other people nothing, so every page answers them 404.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from assessments.voice import Voice
from core.forms import ConfirmForm
from core.pages import deny_unless, form_saved, posted
from people import access
from people.pages import person_page, record_page

from . import pdf, services
from .contents import plan_contents
from .forms import (
    CHARTS,
    SECTIONS,
    NecessaryDecisionForm,
    ReviseForm,
)
from .models import SupportPlan

Status = SupportPlan.Status


def _plans_for(user):
    return SupportPlan.objects.visible_to(user).select_related(
        "person__local_authority",
        "person__user",
        "assessment__eligibility",
        "assessment__indicative_budget",
        "created_by",
        "submitted_by",
        "checked_by",
        "previous",
        "next_revision",
    )


def plan_page(what: str):
    """record_page for a support plan: anyone who may open the person's record."""
    return record_page(what, key="plan_id", objects=_plans_for)


def _to_plan(plan):
    return redirect("plans:plan", plan_id=plan.id)


def _unchangeable_message(plan) -> str:
    if plan.status == Status.APPROVED:
        return (
            "This plan has been approved, so it cannot be changed. To change it, start a new "
            "revision: the approved plan stays in place until the new one is approved."
        )
    if plan.status in {Status.SUBMITTED, Status.CHECKED}:
        return (
            "This plan has been sent to the council, so it cannot be changed now. If something "
            "needs to change, the council will ask you."
        )
    if plan.status == Status.DECLINED:
        return "The council declined this plan. To try again, start a new revision of it."
    if plan.status == Status.SUPERSEDED:
        return "This revision has been replaced by a newer one, so it cannot be changed."
    return f"This plan is {plan.get_status_display().lower()}, so it cannot be changed."


def _writable_or_redirect(request, plan):
    """None if this user may change the plan now; otherwise a redirect that kindly says why not."""
    deny_unless(access.can_write_plan(request.user, plan.person))
    if plan.is_editable:
        return None
    messages.info(request, _unchangeable_message(plan))
    return _to_plan(plan)


def _render(request, template, plan, **context):
    voice = Voice.for_viewer(request.user, plan.person)
    return render(
        request, template, {"plan": plan, "person": plan.person, "voice": voice, **context}
    )


# The plan for a person: its revisions, and starting one.


@person_page("Support plan")
@require_http_methods(["GET", "HEAD", "POST"])
def person_plans(request, person):
    form = ConfirmForm(posted(request))
    can_write = access.can_write_plan(request.user, person)
    if request.method == "POST":
        deny_unless(can_write)
    if saved := form_saved(
        request, form, lambda: services.plan_start(person=person, user=request.user)
    ):
        plan = saved.result
        messages.success(request, "The support plan has been started. Save as you go.")
        return _to_plan(plan)
    plans = SupportPlan.objects.visible_to(request.user).filter(person=person)
    context = {
        "person": person,
        "voice": Voice.for_viewer(request.user, person),
        "plans": plans,
        "form": form,
        "can_start": can_write and not any(p.status != Status.SUPERSEDED for p in plans),
        "has_eligible_assessment": services.eligible_assessment_for(person) is not None,
    }
    return render(request, "support_plans/person_plans.html", context)


# The plan: a task list while it is being written, otherwise the plan as it stands.


def _text_state(plan, names) -> str:
    filled = sum(bool(getattr(plan, name).strip()) for name in names)
    if not filled:
        return "not_started"
    return "completed" if filled == len(names) else "in_progress"


def _tasks(plan) -> list[dict]:
    """The sections of the plan, in order: title, page, state, and whether it must be done."""
    charts = dict(plan.chart_rows.order_by().values_list("chart").annotate(rows=Count("id")))
    counts = {
        "relationships": plan.relationships.count(),
        "outcomes": plan.outcomes.count(),
        "support": plan.support_lines.count(),
    }

    def task(title, url_name, state, required=False, **kwargs):
        href = reverse(url_name, kwargs={"plan_id": plan.id, **kwargs})
        return {"title": title, "href": href, "state": state, "required": required}

    def text(slug, names=None, required=False):
        spec = SECTIONS[slug]
        names = names or [name for name, _, _ in spec.fields]
        state = _text_state(plan, names)
        return task(spec.title, "plans:section", state, required, section=slug)

    def listed(count):
        return "completed" if count else "not_started"

    return [
        text("important"),
        text("profile"),
        text("days"),
        text("routines"),
        task("My relationship circle", "plans:relationships", listed(counts["relationships"])),
        *[
            task(spec.title, "plans:chart", listed(charts.get(chart, 0)), chart=chart)
            for chart, spec in CHARTS.items()
        ],
        task("My outcomes", "plans:outcomes", listed(counts["outcomes"]), True),
        task("My support and what it costs", "plans:support", listed(counts["support"]), True),
        text("contingency", ["contingency_plan"], required=True),
    ]


@plan_page("Support plan")
@require_safe
def plan_view(request, plan):
    can_write = access.can_write_plan(request.user, plan.person)
    context = {
        "can_write": can_write,
        "can_decide_necessary": access.can_assess(request.user, plan.person),
    }
    if can_write and plan.is_editable:
        tasks = _tasks(plan)
        context |= {
            "needs_decision": services.lines_needing_necessary_decision(plan),
            "tasks": tasks,
            "task_groups": [
                ("About me", tasks[:5]),
                ("How I communicate and make decisions", tasks[5:8]),
                ("My outcomes and support", tasks[8:]),
            ],
            "completed": sum(task["state"] == "completed" for task in tasks),
            "totals": services.totals(plan),
            "decisions": plan.decisions.select_related("decided_by")[:1],
        }
        return _render(request, "support_plans/overview.html", plan, **context)
    context |= plan_contents(plan)
    context |= {
        "can_revise": can_write
        and plan.status in {Status.APPROVED, Status.DECLINED}
        and not hasattr(plan, "next_revision"),
    }
    return _render(request, "support_plans/plan.html", plan, **context)


# Check and send.


@plan_page("Check the support plan")
@require_http_methods(["GET", "HEAD", "POST"])
def check(request, plan):
    if refused := _writable_or_redirect(request, plan):
        return refused
    form = ConfirmForm(posted(request))
    if form_saved(request, form, lambda: services.plan_submit(plan=plan, user=request.user)):
        messages.success(
            request,
            "The plan has been sent to the council. A social worker will check it, then "
            "an approver will decide. We will let you know what they decide.",
        )
        return _to_plan(plan)
    context = plan_contents(plan) | {
        "form": form,
        "problems": services.submission_problems(plan),
        "changeable": True,
    }
    return _render(request, "support_plans/check.html", plan, **context)


# The council's decisions about the plan that the person may see being made here.


@plan_page("Paying a close relative: the council's decision")
@require_http_methods(["GET", "HEAD", "POST"])
def necessary_decision(request, plan, line_id):
    deny_unless(access.can_assess(request.user, plan.person))
    line = next(
        (line for line in services.lines_needing_necessary_decision(plan) if line.id == line_id),
        None,
    )
    deny_unless(line is not None)
    if plan.status in {Status.APPROVED, Status.SUPERSEDED}:
        messages.info(request, "The plan has been decided on, so this decision cannot change now.")
        return _to_plan(plan)
    initial = {"decision": line.necessary_decision, "ground": line.necessary_ground}
    form = NecessaryDecisionForm(posted(request), initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.necessary_decision_record(
            line=line,
            user=request.user,
            ground=form.cleaned_data["ground"],
            decision=form.cleaned_data["decision"],
        ),
    ):
        messages.success(request, f"The council's decision about '{line}' is recorded.")
        return _to_plan(plan)
    return _render(request, "support_plans/necessary_decision.html", plan, form=form, line=line)


@plan_page("Start a new revision")
@require_http_methods(["GET", "HEAD", "POST"])
def revise(request, plan):
    deny_unless(access.can_write_plan(request.user, plan.person))
    form = ReviseForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.plan_revise(
            plan=plan, user=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        revision = saved.result
        messages.success(
            request,
            f"Revision {revision.revision} has been started from revision {plan.revision}. "
            "Change what you need to, then send it to the council.",
        )
        return _to_plan(revision)
    revisable = plan.status in {Status.APPROVED, Status.DECLINED} and not hasattr(
        plan, "next_revision"
    )
    return _render(request, "support_plans/revise.html", plan, form=form, revisable=revisable)


# Downloads.


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@plan_page("Support plan (PDF)")
@require_safe
def plan_pdf(request, plan):
    return _attachment(pdf.plan_pdf(plan=plan), pdf.filename(plan, "support-plan"))


@plan_page("One-page profile (PDF)")
@require_safe
def profile_pdf(request, plan):
    return _attachment(pdf.profile_pdf(plan=plan), pdf.filename(plan, "one-page-profile"))
