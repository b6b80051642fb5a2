"""Pages for needs assessments: start, fill in (one question a page), check and send, review,
complete, decide eligibility, record the indicative budget, and the person's copy (page and PDF).

Providers never reach these pages: assessments are loaded through `visible_to`, which gives them
nothing, so every page answers 404.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.forms import ConfirmForm, add_domain_error
from core.pages import deny_unless, form_saved, posted
from people import access
from people.pages import person_page, record_page

from . import pdf, presenters, services
from .forms import SECTION_FORMS, OutcomeForm
from .models import NeedsAssessment
from .questions import Wording, outcome_from_slug, outcomes_for
from .voice import Voice
from .workflow_forms import (
    EligibilityForm,
    IndicativeBudgetForm,
    RequestChangesForm,
    StartAssessmentForm,
)

Kind, Status = NeedsAssessment.Kind, NeedsAssessment.Status


def _assessments_for(user):
    return (
        NeedsAssessment.objects.visible_to(user)
        .select_related(
            "person__local_authority",
            "person__user",
            "started_by",
            "submitted_by",
            "completed_by",
            "eligibility__decided_by",
            "indicative_budget__set_by",
        )
        .prefetch_related("outcome_answers")
    )


def assessment_page(what: str):
    """record_page for a needs assessment: the person, their representative and council staff."""
    return record_page(
        what, key="assessment_id", objects=_assessments_for, allowed=access.can_see_assessments
    )


def _detail(assessment):
    return redirect("assessments:assessment_detail", assessment_id=assessment.id)


def _editable_or_redirect(request, assessment):
    """None if the assessment may be changed now; otherwise a redirect saying why not."""
    deny_unless(access.can_change_needs_assessment(request.user, assessment))
    if assessment.is_editable:
        return None
    messages.info(
        request,
        f"This assessment is {assessment.get_status_display().lower()}, so it cannot be changed.",
    )
    return _detail(assessment)


def _kinds_to_start(user, person) -> list[str]:
    if access.can_assess(user, person):
        return list(Kind.values)
    if access.can_fill_self_assessment(user, person):
        return [Kind.SELF, Kind.CARER_SELF]
    return []


@person_page("Assessments")
@require_safe
def person_assessments(request, person):
    deny_unless(access.can_see_assessments(request.user, person))
    assessments = (
        NeedsAssessment.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("eligibility", "indicative_budget")
    )
    context = {
        "person": person,
        "voice": Voice.for_viewer(request.user, person),
        "assessments": assessments,
        "can_start": bool(_kinds_to_start(request.user, person)),
    }
    return render(request, "assessments/person_assessments.html", context)


@person_page("Start an assessment")
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_start(request, person):
    kinds = _kinds_to_start(request.user, person)
    deny_unless(bool(kinds))
    voice = Voice.for_viewer(request.user, person)
    for_person = not access.can_assess(request.user, person)
    form = StartAssessmentForm(posted(request), kinds=kinds, voice=voice if for_person else None)
    if saved := form_saved(
        request,
        form,
        lambda: services.needs_assessment_start(
            person=person, kind=form.cleaned_data["kind"], started_by=request.user
        ),
    ):
        assessment = saved.result
        messages.success(request, f"{assessment.get_kind_display()} started.")
        return _detail(assessment)
    context = {"form": form, "person": person, "for_person": for_person, "voice": voice}
    return render(request, "assessments/start.html", context)


@assessment_page("Assessment")
@require_safe
def assessment_detail(request, assessment):
    answers = list(assessment.outcome_answers.all())
    wording = Wording.for_assessment(assessment, request.user)
    can_change = access.can_change_needs_assessment(request.user, assessment)
    context = {
        **presenters.copy_context(assessment, request.user),
        "person": assessment.person,
        "can_change": can_change and assessment.is_editable,
        "can_assess": access.can_assess(request.user, assessment.person),
        "tasks": presenters.task_list(assessment, answers, wording),
        "missing": services.missing_answers(assessment),
    }
    return render(request, "assessments/detail.html", context)


@assessment_page("Change an assessment")
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_section(request, assessment, section):
    section = presenters.section_from_slug(assessment, section)
    if section is None:
        raise Http404("Page not found")
    if response := _editable_or_redirect(request, assessment):
        return response
    wording = Wording.for_assessment(assessment, request.user)
    form_class = SECTION_FORMS[section]
    form = form_class(posted(request), initial=form_class.initial_from(assessment), wording=wording)
    if form_saved(
        request,
        form,
        lambda: services.needs_assessment_save(
            assessment=assessment, user=request.user, section=section, data=form.to_data()
        ),
    ):
        messages.success(request, "Your answers have been saved.")
        return _after_saving(request, assessment)
    context = {
        "form": form,
        "assessment": assessment,
        "person": assessment.person,
        "title": wording.section_title(section),
        "wording": wording,
    }
    return render(request, "assessments/section.html", context)


def _after_saving(request, assessment, default=None):
    if request.GET.get("from") == "check":
        return redirect("assessments:assessment_check", assessment_id=assessment.id)
    return redirect(default) if default else _detail(assessment)


@assessment_page("Change an assessment")
@require_http_methods(["GET", "HEAD", "POST"])
def outcome_answer(request, assessment, outcome):
    outcomes = outcomes_for(assessment)
    outcome = outcome_from_slug(outcome, outcomes)
    if outcome is None:
        raise Http404("Page not found")
    if response := _editable_or_redirect(request, assessment):
        return response
    wording = Wording.for_assessment(assessment, request.user)
    answer = presenters.answers_by_outcome(assessment.outcome_answers.all()).get(outcome)
    form = OutcomeForm(
        posted(request),
        initial=OutcomeForm.initial_from(answer),
        wording=wording,
        outcome=outcome,
    )
    if form_saved(
        request,
        form,
        lambda: services.outcome_answer_save(
            assessment=assessment, user=request.user, outcome=outcome, **form.answer()
        ),
    ):
        following = presenters.next_outcome(outcome, outcomes)
        url = presenters.outcome_url(assessment, following) if following else None
        return _after_saving(request, assessment, url)
    previous = presenters.previous_outcome(outcome, outcomes)
    context = {
        "form": form,
        "assessment": assessment,
        "person": assessment.person,
        "wording": wording,
        "heading": wording.outcome_heading(outcome),
        "number": outcomes.index(outcome) + 1,
        "of": len(outcomes),
        "back_url": presenters.outcome_url(assessment, previous) if previous else None,
    }
    return render(request, "assessments/outcome.html", context)


@assessment_page("Check answers")
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_check(request, assessment):
    form = ConfirmForm(posted(request))
    if request.method == "POST":
        deny_unless(access.can_change_needs_assessment(request.user, assessment))
        try:
            services.needs_assessment_submit(assessment=assessment, user=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Your assessment has been sent to the council.")
            return _detail(assessment)
    answers = list(assessment.outcome_answers.all())
    wording = Wording.for_assessment(assessment, request.user)
    can_change = access.can_change_needs_assessment(request.user, assessment)
    context = {
        "form": form,
        "assessment": assessment,
        "person": assessment.person,
        "wording": wording,
        "sections": presenters.answer_sections(assessment, answers, wording),
        "missing": services.missing_answers(assessment),
        "can_change": can_change and assessment.is_editable,
        "can_assess": access.can_assess(request.user, assessment.person),
    }
    return render(request, "assessments/check.html", context)


@assessment_page("Ask for changes")
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_request_changes(request, assessment):
    deny_unless(access.can_assess(request.user, assessment.person))
    form = RequestChangesForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.needs_assessment_request_changes(
            assessment=assessment, user=request.user, note=form.cleaned_data["note"]
        ),
    ):
        messages.success(
            request, f"We have asked {assessment.person.display_name} to make changes."
        )
        return _detail(assessment)
    context = {"form": form, "assessment": assessment, "person": assessment.person}
    return render(request, "assessments/request_changes.html", context)


@assessment_page("Complete an assessment")
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_complete(request, assessment):
    deny_unless(access.can_assess(request.user, assessment.person))
    form = ConfirmForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.needs_assessment_complete(assessment=assessment, user=request.user),
    ):
        messages.success(request, "The assessment is complete.")
        return _detail(assessment)
    context = {
        "form": form,
        "assessment": assessment,
        "person": assessment.person,
        "missing": services.missing_answers(assessment),
    }
    return render(request, "assessments/complete.html", context)


@assessment_page("Eligibility decision")
@require_http_methods(["GET", "HEAD", "POST"])
def eligibility_decide(request, assessment):
    deny_unless(access.can_assess(request.user, assessment.person))
    if assessment.decided_before_carers_test:
        raise Http404("Page not found")  # its recorded decision stands, see the assessment
    form = EligibilityForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.eligibility_confirm(
            assessment=assessment,
            user=request.user,
            agrees=form.cleaned_data["agrees"],
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(request, "The eligibility decision has been recorded.")
        return _detail(assessment)
    result = services.eligibility_preview(assessment)
    context = {
        "form": form,
        "assessment": assessment,
        "person": assessment.person,
        "result": result,
        "reasons": presenters.reasons_in_order(result.reasons),
        "not_achieved": presenters.outcome_labels(result.outcomes_not_achieved),
        "decision": getattr(assessment, "eligibility", None),
    }
    return render(request, "assessments/eligibility.html", context)


@assessment_page("Indicative budget")
@require_http_methods(["GET", "HEAD", "POST"])
def indicative_budget(request, assessment):
    deny_unless(access.can_assess(request.user, assessment.person))
    if assessment.is_for_carer:
        raise Http404("Page not found")  # the table's points are for an adult's ten outcomes
    decision = getattr(assessment, "eligibility", None)
    table, allocation, problem = None, None, ""
    try:
        table, allocation = services.indicative_preview(assessment)
    except DomainError as error:
        problem = error.message
    form = None
    if allocation is not None and decision is not None and decision.eligible:
        form = IndicativeBudgetForm(posted(request), computed_weekly=allocation.weekly)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.indicative_budget_set(
                assessment=assessment, user=request.user, **form.budget()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "The indicative budget has been recorded.")
            return _detail(assessment)
    context = {
        "form": form,
        "assessment": assessment,
        "person": assessment.person,
        "decision": decision,
        "table": table,
        "allocation": allocation,
        "problem": problem,
        "budget": getattr(assessment, "indicative_budget", None),
    }
    return render(request, "assessments/indicative_budget.html", context)


@assessment_page("Copy of an assessment")
@require_safe
def assessment_copy(request, assessment):
    context = {**presenters.copy_context(assessment, request.user), "person": assessment.person}
    return render(request, "assessments/copy.html", context)


@assessment_page("Copy of an assessment (PDF)")
@require_safe
def assessment_pdf(request, assessment):
    document = pdf.assessment_pdf(assessment=assessment, viewer=request.user)
    response = HttpResponse(document, "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(assessment)}"'
    return response
