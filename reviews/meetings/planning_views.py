"""Pages for planning a review meeting with the person: scheduling it, the meeting's own page,
when and where, what they need and want to talk about, who comes, the invitations, and what
providers may see of the record."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.formats import long_date
from core.forms import ConfirmForm
from core.pages import form_saved, posted
from people import access
from people.pages import person_page

from ..due import next_review_for
from ..models import ReviewMeeting
from . import invitations, services
from .actions import dp_change_action_in, owner_words
from .forms import InviteeForm, MeetingPlanForm, SharingForm, WhenAndWhereForm
from .links import link_works
from .pages import invitee_page, meeting_page
from .presenters import perspectives, place_words, side_by_side, stored_budget, when_words
from .tools import tools_shown

WHEN_FIELDS = ["meets_on", "meets_at", "place", "place_details", "facilitator"]


def meeting_url(meeting: ReviewMeeting) -> str:
    return reverse(
        "reviews:meeting", kwargs={"person_id": meeting.person_id, "meeting_id": meeting.id}
    )


def to_meeting(meeting: ReviewMeeting, anchor: str = ""):
    """Back to the meeting's page, at the section named."""
    return redirect(meeting_url(meeting) + anchor)


def voice(request, person) -> dict:
    """How pages speak: to the person ('you') or about them by name."""
    you = access.is_the_person(request.user, person)
    return {"you": you, "name": "" if you else person.display_name}


@person_page("Schedule a review meeting", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def schedule(request, person):
    """Casework staff schedule the meeting; the person then plans it with them."""
    open_meeting = ReviewMeeting.objects.visible_to(request.user).open().filter(person=person)
    form = WhenAndWhereForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.meeting_schedule(
            person=person, user=request.user, **{n: form.cleaned_data[n] for n in WHEN_FIELDS}
        ),
    ):
        messages.success(
            request,
            f"The review meeting is on {when_words(saved.result)}. Now plan it with "
            f"{person.display_name}: who comes, and what they want to talk about.",
        )
        return to_meeting(saved.result)
    context = {
        "form": form,
        "person": person,
        "open_meeting": open_meeting.first(),
        "due": next_review_for(request.user, person),
    }
    return render(request, "reviews/meetings/schedule.html", context)


@meeting_page("Review meeting", allowed=access.can_see_reviews)
@require_safe
def meeting(request, meeting):
    """Everything about one review meeting, planning to decision, on one page."""
    person = meeting.person
    spoken = voice(request, person)
    views = perspectives(meeting, you=spoken["you"])
    record = getattr(meeting, "record", None)
    invitees = list(meeting.invitees.select_related("provider"))
    sent = invitations.invitations_recorded(meeting)
    for invitee in invitees:
        invitee.invitation = sent.get(invitee.id)
        invitee.answered = any(v.answer.invitee_id == invitee.id for v in views)
        invitee.private_link = (
            invitations.answer_url(invitee)
            if invitee.contact == "self" and not invitee.provider_id and link_works(meeting)
            else ""
        )
    actions = list(meeting.actions.select_related("owner_user", "owner_invitee"))
    for action in actions:
        action.owner_shown = owner_words(action, you=person if spoken["you"] else None)
    context = {
        **spoken,
        "meeting": meeting,
        "person": person,
        "when": when_words(meeting),
        "where": place_words(meeting),
        "invitees": invitees,
        "views": views,
        "answers_table": side_by_side(views),
        "own_answer": next((v for v in views if v.is_the_persons_own), None),
        "record": record,
        "progress": list(record.progress.all()) if record else [],
        "tools": tools_shown(record) if record else [],
        "budget": stored_budget(record) if record and record.has_budget else None,
        "actions": actions,
        "dp_action": dp_change_action_in(actions, meeting),
        "held": getattr(meeting, "held", None),
        "next_review": next_review_for(request.user, person) if record else None,
        "can_plan": access.can_plan_review(request.user, person) and meeting.is_planned,
        "can_record": access.can_edit_person(request.user, person),
        "is_person_side": access.is_self_or_representative(request.user, person),
    }
    return render(request, "reviews/meetings/meeting.html", context)


