"""Small helpers every view uses."""

from dataclasses import dataclass

from django.http import Http404

from .errors import DomainError
from .forms import add_domain_error


def posted(request):
    """The form data of a POST, even an empty one (it must still show its errors), or None."""
    return request.POST if request.method == "POST" else None


def deny_unless(allowed: bool) -> None:
    """404 unless allowed: a page someone may not use looks like a page that does not exist."""
    if not allowed:
        raise Http404("Page not found")


@dataclass(frozen=True)
class Saved:
    """A form that was sent, checked and acted on; `result` is what the service returned."""

    result: object = None


def form_saved(request, form, action) -> Saved | None:
    """For a POST with a valid form, run `action` (the one service call) and return Saved.

    A DomainError from the service is shown on the form (on its field, or at the top) and
    nothing is saved; a GET, an invalid form or a refused action returns None.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return Saved(action())
    except DomainError as error:
        add_domain_error(form, error)
        return None
