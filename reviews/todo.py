"""What is waiting in reviews, for council staff's to-do list and daily digest (people.todo)."""

from django.urls import reverse

from people import access
from people.todo import ToDo, counted

from .due import review_counts_for
from .schedule import ReviewStatus

# Each status staff hear about, most pressing first, with the list filtered to it. "Due soon" is
# the window the person's own reminder uses (reviews/reminders.py: four weeks ahead).
WORDS = [
    (ReviewStatus.OVERDUE, "1 review is overdue", "{count} reviews are overdue"),
    (ReviewStatus.REQUESTED, "1 review has been asked for", "{count} reviews have been asked for"),
    (
        ReviewStatus.DUE_SOON,
        "1 review is due in the next 4 weeks",
        "{count} reviews are due in the next 4 weeks",
    ),
]


def review_todo(user) -> list[ToDo]:
    """Overdue reviews, reviews asked for and reviews due in the next four weeks, on the
    caseloads this member of staff works on, each linked to the review list filtered to them."""
    if not access.casework_authorities(user).exists():
        return []
    counts = review_counts_for(user)
    items = []
    for status, one, many in WORDS:
        count = counts.get(status, 0)
        if count:
            url = reverse("reviews:list") + f"?status={status.value}"
            items.append(ToDo(counted(count, one, many), url, count))
    return items