@meeting_page("Change when and where the review meeting is", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_change(request, meeting):
    initial = {name: getattr(meeting, name) for name in WHEN_FIELDS}
    form = WhenAndWhereForm(posted(request), initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.meeting_change(
            meeting=meeting, user=request.user, **{n: form.cleaned_data[n] for n in WHEN_FIELDS}
        ),
    ):
        messages.success(
            request, "The meeting has changed. Send the invitations again for the new time."
        )
        return to_meeting(meeting)
    context = {"form": form, "meeting": meeting, "person": meeting.person}
    return render(request, "reviews/meetings/change.html", context)


@meeting_page("Plan the review meeting", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_plan(request, meeting):
    """What the person wants to talk about, and what they need to take part."""
    person = meeting.person
    spoken = voice(request, person)
    names = ["topics", "communication", "wants_advocate", "easy_read"]
    initial = {name: getattr(meeting, name) for name in names}
    form = MeetingPlanForm(posted(request), initial=initial, name=spoken["name"])
    if form_saved(
        request,
        form,
        lambda: services.meeting_plan_save(
            meeting=meeting, user=request.user, **{n: form.cleaned_data[n] for n in names}
        ),
    ):
        messages.success(request, "The plan for the meeting is saved.")
        return to_meeting(meeting)
    context = {**spoken, "form": form, "meeting": meeting, "person": person}
    return render(request, "reviews/meetings/plan.html", context)


@meeting_page("Invite someone to the review meeting", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def invitee_add(request, meeting):
    person = meeting.person
    providers = services.consented_providers(person)
    form = InviteeForm(posted(request), providers=providers)
    if saved := form_saved(
        request,
        form,
        lambda: services.invitee_add(meeting=meeting, user=request.user, details=form.cleaned_data),
    ):
        messages.success(
            request,
            f"{saved.result.name} is on the list. Send the invitations when everyone is on it.",
        )
        return to_meeting(meeting, "#who-is-coming")
    context = {**voice(request, person), "form": form, "meeting": meeting, "person": person}
    return render(request, "reviews/meetings/invitee_add.html", context)


@invitee_page("Take someone off the review meeting list", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def invitee_remove(request, invitee):
    form = ConfirmForm(posted(request))
    meeting = invitee.meeting
    if form_saved(
        request, form, lambda: services.invitee_remove(invitee=invitee, user=request.user)
    ):
        messages.success(request, f"{invitee.name} is no longer on the list.")
        return to_meeting(meeting, "#who-is-coming")
    context = {"form": form, "invitee": invitee, "meeting": meeting, "person": meeting.person}
    return render(request, "reviews/meetings/invitee_remove.html", context)


@meeting_page("Send the review meeting invitations", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def invitations_send(request, meeting):
    form = ConfirmForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: invitations.invitations_send(meeting=meeting, user=request.user),
    ):
        made = saved.result
        messages.success(
            request,
            "Everyone has already been invited to this date and time."
            if not made
            else f"{made} invitation{'s' if made != 1 else ''} sent.",
        )
        return to_meeting(meeting, "#who-is-coming")
    invitees = list(meeting.invitees.all())
    sent = invitations.invitations_recorded(meeting)
    context = {
        **voice(request, meeting.person),
        "form": form,
        "meeting": meeting,
        "person": meeting.person,
        "when": when_words(meeting),
        "to_send": [i for i in invitees if i.contact != "self" and i.id not in sent],
        "telling": [i for i in invitees if i.contact == "self"],
        "already": [i for i in invitees if i.id in sent],
        "date": long_date(meeting.meets_on),
    }
    return render(request, "reviews/meetings/send.html", context)


@meeting_page("What providers can see of the review", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def sharing(request, meeting):
    initial = {"shared": [k for k, n in services.SHARE_FIELDS.items() if getattr(meeting, n)]}
    form = SharingForm(posted(request), initial=initial)
    if form_saved(
        request,
        form,
        lambda: services.meeting_sharing_save(
            meeting=meeting, user=request.user, shared=form.cleaned_data["shared"]
        ),
    ):
        messages.success(request, "What providers can see is saved.")
        return to_meeting(meeting, "#sharing")
    context = {
        **voice(request, meeting.person),
        "form": form,
        "meeting": meeting,
        "person": meeting.person,
        "providers": services.consented_providers(meeting.person),
    }
    return render(request, "reviews/meetings/sharing.html", context)
