"""Store everyone's review dates (ReviewDates): reviews.schedule.review_schedule's answer from
the record, read as reviews.due read it when this was written, with each council's intervals in
force today. Any later drift is put right by the nightly refresh, and shown by
`manage.py review_dates_check`."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from reviews.schedule import Clock, ReviewIntervals, review_schedule


def _people(apps):
    """Everyone with an approved plan, with the dates their clocks start from."""
    Person = apps.get_model("people", "Person")
    ApprovalDecision = apps.get_model("support_plans", "ApprovalDecision")
    BudgetPart = apps.get_model("budgets", "BudgetPart")
    HeldReview = apps.get_model("reviews", "HeldReview")
    approvals = ApprovalDecision.objects.filter(
        plan__person=OuterRef("pk"), plan__status="approved", decision="approved"
    ).order_by("-created_at")
    dp_parts = BudgetPart.objects.filter(
        budget__person=OuterRef("pk"),
        budget__status="active",
        kind="direct_payment",
        weekly_amount__gt=0,
    ).order_by("created_at", "id")
    last_review = HeldReview.objects.filter(person=OuterRef("pk")).order_by("-held_on")
    return (
        Person.objects.annotate(
            approved_at=Subquery(approvals.values("created_at")[:1]),
            revision=Subquery(approvals.values("plan__revision")[:1]),
            dp_starts_on=Subquery(dp_parts.values("budget__starts_on")[:1]),
            dp_added_at=Subquery(dp_parts.values("created_at")[:1]),
            last_review_on=Subquery(last_review.values("held_on")[:1]),
        )
        .filter(approved_at__isnull=False)
        .values(
            "id",
            "local_authority_id",
            "approved_at",
            "revision",
            "dp_starts_on",
            "dp_added_at",
            "last_review_on",
        )
    )


def _intervals(apps, council, today) -> ReviewIntervals:
    CouncilSettings = apps.get_model("people", "CouncilSettings")
    row = (
        CouncilSettings.objects.filter(authority_id=council, effective_from__lte=today)
        .order_by("-effective_from", "-created_at", "-id")
        .first()
    )
    return ReviewIntervals.of(row) if row else ReviewIntervals()


def fill(apps, schema_editor):
    ReviewDates = apps.get_model("reviews", "ReviewDates")
    today = timezone.localdate()
    intervals = {}
    rows = []
    for person in _people(apps).iterator(chunk_size=2000):
        council = person["local_authority_id"]
        if council not in intervals:
            intervals[council] = _intervals(apps, council, today)
        dp_started_on = None
        if person["dp_starts_on"] is not None:
            added_on = timezone.localdate(person["dp_added_at"])
            dp_started_on = max(person["dp_starts_on"], added_on)
        schedule = review_schedule(
            plan_started_on=timezone.localdate(person["approved_at"]),
            plan_changed=(person["revision"] or 1) > 1,
            dp_started_on=dp_started_on,
            last_review_on=person["last_review_on"],
            intervals=intervals[council],
        )
        direct_payment = schedule.due(Clock.DIRECT_PAYMENT)
        rows.append(
            ReviewDates(
                person_id=person["id"],
                plan_due_on=schedule.due(Clock.PLAN).due_on,
                dp_due_on=direct_payment.due_on if direct_payment else None,
                due_on=schedule.aligned_on,
            )
        )
    ReviewDates.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_review_dates"),
        ("support_plans", "0009_support_line_weeks_a_year"),
        ("budgets", "0015_part_last_record_on"),
        ("people", "0009_council_settings_changes_are_never_edited"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
