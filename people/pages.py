"""The one way every app opens a page about a person: load, check, open the record, log it.

`record_page` loads the object named in the URL through a `visible_to(user)` queryset (so another
person's record is a 404, never a 403), applies a named predicate from people/access.py, then
opens the record: people and representatives must have switched to that person first, and every
opening is written to the access log the person can read.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect

from core.pages import deny_unless

from . import access, services
from .models import Person


def open_record(request, person: Person, what: str):
    """None when the user may carry on with this page about `person`, after logging the opening;
    otherwise the redirect to choose whose record to use.

    People and representatives use one record at a time: they must switch to it first, so that
    every page they see is about the person named in the banner.
    """
    if not access.la_roles_for(request.user, person) and request.acting_for != person:
        messages.info(request, "Choose whose record you want to use.")
        return redirect("people:acting_for")
    if request.method == "GET":
        services.record_access_log(
            person=person, user=request.user, what=what, acting_for=request.acting_for
        )
    return None


def record_page(
    what: str,
    *,
    key: str,
    objects: Callable,
    allowed: Callable | None = None,
    person_of: Callable = lambda found: found.person,
):
    """A view decorator for a page about one object of a person's record.

    `key` is the URL argument holding the object's id; `objects(user)` is the queryset it is
    loaded from (always through visible_to); `allowed(user, person)` is a predicate from
    people/access.py. A `person_id` in the URL must be the object's person. The view is called
    with the object in place of its id.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, **kwargs):
            found = get_object_or_404(objects(request.user), id=kwargs.pop(key))
            person = person_of(found)
            person_id = kwargs.pop("person_id", person.id)
            deny_unless(person_id == person.id)
            deny_unless(allowed is None or allowed(request.user, person))
            return open_record(request, person, what) or view(request, found, **kwargs)

        return wrapper

    return decorator


def _people(user):
    return Person.objects.visible_to(user).select_related("local_authority", "user")


def person_page(what: str, *, allowed: Callable | None = None):
    """record_page for a page whose URL names the person themselves (person_id)."""
    return record_page(
        what, key="person_id", objects=_people, allowed=allowed, person_of=lambda person: person
    )
