"""What is waiting in reviews, for council staff's to-do list and daily digest (people.todo)."""

from django.urls import reverse

from people import access
from people.todo import ToDo, counted

from .due import review_list_for
from .schedule import ReviewStatus

WORDS = [
    (ReviewStatus.OVERDUE, "1 review is overdue", "{count} reviews are overdue"),
    (ReviewStatus.REQUESTED, "1 review has been asked for", "{count} reviews have been asked for"),
]


def review_todo(user) -> list[ToDo]:
    """Overdue reviews and reviews asked for, on the caseloads this member of staff works on."""
    if not access.casework_authorities(user).exists():
        return []
    rows = review_list_for(user)
    items = []
    for status, one, many in [
        (ReviewStatus.OVERDUE, "1 review is overdue", "{count} reviews are overdue"),
        (
            ReviewStatus.REQUESTED,
            "1 review has been asked for",
            "{count} reviews have been asked for",
        ),
    ]:
        count = sum(1 for row in rows if row.status == status)
        if count:
            url = reverse("reviews:list") + f"?status={status.value}"
            items.append(ToDo(counted(count, one, many), url, count))
    return items
