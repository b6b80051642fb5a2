"""Small helpers every view uses."""

from django.http import Http404


def posted(request):
    """The form data of a POST, even an empty one (it must still show its errors), or None."""
    return request.POST if request.method == "POST" else None


def deny_unless(allowed: bool) -> None:
    """404 unless allowed: a page someone may not use looks like a page that does not exist."""
    if not allowed:
        raise Http404("Page not found")
