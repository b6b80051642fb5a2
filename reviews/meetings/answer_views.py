"""Pages for answering the review questions before the meeting: the person (or their
representative) signed in; council staff typing in answers that came on paper; an invitee
through their private link, with no account; a provider's staff, signed in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from core.pages import deny_unless, form_saved, posted
from people import access
from people import services as people_services
from people.models import Person

from ..models import ReviewAnswer, ReviewInvitee
from .answers import QUESTIONS, answer_save
from .forms import AnswersForm
from .links import LinkClosed, invitee_from_token
from .pages import invitee_page, meeting_page
from .planning_views import to_meeting, voice
from .presenters import place_words, when_words

Source = ReviewAnswer.Source


def _initial(meeting, invitee) -> dict:
    answer = meeting.answers.filter(invitee=invitee).first()
    return {name: getattr(answer, name) for name in QUESTIONS} if answer else {}


def _answers_page(request, meeting, invitee, *, source, name, user, template, extra=None):
    """Show the questions (with any answers already given) and keep what is sent."""
    form = AnswersForm(posted(request), initial=_initial(meeting, invitee), name=name)
    saved = form_saved(
        request,
        form,
        lambda: answer_save(
            meeting=meeting, invitee=invitee, answers=form.cleaned_data, source=source, user=user
        ),
    )
    context = {
        "form": form,
        "meeting": meeting,
        "person": meeting.person,
        "invitee": invitee,
        "when": when_words(meeting),
        "where": place_words(meeting),
        "saved": bool(saved),
        **(extra or {}),
    }
    return saved, render(request, template, context)


@meeting_page("Review questions: the person's own answers", allowed=access.can_plan_review)
@require_http_methods(["GET", "HEAD", "POST"])
def answer_person(request, meeting):
    """The person's own view, given by them or their representative, or typed in from paper
    by council staff."""
    person = meeting.person
    on_paper = not access.is_self_or_representative(request.user, person)
    spoken = voice(request, person)
    saved, page = _answers_page(
        request,
        meeting,
        None,
        source=Source.PAPER if on_paper else Source.SIGNED_IN,
        name=spoken["name"],
        user=request.user,
        template="reviews/meetings/answer.html",
        extra={**spoken, "on_paper": on_paper},
    )
    if saved:
        messages.success(request, "The answers are saved. Everyone at the meeting will see them.")
        return to_meeting(meeting, "#answers")
    return page


@invitee_page("Review questions: answers on paper", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def answer_invitee(request, invitee):
    """Council staff type in an invitee's answers that came on paper."""
    meeting = invitee.meeting
    saved, page = _answers_page(
        request,
        meeting,
        invitee,
        source=Source.PAPER,
        name=meeting.person.display_name,
        user=request.user,
        template="reviews/meetings/answer.html",
        extra={"on_paper": True},
    )
    if saved:
        messages.success(request, f"{invitee.name}'s answers are saved, as given on paper.")
        return to_meeting(meeting, "#answers")
    return page


def _private(response):
    """Nothing about the link's page is kept by a browser or shown to search engines."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def answer_by_link(request, token):
    """An invitee answers through the private link they were sent: no account is needed, and
    the link stops working once the meeting has taken place."""
    try:
        invitee = invitee_from_token(token)
    except LinkClosed as closed:
        page = render(request, "reviews/meetings/link_closed.html", {"message": closed.message})
        page.status_code = closed.status
        return _private(page)
    meeting = invitee.meeting
    saved, page = _answers_page(
        request,
        meeting,
        invitee,
        source=Source.LINK,
        name=meeting.person.preferred_name or meeting.person.first_name,
        user=request.user if request.user.is_authenticated else None,
        template="reviews/meetings/answer_by_link.html",
    )
    return _private(page)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def provider_answer(request, person_id, meeting_id):
    """A provider's staff answer for their organisation, signed in."""
    deny_unless(access.is_provider_user(request.user))
    person = get_object_or_404(Person.objects.consented_to_provider_of(request.user), id=person_id)
    invitee = (
        ReviewInvitee.objects.shared_with_provider(request.user)
        .select_related("meeting__person", "provider")
        .filter(meeting_id=meeting_id, meeting__person=person)
        .first()
    )
    deny_unless(invitee is not None)
    if request.method == "GET":
        people_services.record_access_log(
            person=person, user=request.user, what="Review questions (provider)", acting_for=None
        )
    _, page = _answers_page(
        request,
        invitee.meeting,
        invitee,
        source=Source.SIGNED_IN,
        name=person.display_name,
        user=request.user,
        template="reviews/meetings/answer_by_link.html",
        extra={"provider": invitee.provider},
    )
    return page
