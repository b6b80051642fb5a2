"""Pages for the financial assessment: record the person's money, see the charge worked out step
by step, and complete it. Providers and other councils never reach these pages (404)."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.errors import DomainError
from core.formats import pounds
from core.forms import ConfirmForm, add_domain_error
from core.pages import deny_unless, form_saved, posted
from people import access
from people.pages import person_page, record_page

from ..models import FinancialAssessment
from ..voice import Voice
from . import services as financial
from .forms import FinancialDetailsForm, FinancialItemForm, StartForm
from .presenters import item_groups, working_from_completed, working_from_result

COMPLETED_MESSAGE = (
    "This financial assessment is completed, so it cannot be changed. "
    "If the person's money has changed, start a new financial assessment."
)


def _url(assessment: FinancialAssessment, fragment: str = "") -> str:
    url = reverse(
        "financial_assessment:assessment",
        kwargs={"person_id": assessment.person_id, "assessment_id": assessment.id},
    )
    return f"{url}#{fragment}" if fragment else url


def _financial_assessments(user):
    return FinancialAssessment.objects.visible_to(user).select_related(
        "rates", "mig_base", "completed_by", "person__local_authority", "person__user"
    )


def assessment_page(what: str, *, change: bool = False):
    """record_page for a financial assessment (the view gets the person and the assessment).

    With change=True only finance staff get in, and a completed assessment sends them back to
    read it with a message instead of a form.
    """
    allowed = access.can_assess_finances if change else access.can_see_finances

    def decorator(view):
        @record_page(what, key="assessment_id", objects=_financial_assessments, allowed=allowed)
        @wraps(view)
        def wrapper(request, assessment, **kwargs):
            if change and not assessment.is_editable:
                messages.info(request, COMPLETED_MESSAGE)
                return redirect(_url(assessment))
            return view(request, assessment.person, assessment, **kwargs)

        return wrapper

    return decorator


@person_page("Financial assessments")
@require_safe
def assessment_list(request, person):
    deny_unless(access.can_see_finances(request.user, person))
    assessments = list(FinancialAssessment.objects.visible_to(request.user).filter(person=person))
    context = {
        "person": person,
        "voice": Voice.for_viewer(request.user, person),
        "assessments": assessments,
        "can_assess": access.can_assess_finances(request.user, person),
        "draft": next((a for a in assessments if a.is_editable), None),
    }
    return render(request, "assessments/financial/list.html", context)


@person_page("Start a financial assessment")
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, person):
    deny_unless(access.can_assess_finances(request.user, person))
    form = StartForm(posted(request), initial={"charge_from": timezone.localdate()})
    if saved := form_saved(
        request,
        form,
        lambda: financial.financial_assessment_start(
            person=person,
            started_by=request.user,
            charge_from=form.cleaned_data["charge_from"],
        ),
    ):
        assessment = saved.result
        messages.success(request, f"You have started a financial assessment for {person}.")
        return redirect(_url(assessment))
    draft = person.financial_assessments.filter(status=FinancialAssessment.Status.DRAFT).first()
    return render(
        request,
        "assessments/financial/start.html",
        {"form": form, "person": person, "draft": draft},
    )


def _render_assessment(request, person, assessment, *, item_form=None):
    """The assessment: a working page for finance staff while it is a draft, else the result."""
    is_council = bool(access.la_roles_for(request.user, person))
    voice = Voice.for_viewer(request.user, person)
    if assessment.is_editable and not is_council:
        return render(
            request,
            "assessments/financial/in_progress.html",
            {"person": person, "assessment": assessment, "voice": voice},
        )
    can_change = assessment.is_editable and access.can_assess_finances(request.user, person)
    context = {
        "person": person,
        "assessment": assessment,
        "voice": voice,
        "is_council": is_council,
        "can_change": can_change,
        "groups": item_groups(assessment.items.all()),
        "premiums": list(assessment.premium_choices.select_related("premium")),
    }
    if not assessment.is_editable:
        context["working"] = working_from_completed(assessment, voice)
        return render(request, "assessments/financial/result.html", context)
    try:
        context["working"] = working_from_result(financial.financial_preview(assessment), voice)
    except DomainError as error:
        context["working_error"] = error.message
    if item_form is None and can_change:
        item_form = FinancialItemForm()
    context["form"] = item_form
    return render(request, "assessments/financial/working.html", context)


@assessment_page("Financial assessment")
@require_safe
def assessment_detail(request, person, assessment):
    return _render_assessment(request, person, assessment)


@assessment_page("Add an income or cost", change=True)
@require_http_methods(["GET", "HEAD", "POST"])
def item_add(request, person, assessment):
    form = FinancialItemForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: financial.financial_item_add(
            assessment=assessment, user=request.user, details=form.cleaned_data
        ),
    ):
        item = saved.result
        messages.success(request, f"Added: {item.label}.")
        return redirect(_url(assessment, "items"))
    return _render_assessment(request, person, assessment, item_form=form)


@assessment_page("Remove an income or cost", change=True)
@require_http_methods(["GET", "HEAD", "POST"])
def item_remove(request, person, assessment, item_id):
    item = get_object_or_404(assessment.items.all(), id=item_id)
    form = ConfirmForm(posted(request))
    if form_saved(
        request, form, lambda: financial.financial_item_remove(item=item, user=request.user)
    ):
        messages.success(request, f"Removed: {item.label}.")
        return redirect(_url(assessment, "items"))
    context = {"form": form, "person": person, "assessment": assessment, "item": item}
    return render(request, "assessments/financial/item_remove.html", context)


@assessment_page("Change the financial assessment", change=True)
@require_http_methods(["GET", "HEAD", "POST"])
def details(request, person, assessment):
    form = FinancialDetailsForm(
        posted(request),
        assessment=assessment,
        initial=FinancialDetailsForm.initial_from(assessment),
    )
    if form_saved(
        request,
        form,
        lambda: financial.financial_assessment_update(
            assessment=assessment, user=request.user, data=form.service_data()
        ),
    ):
        messages.success(request, "Your changes have been saved.")
        return redirect(_url(assessment))
    context = {"form": form, "person": person, "assessment": assessment}
    return render(request, "assessments/financial/details.html", context)


@assessment_page("Complete the financial assessment", change=True)
@require_http_methods(["GET", "HEAD", "POST"])
def complete(request, person, assessment):
    form = ConfirmForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: financial.financial_assessment_complete(assessment=assessment, user=request.user),
    ):
        done = saved.result
        charge = (
            "the full approved cost of their care, set when their plan is approved"
            if done.weekly_charge is None
            else pounds(done.weekly_charge)
        )
        messages.success(
            request,
            "\n".join(
                [
                    f"The financial assessment is complete. {person}'s weekly contribution is "
                    f"{charge}.",
                    *done.changes_elsewhere,
                ]
            ),
        )
        return redirect(_url(done))
    voice = Voice.for_viewer(request.user, person)
    context = {"form": form, "person": person, "assessment": assessment, "voice": voice}
    try:
        context["working"] = working_from_result(financial.financial_preview(assessment), voice)
    except DomainError as error:
        add_domain_error(form, error)
    return render(request, "assessments/financial/complete.html", context)
