"""The council's list of things a direct payment is not usually used for, kept by its
administrators with the other local settings. The spending rules (budgets.spending.rules) flag a
payment that mentions an item's words; every change is kept in the item's history (who, when).

The statutory guidance warns against long lists of what a direct payment cannot buy: the page
says so once the list has more than LONG_LIST items.
"""

from django.db import IntegrityError, transaction

from budgets.models import DisallowedSpending
from core.errors import DomainError

from .. import access

LONG_LIST = 6
LONG_LIST_WARNING = (
    "The guidance warns against long lists of what a direct payment cannot be used for: they "
    "take away the choice and control direct payments are for. Keep only what really matters, "
    "and remember a match only asks the person a question; it never stops a payment."
)
LABEL_LIMIT = DisallowedSpending._meta.get_field("label").max_length


def spending_list(authority):
    """The council's items, in the order of their names."""
    return DisallowedSpending.objects.filter(authority=authority).order_by("label")


def spending_list_warning(count: int) -> str:
    """The warning to show when the list has grown past a handful ("" otherwise)."""
    return LONG_LIST_WARNING if count > LONG_LIST else ""


def _keywords(text: str) -> str:
    words, seen = [], set()
    for line in (text or "").splitlines():
        word = " ".join(line.split())
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)
    if not words:
        raise DomainError(
            "Enter at least one word that suggests it, like 'casino', one on each line",
            field="keywords",
        )
    return "\n".join(words)


def _check(authority, user, label: str, keywords: str, item=None) -> tuple[str, str]:
    if not access.can_change_council_settings(user, authority):
        raise DomainError("Only this council's administrators can change its list.")
    label = " ".join((label or "").split())
    if not label:
        raise DomainError("Enter what is not allowed, like 'Gambling'", field="label")
    if len(label) > LABEL_LIMIT:
        raise DomainError(f"Keep the name to {LABEL_LIMIT} characters or fewer", field="label")
    same = spending_list(authority).filter(label__iexact=label)
    if item is not None:
        same = same.exclude(pk=item.pk)
    if same.exists():
        raise DomainError(
            f"'{label}' is already on the list. Change that item instead", field="label"
        )
    return label, _keywords(keywords)


def _saved(item: DisallowedSpending, user) -> DisallowedSpending:
    item._history_user = user  # recorded in the history whoever calls this
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:  # the same name added at the same moment
        raise DomainError(
            f"'{item.label}' is already on the list. Change that item instead", field="label"
        ) from error
    return item


@transaction.atomic
def spending_item_add(*, authority, user, label: str, keywords: str) -> DisallowedSpending:
    """Add an item to the council's list."""
    label, keywords = _check(authority, user, label, keywords)
    item = DisallowedSpending(authority=authority, label=label, keywords=keywords)
    return _saved(item, user)


@transaction.atomic
def spending_item_change(*, item: DisallowedSpending, user, label: str, keywords: str):
    """Reword an item: its name or the words that suggest it."""
    item = DisallowedSpending.objects.select_for_update().get(pk=item.pk)
    label, keywords = _check(item.authority, user, label, keywords, item)
    if (label, keywords) == (item.label, item.keywords):
        raise DomainError("Nothing has changed. Change the name or the words, or go back")
    item.label, item.keywords = label, keywords
    return _saved(item, user)


@transaction.atomic
def spending_item_remove(*, item: DisallowedSpending, user) -> str:
    """Take an item off the list; its history stays. Returns its name."""
    if not access.can_change_council_settings(user, item.authority):
        raise DomainError("Only this council's administrators can change its list.")
    label = item.label
    item._history_user = user  # recorded in the history whoever calls this
    item.delete()
    return label


def spending_list_history(authority, limit: int = 20):
    """The latest changes to the list, newest first, each with who made it."""
    return (
        DisallowedSpending.history.filter(authority_id=authority.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
