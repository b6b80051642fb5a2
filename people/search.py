"""Finding people on a caseload by what staff have in front of them: a name, a postcode, the
council's case reference, an NHS number or a date of birth (27/3/1958, 27 3 1958, 1958-03-27).

What staff type is personal data, so it never goes in an address (addresses end up in access
logs and browser history): the search form is posted, the words are kept in the member of
staff's session, and the results page is addressed by a short random key.
"""

import re
import secrets
from datetime import date

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace

DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ /.\-]+(\d{1,2})[ /.\-]+(\d{4})$")
YEAR_MONTH_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def date_typed(text: str) -> date | None:
    """The date in `text` if it is a whole date written the ways people write one, else None."""
    text = text.strip()
    if found := DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := YEAR_MONTH_DAY.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def search_people(people: QuerySet, query: str) -> QuerySet:
    """The people in `people` that `query` finds. Every word must match part of a name, or the
    whole query must match a postcode, case reference, NHS number or date of birth."""
    query = " ".join(query.split())
    if not query:
        return people
    compact = re.sub(r"[\s\-]", "", query)
    names = Q()
    for word in query.split(" "):
        names &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    found = (
        names
        | Q(compact_postcode__icontains=compact)
        | Q(case_reference__iexact=query)
        | Q(compact_case_reference__icontains=compact)
    )
    if len(compact) == 10 and compact.isascii() and compact.isdigit():
        found |= Q(nhs_number=compact)
    if born := date_typed(query):
        found |= Q(date_of_birth=born)
    return people.annotate(
        compact_postcode=Replace("postcode", Value(" "), Value("")),
        compact_case_reference=Replace(
            Replace("case_reference", Value(" "), Value("")), Value("-"), Value("")
        ),
    ).filter(found)


SESSION_KEY = "caseload_searches"
SEARCHES_KEPT = 20


def search_remember(session, query: str) -> str:
    """Keep the words searched for in the session; the random key that finds them again."""
    searches = session.get(SESSION_KEY, {})
    key = secrets.token_urlsafe(8)
    searches[key] = query
    session[SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return key


def search_recalled(session, key: str) -> str | None:
    """The words kept under `key` in this session, or None if there are none (another
    person's key, or one from a session that has ended)."""
    return session.get(SESSION_KEY, {}).get(key)
