"""Review pages: the staff review list, a person's reviews, asking for a review and recording
one that was held."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.formats import long_date
from core.pages import deny_unless, form_saved, posted
from people import access
from people.pages import person_page

from . import services
from .due import listed, next_review_for, review_list_for
from .forms import AskForReviewForm, RecordReviewForm, ReviewFilterForm, StartReviewForm
from .meetings.actions import owner_words
from .models import HeldReview, ReviewAction, ReviewMeeting, ReviewRequest

PER_PAGE = 50


@login_required
@require_safe
def review_list(request):
    """Everyone on the council's caseload with an approved plan, and when their review is due."""
    deny_unless(access.is_la_staff(request.user))
    form = ReviewFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    people = review_list_for(
        request.user, status=chosen.get("status", ""), clock=chosen.get("clock", "")
    )
    # A council has thousands: filtered, sorted and paged in the database on the stored dates,
    # 50 to a page (working out every schedule on each request took seconds: issue 15).
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = listed(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "reviews/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@person_page("Reviews", allowed=access.can_see_reviews)
@require_safe
def person_reviews(request, person):
    context = {
        "person": person,
        "due": next_review_for(request.user, person),
        "requests": ReviewRequest.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("asked_by"),
        "can_ask": access.can_ask_for_review(request.user, person),
        "can_record": access.can_edit_person(request.user, person),
        "held": HeldReview.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("recorded_by"),
        "is_the_person": access.is_the_person(request.user, person),
        **_meetings_and_actions(request.user, person),
    }
    return render(request, "reviews/person_reviews.html", context)


def _meetings_and_actions(user, person) -> dict:
    """The person's review meetings, and every action from them (open ones first)."""
    meetings = list(ReviewMeeting.objects.visible_to(user).filter(person=person))
    actions = list(
        ReviewAction.objects.visible_to(user)
        .filter(meeting__person=person)
        .select_related("meeting", "owner_user", "owner_invitee")
        .order_by("-status", "due_on")
    )
    you = person if access.is_the_person(user, person) else None
    for action in actions:
        action.owner_shown = owner_words(action, you=you)
    return {
        "meetings": meetings,
        "actions": actions,
        "can_schedule": access.can_edit_person(user, person)
        and not any(m.status != ReviewMeeting.Status.COMPLETED for m in meetings),
    }


@person_page("Ask for a review", allowed=access.can_ask_for_review)
@require_http_methods(["GET", "HEAD", "POST"])
def review_ask(request, person):
    asking = access.is_self_or_representative(request.user, person)
    form = (AskForReviewForm if asking else StartReviewForm)(posted(request))
    if form_saved(
        request,
        form,
        lambda: services.review_request_ask(
            person=person,
            asked_by=request.user,
            reason=form.cleaned_data["reason"],
            kind=form.cleaned_data.get("kind", ""),
        ),
    ):
        messages.success(
            request, "The review has been asked for. The social worker will be in touch."
        )
        return redirect("reviews:person_reviews", person_id=person.id)
    context = {
        "form": form,
        "person": person,
        "asking": asking,
        "is_the_person": access.is_the_person(request.user, person),
    }
    return render(request, "reviews/ask.html", context)


@person_page("Record a review", allowed=access.can_edit_person)
@require_http_methods(["GET", "HEAD", "POST"])
def review_record(request, person):
    form = RecordReviewForm(posted(request))
    if saved := form_saved(
        request,
        form,
        lambda: services.review_record(
            person=person,
            user=request.user,
            held_on=form.cleaned_data["held_on"],
            summary=form.cleaned_data["summary"],
        ),
    ):
        messages.success(
            request,
            f"The review on {long_date(saved.result.held_on)} is recorded. The next review "
            "dates now run from it.",
        )
        return redirect("reviews:person_reviews", person_id=person.id)
    return render(request, "reviews/record.html", {"form": form, "person": person})
