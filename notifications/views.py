"""How a person hears from the service, and the messages staff must follow up by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.pages import deny_unless, form_saved, posted
from people import access
from people.models import Representative
from people.pages import person_page

from . import services
from .forms import PreferenceForm
from .models import Message


@person_page("How we contact you", allowed=access.can_manage_consent)
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, person):
    own = person.user_id == request.user.pk
    saved_now = services.preference_for(person)
    initial = {"channel": saved_now.channel, "easy_read": saved_now.easy_read} if saved_now else {}
    form = PreferenceForm(
        posted(request), initial=initial, name=None if own else person.display_name
    )
    if form_saved(
        request,
        form,
        lambda: services.preference_save(
            person=person,
            user=request.user,
            channel=form.cleaned_data["channel"],
            easy_read=form.cleaned_data["easy_read"],
        ),
    ):
        messages.success(
            request,
            "Thank you: we will contact them that way."
            if not own
            else "Thank you: we will contact you that way.",
        )
        return redirect("notifications:preferences", person_id=person.id)
    context = {
        "person": person,
        "form": form,
        "own": own,
        "representatives": Representative.objects.active().filter(person=person),
        "sent": Message.objects.visible_to(request.user).filter(person=person)[:20],
    }
    return render(request, "notifications/preferences.html", context)


@login_required
@require_safe
def unsent(request):
    """Messages that could not be sent after every try, for council staff to follow up."""
    councils = list(access.la_roles(request.user).keys())
    deny_unless(bool(councils))
    failed = (
        Message.objects.visible_to(request.user)
        .needing_staff()
        .filter(person__local_authority_id__in=councils)
        .select_related("person")
    )
    page = Paginator(failed, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/unsent.html", {"page": page})
