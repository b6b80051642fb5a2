"""Pages for the meeting's record, its actions and what the review decided; the record as a
PDF; and the provider's view, which holds only what the person chose to share, never money."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from core.formats import long_date
from core.pages import deny_unless, form_saved, posted
from people import access
from people import services as people_services
from people.models import Person

from ..due import next_review_for
from ..models import ReviewAction, ReviewMeeting, ReviewRecord
from . import actions as action_services
from . import record as record_services
from .budget import budget_review_for
from .forms import DECISION_CHOICES, ActionCloseForm, ActionForm, DecisionForm, RecordForm
from .pages import action_page, meeting_page
from .pdf import record_pdf
from .planning_views import to_meeting, voice
from .presenters import BudgetLines, decided_words, perspectives, side_by_side, when_words
from .tools import starting_point, starting_tools

Status = ReviewMeeting.Status
PROFILE = record_services.PROFILE_FIELDS


def _record_initial(meeting) -> dict:
    """What the form starts with: the record so far, or the person-centred sections of the
    plan (or of the last review, when it is newer). The tools start in RecordForm."""
    record = getattr(meeting, "record", None)
    if record is not None:
        names = [*record_services.TEXT_FIELDS, "person_attended", "relationships"]
        initial = {name: getattr(record, name) for name in names}
        for row in record.progress.all():
            initial[f"progress_{row.outcome_id}"] = row.progress
            initial[f"notes_{row.outcome_id}"] = row.notes
    else:
        source = starting_point(meeting)  # the plan in force, or the last review when newer
        initial = {name: getattr(source, name) for name in PROFILE} if source else {}
        initial["person_attended"] = True
    initial["attended"] = [str(i.id) for i in meeting.invitees.all() if i.attended]
    return initial


@meeting_page("Record the review meeting", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_record(request, meeting):
    """The meeting's record, with the budget review read from the budgets app."""
    person = meeting.person
    invitees = list(meeting.invitees.all())
    form = RecordForm(
        posted(request),
        initial=_record_initial(meeting),
        name=person.display_name,
        invitees=invitees,
        outcomes=record_services.plan_outcomes(meeting),
        tools=starting_tools(meeting),
    )
    if form_saved(
        request,
        form,
        lambda: record_services.meeting_record_save(
            meeting=meeting,
            user=request.user,
            details=form.cleaned_data,
            attended={i.id for i in invitees if str(i.id) in form.cleaned_data["attended"]},
            progress=form.progress(),
            tools=form.tools(),
        ),
    ):
        messages.success(
            request, "The meeting is recorded. Add the actions it agreed, then what it decided."
        )
        return to_meeting(meeting, "#record")
    due = meeting.meets_on <= timezone.localdate()
    live = budget_review_for(person, request.user, end=meeting.meets_on) if due else None
    views = perspectives(meeting)
    context = {
        "form": form,
        "meeting": meeting,
        "person": person,
        "when": when_words(meeting),
        "not_yet": not due,
        "completed": meeting.status == Status.COMPLETED,
        "live": live,
        "budget": BudgetLines(live.by_support, live.by_outcome, (live.end - live.start).days + 1)
        if live
        else None,
        "views": views,
        "answers_table": side_by_side(views),
        "from_last_review": not hasattr(meeting, "record")
        and isinstance(starting_point(meeting), ReviewRecord),
    }
    return render(request, "reviews/meetings/record.html", context)


