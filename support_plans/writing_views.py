"""Pages for writing each part of a support plan: the free-text sections, the relationship
circle, the charts, outcomes and costed support (added, changed), and removing a part added by
mistake.

Each page is for people who may write the plan, while it can still change; otherwise it says why
not and goes back to the plan (see `views._writable_or_redirect`).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.voice import Voice
from core.errors import DomainError
from core.forms import add_domain_error
from core.pages import deny_unless, form_saved, posted

from . import services
from .contents import plan_contents
from .forms import (
    CHARTS,
    SECTIONS,
    OutcomeForm,
    RelationshipForm,
    SupportLineForm,
    chart_row_form,
)
from .limits import line_pay_warning
from .views import _render, _to_plan, _writable_or_redirect, plan_page


def _voice(request, plan) -> Voice:
    return Voice.for_viewer(request.user, plan.person)


# One page a section.


@plan_page("Support plan section")
@require_http_methods(["GET", "HEAD", "POST"])
def section(request, plan, section):
    spec = SECTIONS.get(section)
    deny_unless(spec is not None)
    if refused := _writable_or_redirect(request, plan):
        return refused
    initial = {name: getattr(plan, name) for name, _, _ in spec.fields}
    form = spec.form_class()(posted(request), initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.plan_save_section(
            plan=plan, user=request.user, section=spec.service_section, data=form.cleaned_data
        ),
    ):
        messages.success(request, f"'{spec.title}' is saved. You can change it at any time.")
        return _to_plan(plan)
    guidance = [_voice(request, plan).fill(paragraph) for paragraph in spec.guidance]
    return _render(
        request, "support_plans/section.html", plan, form=form, spec=spec, guidance=guidance
    )


def _add_part(request, form, add, done: str):
    """Validate a form that adds a part to the plan and call `add`; None means show the page.

    `done` is the success message; "{}" in it becomes the part that was added.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        part = add(form)
    except DomainError as error:
        add_domain_error(form, error)
        return None
    messages.success(request, done.format(part))
    return redirect(request.path)


@plan_page("Relationship circle")
@require_http_methods(["GET", "HEAD", "POST"])
def relationships(request, plan):
    if refused := _writable_or_redirect(request, plan):
        return refused
    form = RelationshipForm(posted(request), voice=_voice(request, plan))
    added = _add_part(
        request,
        form,
        lambda form: services.relationship_add(
            plan=plan, user=request.user, details=form.details()
        ),
        "{} is now in the relationship circle.",
    )
    return added or _render(
        request,
        "support_plans/relationships.html",
        plan,
        form=form,
        relationships=plan.relationships.all(),
    )


@plan_page("Support plan chart")
@require_http_methods(["GET", "HEAD", "POST"])
def chart(request, plan, chart):
    spec = CHARTS.get(chart)
    deny_unless(spec is not None)
    if refused := _writable_or_redirect(request, plan):
        return refused
    form = chart_row_form(chart)(posted(request))
    added = _add_part(
        request,
        form,
        lambda form: services.chart_row_add(
            plan=plan, user=request.user, details={"chart": chart, **form.cleaned_data}
        ),
        f"The row has been added to the {spec.title.lower()}.",
    )
    rows = plan.chart_rows.filter(chart=chart)
    return added or _render(
        request,
        "support_plans/chart.html",
        plan,
        form=form,
        spec=spec,
        guidance=_voice(request, plan).fill(spec.guidance),
        chart=chart,
        rows=rows,
    )


@plan_page("Outcomes")
@require_http_methods(["GET", "HEAD", "POST"])
def outcomes(request, plan):
    if refused := _writable_or_redirect(request, plan):
        return refused
    needs = services.plan_eligible_needs(plan)
    form = OutcomeForm(posted(request), needs=needs, voice=_voice(request, plan))
    added = _add_part(
        request,
        form,
        lambda form: services.outcome_add(plan=plan, user=request.user, **form.cleaned_data),
        "The outcome has been added.",
    )
    return added or _render(
        request,
        "support_plans/outcomes.html",
        plan,
        form=form,
        needs=dict(form.fields["eligible_needs"].choices),
        outcomes=plan.outcomes.all(),
    )


@plan_page("Support and costs")
@require_safe
def support(request, plan):
    if refused := _writable_or_redirect(request, plan):
        return refused
    return _render(request, "support_plans/support.html", plan, **plan_contents(plan))


def _warn_about_pay(request, line) -> None:
    """Saved, but the pay of a personal assistant is below the National Living Wage: say so."""
    warning = line_pay_warning(line, timezone.localdate())
    if warning:
        messages.warning(request, f"Check the cost of '{line}'. {warning}")


@plan_page("Add support")
@require_http_methods(["GET", "HEAD", "POST"])
def support_add(request, plan):
    if refused := _writable_or_redirect(request, plan):
        return refused
    form = SupportLineForm(posted(request), plan=plan, voice=_voice(request, plan))
    if saved := form_saved(
        request,
        form,
        lambda: services.support_line_add(
            plan=plan,
            user=request.user,
            details=form.details(),
            outcomes=form.cleaned_data["outcomes"],
        ),
    ):
        line = saved.result
        messages.success(request, f"'{line}' has been added to the plan.")
        _warn_about_pay(request, line)
        return redirect("plans:support", plan_id=plan.id)
    return _render(request, "support_plans/support_line_form.html", plan, form=form)


@plan_page("Change support")
@require_http_methods(["GET", "HEAD", "POST"])
def support_change(request, plan, line_id):
    line = get_object_or_404(plan.support_lines.prefetch_related("outcomes"), id=line_id)
    if refused := _writable_or_redirect(request, plan):
        return refused
    form = SupportLineForm(
        posted(request),
        plan=plan,
        voice=_voice(request, plan),
        initial=SupportLineForm.initial_from(line),
    )
    if saved := form_saved(
        request,
        form,
        lambda: services.support_line_update(
            plan=plan,
            user=request.user,
            line=line,
            details=form.details(),
            outcomes=form.cleaned_data["outcomes"],
        ),
    ):
        changed = saved.result
        messages.success(request, f"'{changed}' has been changed.")
        _warn_about_pay(request, changed)
        return redirect("plans:support", plan_id=plan.id)
    return _render(request, "support_plans/support_line_form.html", plan, form=form, line=line)


# Parts added by mistake: each kind, where it is listed, and what to say once it has gone.
REMOVABLE = {
    "relationship": ("relationships", "plans:relationships", "{} is no longer in the circle."),
    "chart-row": ("chart_rows", "plans:chart", "The row has been removed."),
    "outcome": ("outcomes", "plans:outcomes", "The outcome has been removed."),
    "support": ("support_lines", "plans:support", "'{}' has been removed from the plan."),
}


@plan_page("Remove from the plan")
@require_POST
def part_remove(request, plan, kind):
    deny_unless(kind in REMOVABLE)
    if refused := _writable_or_redirect(request, plan):
        return refused
    related, page, done = REMOVABLE[kind]
    part_id = request.POST.get("part", "")
    part = get_object_or_404(getattr(plan, related), id=part_id if part_id.isdigit() else None)
    kwargs = {"plan_id": plan.id}
    if kind == "chart-row":
        kwargs["chart"] = part.chart
    try:
        services.plan_part_remove(plan=plan, user=request.user, part=part)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done.format(part))
    return redirect(page, **kwargs)
