"""The budget review covers every part of the budget (direct payment, managed account, ISF), and
says so; the weeks held and a possible surplus are the direct payment's own, worked out from the
money the direct payment holds, so money in a managed account never makes a surplus."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from budgets.models import BudgetPart
from reviews.meetings.budget import budget_review_for
from tests.builders import pay_in

from .helpers import sign_in
from .meetings import record

TODAY = timezone.localdate()


def _managed_part(budget):
    return BudgetPart.objects.create(
        budget=budget, kind=BudgetPart.Kind.COUNCIL_MANAGED, weekly_amount=Decimal("50.00")
    )


def test_money_in_a_managed_account_counts_as_held_but_not_as_direct_payment_weeks(
    budget, dp_part, social_worker
):
    pay_in(dp_part, social_worker, "300.00", key="dp-1", on=TODAY)  # 2 weeks of £150
    pay_in(_managed_part(budget), social_worker, "1000.00", key="managed-1", on=TODAY)
    review = budget_review_for(budget.person, social_worker, end=TODAY)
    assert review.money_in == Decimal("1300.00") and review.money_held == Decimal("1300.00")
    assert review.dp_held == Decimal("300.00")
    assert review.held_elsewhere == Decimal("1000.00")
    assert review.weeks_held == Decimal("2.0")
    assert not review.possible_surplus  # £1,300 / £150 would have looked like 8.6 weeks


def test_the_record_page_says_what_each_part_holds(
    client, meeting, budget, dp_part, person, social_worker
):
    pay_in(dp_part, social_worker, "300.00", key="dp-1", on=TODAY)
    pay_in(_managed_part(budget), social_worker, "1000.00", key="managed-1", on=TODAY)
    saved = record(meeting, social_worker)
    assert (saved.money_held, saved.dp_held) == (Decimal("1300.00"), Decimal("300.00"))
    sign_in(client, person.user, person)
    url = reverse("reviews:meeting", kwargs={"person_id": person.id, "meeting_id": meeting.id})
    page = client.get(url).text
    assert "In the direct payment: £300.00, 2.0 weeks of direct payment" in page
    assert "In a managed account or individual service fund: £1,000.00" in page
    assert "cover every part of the budget" in page


def test_a_direct_payment_alone_reads_as_before(budget, dp_part, social_worker):
    pay_in(dp_part, social_worker, "300.00", key="dp-1", on=TODAY)
    review = budget_review_for(budget.person, social_worker, end=TODAY)
    assert review.dp_held == review.money_held == Decimal("300.00")
    assert review.held_elsewhere == Decimal("0.00")