@meeting_page("Add an action from the review", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def action_add(request, meeting):
    person = meeting.person
    form = ActionForm(
        posted(request),
        person_name=person.display_name,
        invitees=list(meeting.invitees.all()),
        staff=list(action_services.council_staff(person)),
    )
    if form_saved(
        request,
        form,
        lambda: action_services.action_add(
            meeting=meeting,
            user=request.user,
            what=form.cleaned_data["what"],
            due_on=form.cleaned_data["due_on"],
            submission_key=form.cleaned_data["submission_key"],
            **form.owner_fields(),
        ),
    ):
        messages.success(request, "The action is added. It shows on its owner's to-do list.")
        return to_meeting(meeting, "#actions")
    context = {
        "form": form,
        "meeting": meeting,
        "person": person,
        "recorded": meeting.status != Status.PLANNED,
    }
    return render(request, "reviews/meetings/action_add.html", context)


@action_page("Close an action from a review")
@require_http_methods(["GET", "HEAD", "POST"])
def action_close(request, action):
    deny_unless(action_services.may_close(request.user, action))
    form = ActionCloseForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: action_services.action_close(
            action=action, user=request.user, what_happened=form.cleaned_data["what_happened"]
        ),
    ):
        messages.success(request, "The action is closed.")
        return to_meeting(action.meeting, "#actions")
    context = {
        "form": form,
        "action": action,
        "meeting": action.meeting,
        "person": action.meeting.person,
        "owner": action_services.owner_words(action),
        "done": action.status == ReviewAction.Status.DONE,
    }
    return render(request, "reviews/meetings/action_close.html", context)


@meeting_page("Record what the review decided", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def decide(request, meeting):
    """What the review decided, and why; this completes the review."""
    form = DecisionForm(posted(request))
    if form_saved(
        request,
        form,
        lambda: record_services.review_decide(
            meeting=meeting,
            user=request.user,
            decisions=form.cleaned_data["decisions"],
            reasons=form.cleaned_data["reasons"],
            dp_change_kind=form.cleaned_data["dp_change_kind"],
            dp_change_reason=form.cleaned_data["dp_change_reason"],
        ),
    ):
        meeting.refresh_from_db()
        messages.success(
            request,
            f"The review is complete: {decided_words(meeting.record)}. The next review dates "
            "now run from the meeting.",
        )
        return to_meeting(meeting, "#decision")
    context = {
        "form": form,
        "meeting": meeting,
        "person": meeting.person,
        "when": when_words(meeting),
        "status": meeting.status,
    }
    return render(request, "reviews/meetings/decide.html", context)


@meeting_page("Review record (PDF)", allowed=access.can_see_reviews)
@require_safe
def record_download(request, meeting):
    """The review record as a tagged PDF, in plain English, for the person to keep."""
    deny_unless(hasattr(meeting, "record"))
    content = record_pdf(
        meeting=meeting,
        you=voice(request, meeting.person)["you"],
        next_review=next_review_for(request.user, meeting.person),
    )
    name = f"review-{slugify(meeting.person.display_name)}-{meeting.meets_on}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def provider_review(request, person_id, meeting_id):
    """A provider with consent: the agreed outcomes, the actions given to their organisation,
    and the parts of the record the person chose to share. Never money."""
    deny_unless(access.is_provider_user(request.user))
    person = get_object_or_404(Person.objects.consented_to_provider_of(request.user), id=person_id)
    meeting = get_object_or_404(
        ReviewMeeting.objects.shared_with_provider(request.user).select_related("record"),
        id=meeting_id,
        person=person,
    )
    people_services.record_access_log(
        person=person, user=request.user, what="Review record (provider)", acting_for=None
    )
    record = meeting.record
    ours = access.provider_ids(request.user)
    context = {
        "name": person.display_name,
        "when": long_date(meeting.meets_on),
        "outcomes": [row.in_my_words for row in record.progress.all()],
        "actions": [
            {"what": a.what, "due_on": a.due_on, "done": a.status == "done"}
            for a in meeting.actions.filter(owner="invitee", owner_invitee__provider_id__in=ours)
        ],
        "working": (record.working, record.not_working) if meeting.share_working else None,
        "profile": [(record._meta.get_field(n).verbose_name, getattr(record, n)) for n in PROFILE]
        if meeting.share_profile
        else None,
        "decision": _shared_decision(record) if meeting.share_decision else None,
    }
    return render(request, "reviews/meetings/provider_review.html", context)


def _shared_decision(record) -> dict | None:
    """What the review decided, without anything about money (the budget or the direct
    payment), for a provider the person shared it with."""
    if not record.is_decided:
        return None
    kept = {"no_change", "revise_plan", "reassess"}
    return {
        "decided": [
            label for value, label in DECISION_CHOICES if value in kept and getattr(record, value)
        ],
        "reasons": record.decision_reasons,
    }
