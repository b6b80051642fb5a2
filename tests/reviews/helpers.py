"""Shared set-up for review tests."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from people.models import Person
from reviews.stored_dates import review_dates_refresh
from support_plans.models import ApprovalDecision
from tests.builders import approve, complete_eligible_assessment, ready_plan


def sign_in(client, user, person=None):
    """Sign in; people and representatives then open the record they act for."""
    client.force_login(user)
    if person is not None:
        client.post(reverse("people:acting_for"), {"person": person.id})


def approved_plan_for(person, *, writer, social_worker, approver):
    """An approved plan with a £150-a-week direct payment, written with council staff."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    return approve(
        ready_plan(person, writer),
        writer=writer,
        checker=social_worker,
        approver=approver,
    )


def approved_days_ago(person, days):
    """Pretend the person's plan was approved `days` ago, by the calendar: on the local day
    `days` before. (Subtracting from the UTC time instead moved the day by one across a clock
    change, between 23:00 and midnight UTC in winter: summer's 23:xx UTC is the next day.)"""
    decisions = ApprovalDecision.objects.filter(plan__person=person)
    for decision in decisions:
        decisions.filter(pk=decision.pk).update(
            created_at=timezone.localtime(decision.created_at) - timedelta(days=days)
        )
    dates_from_the_record(person)


def dates_from_the_record(person):
    """After a test rewrites the record's history: the stored review dates worked out again, as
    the nightly refresh would (reviews.stored_dates)."""
    review_dates_refresh(people=Person.objects.filter(pk=person.pk))
