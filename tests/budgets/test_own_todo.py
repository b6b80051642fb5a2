"""The person's (and their representative's) to-do list on the home page: questions the
council has asked about payments, and contributions that look late, with counts; the
number of queries does not grow with the number of budgets."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from budgets.models import ExpectedContribution, RuleFlag
from tests.builders import pay_in, spend


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("people:dashboard")).text


def _question(transaction, rule=RuleFlag.Rule.NOT_IN_PLAN):
    RuleFlag.objects.create(transaction=transaction, rule=rule, message="Which line is this for?")


def _late(budget, day):
    ExpectedContribution.objects.create(
        budget=budget, due_on=date(2026, 11, day), amount=Decimal("10.00"), status="late"
    )


def test_open_questions_and_late_contributions_are_counted_once_each(client, dp_part, person):
    budget = dp_part.budget
    pay_in(dp_part, person.user, "600.00")
    first, _ = spend(dp_part, person.user, "20.00", "s-1")
    second, _ = spend(dp_part, person.user, "30.00", "s-2")
    answered, _ = spend(dp_part, person.user, "40.00", "s-3")
    _question(first)
    _question(first, RuleFlag.Rule.POSSIBLE_DUPLICATE)  # two questions, one payment
    _question(second)
    _question(answered)
    RuleFlag.objects.filter(transaction=answered).update(status=RuleFlag.Status.RESOLVED)
    _late(budget, 2)
    _late(budget, 30)

    page = _home(client, person.user)

    assert "The council has a question about 2 payments from your direct payment" in page
    assert "2 contributions to your budget look late" in page
    assert reverse("payments:person_contributions", args=[budget.id]) in page


def test_nothing_is_listed_when_nothing_is_open(client, dp_part, person):
    pay_in(dp_part, person.user, "600.00")
    spend(dp_part, person.user, "20.00", "s-1")
    page = _home(client, person.user)
    assert "question about" not in page and "look late" not in page
