"""The page where the holder of an existing account accepts or declines a link to a person's
record. Staff asked for the link; nothing is shared with the account until its holder accepts,
signed in as that account (people/services.py, link_invitation_*)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import DomainError
from core.pages import form_saved, posted

from . import services
from .forms import LinkAnswerForm

# Why a link cannot be used, as the status its page answers with.
CLOSED_STATUS = {
    services.LINK_WRONG_ACCOUNT: 403,
    services.LINK_NOT_WORKING: 404,
    services.LINK_EXPIRED: 410,
    services.LINK_USED: 410,
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def link_invitation(request, token):
    """Show who asks and what the account would see; Accept or Decline."""
    try:
        invitation = services.link_invitation_from_token(token)
        services.link_invitation_check(invitation=invitation, user=request.user)
    except DomainError as error:
        return _closed(request, error)
    form = LinkAnswerForm(posted(request))
    if form_saved(request, form, lambda: _answer(request, invitation, form.cleaned_data["answer"])):
        return redirect("people:dashboard")
    context = {"form": form, "invitation": invitation, "person": invitation.person}
    return render(request, "people/link_invitation.html", context)


def _answer(request, invitation, answer: str) -> None:
    person, representative = invitation.person, invitation.representative
    if answer == "accept":
        services.link_invitation_accept(invitation=invitation, user=request.user)
        if representative is None:
            messages.success(request, "Your account is now linked to your record.")
        else:
            kind = representative.get_kind_display().lower()
            messages.success(
                request, f"You can now use {person.display_name}'s record as their {kind}."
            )
        return
    services.link_invitation_decline(invitation=invitation, user=request.user)
    messages.success(
        request,
        "You declined. Your account is not linked to "
        + ("the record." if representative is None else f"{person.display_name}'s record."),
    )


def _closed(request, error: DomainError):
    """A plain page saying why the link cannot be used; nothing about whose it is."""
    context = {
        "problem": error.message,
        "wrong_account": error.message == services.LINK_WRONG_ACCOUNT,
    }
    return render(
        request,
        "people/link_invitation_closed.html",
        context,
        status=CLOSED_STATUS.get(error.message, 410),
    )
