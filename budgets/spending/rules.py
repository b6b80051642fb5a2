"""Checks on each payment logged from a direct payment. A check never blocks or hides a payment:
it raises a question (a RuleFlag) with a kind explanation, which the person can answer and a
finance officer resolves. Each rule flags a payment at most once.
"""

import re

from ..models import DisallowedSpending, RuleFlag, Transaction
from ..monitoring import rows as monitoring_rows

Rule = RuleFlag.Rule
WORD = re.compile(r"[^\w]+")


def _words(text: str) -> list[str]:
    return [word for word in WORD.split((text or "").casefold()) if word]


def _contains_phrase(words: list[str], phrase: list[str]) -> bool:
    """Whether the phrase's words appear together, in order, in `words` (whole words only)."""
    size = len(phrase)
    return size > 0 and any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr"}


def payee_matches(payee: str, name: str) -> bool:
    """Whether a payee looks like this person however a statement writes them: their full
    name anywhere ("Payment to Grace Okafor"), their first name alone, initial and surname in
    either order ("G Okafor", "OKAFOR G"), or a title and their surname ("Ms Okafor")."""
    all_words, name_words = _words(payee), _words(name)
    payee_words = [word for word in all_words if word not in TITLES]
    if not name_words or not payee_words:
        return False
    if _contains_phrase(payee_words, name_words) or payee_words == name_words[:1]:
        return True
    if len(name_words) < 2:
        return False
    first, last = name_words[0], name_words[-1]
    if payee_words == [last]:
        return len(all_words) > len(payee_words)  # a title shows it is a person, not a firm
    if len(payee_words) == 2 and last in payee_words:
        other = payee_words[1] if payee_words[0] == last else payee_words[0]
        return other in (first, first[0])
    return False


def restricted_relative(plan, payee: str, decided=frozenset()):
    """Someone in the plan's circle, named by `payee`, whom a DP may pay only if the council
    decided it is necessary, with no such decision: `decided` holds the ids of relationships
    a decision covers. Used for payments and for the people who work for the person."""
    for relationship in plan.relationships.all():
        if not relationship.needs_necessary_decision or relationship.id in decided:
            continue
        if payee_matches(payee, relationship.name):
            return relationship
    return None


def _restricted_relative(txn: Transaction):
    """A decision covers the person it was made for on the payment's line, no one else."""
    line = txn.support_line
    covered = {line.payee_id} if line is not None and line.necessary_decision.strip() else set()
    return restricted_relative(txn.budget.plan, txn.payee, covered)


def _relative_message(relationship) -> str:
    who = relationship.get_relationship_type_display().lower()
    return (
        f"This payment seems to be to {relationship.name} ({who} in your support plan). "
        "A direct payment can pay a husband, wife or partner, or a close relative who lives "
        "with you, only when the council has agreed that it is necessary, and there is no such "
        "decision for this support yet. This may be fine: tell the council what the payment was "
        "for, and they will look at it with you."
    )


def _not_allowed_matches(txn: Transaction) -> list[tuple[str, str]]:
    """(label, the word that matched) for each item on the council's list the payment mentions."""
    words = _words(f"{txn.payee} {txn.note}")
    found = []
    authority_id = txn.budget.person.local_authority_id
    for item in DisallowedSpending.objects.filter(authority_id=authority_id):
        for keyword in item.keywords.splitlines():
            if _contains_phrase(words, _words(keyword)):
                found.append((item.label, keyword.strip()))
                break
    return found


def _not_allowed_message(txn: Transaction, found: list[tuple[str, str]]) -> str:
    council = txn.budget.person.local_authority
    listed = "; ".join(f"{label.lower()} (it mentions '{word}')" for label, word in found)
    return (
        f"{council} lists some things a direct payment is not usually used for, and this "
        f"payment looks like one of them: {listed}. It may be something else, or it may help "
        "with an outcome in your plan. You can explain what it was for, and the council will "
        "look at it with you."
    )


NOT_IN_PLAN_MESSAGE = (
    "This payment is not linked to any support in your plan. That can be fine: direct payments "
    "can be used flexibly. Tell the council what it was for and how it helps with your outcomes."
)


def _flag(txn: Transaction, rule: str, message: str) -> RuleFlag:
    flag, _ = RuleFlag.objects.get_or_create(
        transaction=txn, rule=rule, defaults={"message": message}
    )
    monitoring_rows.budgets_changed([txn.budget_id])
    return flag


UNLINKED_REFUND_MESSAGE = (
    "This money coming back is not linked to a payment made from the account, so the council "
    "will ask where it came from. That can be fine: say what it was, for example a deposit "
    "returned."
)
LOGGED_AGAIN_MESSAGE = (
    "This looks the same as a payment logged before (same amount, date and payee), and it was "
    "logged again on purpose. The council will check that it was not paid twice."
)


def flag_logged_again(txn: Transaction) -> RuleFlag:
    """The person said yes to logging what looks like the same payment again."""
    return _flag(txn, Rule.POSSIBLE_DUPLICATE, LOGGED_AGAIN_MESSAGE)


def check_refund(txn: Transaction) -> list[RuleFlag]:
    """A refund that refers to no payment from the account gets a question."""
    if txn.kind != Transaction.Kind.REFUND or txn.refund_of_id:
        return []
    return [_flag(txn, Rule.UNUSUAL_REFUND, UNLINKED_REFUND_MESSAGE)]


def same_payee(first: str, second: str) -> bool:
    """Whether two payee names are the same whatever the case, spaces and punctuation."""
    return _words(first) == _words(second) and bool(_words(first))


def check_spend(txn: Transaction) -> list[RuleFlag]:
    """Run every rule on a logged payment and record a question for each one it raises."""
    if txn.kind == Transaction.Kind.REFUND:
        return check_refund(txn)
    if txn.kind != Transaction.Kind.SPEND:
        return []
    flags = []
    if relative := _restricted_relative(txn):
        flags.append(_flag(txn, Rule.RELATIVE_IN_HOUSEHOLD, _relative_message(relative)))
    if found := _not_allowed_matches(txn):
        flags.append(_flag(txn, Rule.NOT_ALLOWED, _not_allowed_message(txn, found)))
    if txn.support_line_id is None:
        flags.append(_flag(txn, Rule.NOT_IN_PLAN, NOT_IN_PLAN_MESSAGE))
    return flags
