"""Who is due a review and when: the dates each clock needs, read in a fixed number of queries,
then the schedule worked out in Python for every person (no query per person)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from budgets.models import BudgetPart, PersonalBudget
from people.council_settings.services import council_settings_in_force_for
from people.models import Person
from support_plans.models import ApprovalDecision, SupportPlan

from .models import HeldReview, ReviewRequest
from .schedule import Clock, ReviewIntervals, ReviewStatus, Schedule, review_schedule, review_status


@dataclass(frozen=True)
class DueReview:
    """One person's review schedule, as the review list and their home page show it."""

    person: Person
    schedule: Schedule
    status: ReviewStatus
    requested: bool

    @property
    def plan(self):
        return self.schedule.due(Clock.PLAN)

    @property
    def direct_payment(self):
        return self.schedule.due(Clock.DIRECT_PAYMENT)


def _with_review_dates(people):
    """People annotated with the dates the clocks start from, and whether a review was asked."""
    approvals = ApprovalDecision.objects.filter(
        plan__person=OuterRef("pk"),
        plan__status=SupportPlan.Status.APPROVED,
        decision=ApprovalDecision.Decision.APPROVED,
    ).order_by("-created_at")
    dp_parts = BudgetPart.objects.filter(
        budget__person=OuterRef("pk"),
        budget__status=PersonalBudget.Status.ACTIVE,
        kind=BudgetPart.Kind.DIRECT_PAYMENT,
        weekly_amount__gt=0,
    )
    return people.annotate(
        plan_approved_at=Subquery(approvals.values("created_at")[:1]),
        plan_revision=Subquery(approvals.values("plan__revision")[:1]),
        dp_budget_starts_on=Subquery(dp_parts.values("budget__starts_on")[:1]),
        dp_part_added_at=Subquery(dp_parts.values("created_at")[:1]),
        review_requested=Exists(ReviewRequest.objects.open().filter(person=OuterRef("pk"))),
        last_review_on=Subquery(
            HeldReview.objects.filter(person=OuterRef("pk"))
            .order_by("-held_on")
            .values("held_on")[:1]
        ),
    ).filter(plan_approved_at__isnull=False)


def _dp_started_on(person) -> date | None:
    """The direct payment started with the budget, or later when a revision added it."""
    if person.dp_budget_starts_on is None:
        return None
    added_on = timezone.localdate(person.dp_part_added_at)
    return max(person.dp_budget_starts_on, added_on)


def _due(person, intervals: ReviewIntervals, today: date) -> DueReview:
    schedule = review_schedule(
        plan_started_on=timezone.localdate(person.plan_approved_at),
        plan_changed=(person.plan_revision or 1) > 1,
        dp_started_on=_dp_started_on(person),
        last_review_on=person.last_review_on,
        intervals=intervals,
    )
    status = review_status(schedule, today=today, requested=person.review_requested)
    return DueReview(person, schedule, status, person.review_requested)


def due_reviews(people, *, today: date | None = None) -> list[DueReview]:
    """Schedules for the people given who have an approved plan, soonest aligned date first."""
    today = today or timezone.localdate()
    found = list(_with_review_dates(people).select_related("local_authority"))
    settings = council_settings_in_force_for({p.local_authority_id for p in found}, today)
    intervals = {council: ReviewIntervals.of(row) for council, row in settings.items()}
    rows = [_due(p, intervals[p.local_authority_id], today) for p in found]
    return sorted(rows, key=lambda row: (row.schedule.aligned_on, row.person.last_name))


def review_list_for(user, *, today: date | None = None) -> list[DueReview]:
    """Everyone with an approved plan on the caseloads of the councils this member of staff
    works for."""
    return due_reviews(Person.objects.visible_to(user).on_caseload_of(user), today=today)


def next_review_for(user, person, *, today: date | None = None) -> DueReview | None:
    """The person's next review, or None before their plan is approved."""
    found = due_reviews(Person.objects.visible_to(user).filter(pk=person.pk), today=today)
    return found[0] if found else None


def filter_reviews(rows: list[DueReview], *, status: str = "", clock: str = "") -> list[DueReview]:
    """The rows with this status, and whose aligned date is this clock's (blank: any)."""
    if status:
        rows = [row for row in rows if row.status == status]
    if clock:
        rows = [row for row in rows if _drives(row, clock)]
    return rows


def _drives(row: DueReview, clock: str) -> bool:
    due = row.schedule.due(clock)
    return due is not None and due.due_on == row.schedule.aligned_on
