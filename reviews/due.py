"""Who is due a review and when.

Two ways in, one set of rules (reviews.schedule):
- a few people (one person's page, a home page, those a reminder goes to): their schedules
  worked out from the record, in a fixed number of queries, each clock with its reason;
- a whole caseload (the review list, the staff to-do list, choosing who is reminded): the dates
  reviews.stored_dates keeps, filtered, sorted, paged and counted in the database, with the
  status on the day worked out there (review_status's thresholds, below). The list shows the
  stored dates as they are: no request works out a whole caseload's schedules.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from budgets.models import BudgetPart, PersonalBudget
from people import access
from people.council_settings.services import council_settings_in_force_for
from people.models import Person
from support_plans.models import ApprovalDecision, SupportPlan

from .models import HeldReview, ReviewDates, ReviewRequest
from .schedule import (
    DUE_SOON_DAYS,
    Clock,
    ReviewIntervals,
    ReviewStatus,
    Schedule,
    review_schedule,
    review_status,
)


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


# --- From the record: a few people at a time ------------------------------------------------


def _with_review_dates(people):
    """People annotated with the dates the clocks start from, and whether a review was asked."""
    approvals = ApprovalDecision.objects.filter(
        plan__person=OuterRef("pk"),
        plan__status=SupportPlan.Status.APPROVED,
        decision=ApprovalDecision.Decision.APPROVED,
    ).order_by("-created_at")
    # The first direct payment part of the active budget (one, unless a provider holds another).
    dp_parts = BudgetPart.objects.filter(
        budget__person=OuterRef("pk"),
        budget__status=PersonalBudget.Status.ACTIVE,
        kind=BudgetPart.Kind.DIRECT_PAYMENT,
        weekly_amount__gt=0,
    ).order_by("created_at", "id")
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
    """Schedules for the people given who have an approved plan, worked out from their record
    with the intervals in force on the day, soonest aligned date first."""
    today = today or timezone.localdate()
    found = list(_with_review_dates(people).select_related("local_authority"))
    settings = council_settings_in_force_for({p.local_authority_id for p in found}, today)
    intervals = {council: ReviewIntervals.of(row) for council, row in settings.items()}
    rows = [_due(p, intervals[p.local_authority_id], today) for p in found]
    return sorted(rows, key=lambda row: (row.schedule.aligned_on, row.person.last_name))


def next_review_for(user, person, *, today: date | None = None) -> DueReview | None:
    """The person's next review, or None before their plan is approved."""
    found = due_reviews(Person.objects.visible_to(user).filter(pk=person.pk), today=today)
    return found[0] if found else None


# --- From the stored dates: a whole caseload --------------------------------------------------

LISTED_DATES = ["review_dates__plan_due_on", "review_dates__dp_due_on", "review_dates__due_on"]
# The clock whose date is the aligned one (the earlier; on the same day, both). Written as a
# comparison of the two dates: PostgreSQL guessed an equality of two columns (the clock's date
# = the aligned date) matched 1 row in 200, and read every row through an index one by one.
CLOCK_DUE_FIRST = {
    Clock.PLAN: Q(review_dates__dp_due_on__isnull=True)
    | Q(review_dates__plan_due_on__lte=F("review_dates__dp_due_on")),
    Clock.DIRECT_PAYMENT: Q(review_dates__dp_due_on__lte=F("review_dates__plan_due_on")),
}


@dataclass(frozen=True)
class ListedReview:
    """One row of the review list: the person, their stored dates and their status on the day."""

    person: Person
    dates: ReviewDates
    status: ReviewStatus
    requested: bool


def with_review_status(people, *, today: date | None = None):
    """People with an approved plan (stored dates), annotated with whether a review was asked
    for (`review_requested`) and their `review_status` on the day: reviews.schedule's
    review_status, in SQL."""
    today = today or timezone.localdate()
    requested = Q(pk__in=ReviewRequest.objects.open().values("person_id"))
    return (
        people.filter(review_dates__isnull=False)
        .annotate(review_requested=ExpressionWrapper(requested, output_field=BooleanField()))
        .annotate(
            review_status=Case(
                When(review_dates__due_on__lt=today, then=Value(ReviewStatus.OVERDUE.value)),
                When(review_requested=True, then=Value(ReviewStatus.REQUESTED.value)),
                When(
                    review_dates__due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
                    then=Value(ReviewStatus.DUE_SOON.value),
                ),
                default=Value(ReviewStatus.NOT_DUE.value),
                output_field=CharField(),
            )
        )
    )


def listed(people) -> list[ListedReview]:
    """Rows of the review list (a page of review_list_for) as the page shows them."""
    return [
        ListedReview(
            person, person.review_dates, ReviewStatus(person.review_status), person.review_requested
        )
        for person in people
    ]


def _caseload(user):
    """The people on the caseloads of the user's councils. Everyone on them is visible_to the
    user, so also asking visible_to (its own record, those represented, the caseload) narrowed
    nothing, and made PostgreSQL test all three for each of 10,000 people to count the list."""
    return Person.objects.on_caseload_of(user)


def review_list_for(user, *, status: str = "", clock: str = "", today: date | None = None):
    """Everyone with an approved plan on the caseloads of the councils this member of staff
    works for, soonest review first; with this status, and whose aligned date is this clock's
    (blank: any)."""
    councils = access.la_roles(user).keys()
    people = with_review_status(_caseload(user), today=today)
    if status:
        people = people.filter(review_status=status)
    if clock:
        people = people.filter(CLOCK_DUE_FIRST[clock])
    # Read in the order of the stored rows' index (council, date, name): a page is the next 50
    # entries of it, not a sort of the whole caseload (10 ms at 10,000 people, growing).
    return (
        people.filter(review_dates__council_id__in=councils)
        .select_related("review_dates")
        .only("first_name", "last_name", "preferred_name", *LISTED_DATES)
        .order_by(
            "review_dates__due_on",
            "review_dates__last_name",
            "review_dates__first_name",
            "review_dates__person_id",
        )
    )


def review_counts_for(user, *, today: date | None = None) -> dict[str, int]:
    """{status: how many people} on this member of staff's review list."""
    rows = (
        with_review_status(_caseload(user), today=today)
        .order_by()
        .values("review_status")
        .annotate(people=Count("pk"))
    )
    return {row["review_status"]: row["people"] for row in rows}
