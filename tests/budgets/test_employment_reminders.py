"""Reminders ahead of the employer's liability insurance renewing and a PA's DBS check reaching
the council's limit: once per subject and date, from the daily job on the beat schedule."""

from datetime import date, timedelta

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from budgets.employment import services
from budgets.employment.reminders import employer_reminders_send
from notifications.models import Message
from people.models import CouncilSettings

from .employment_helpers import TODAY, add_worker

ALWAYS_DAY = override_settings(QUIET_HOURS=(0, 0))


def _send(capture, today=TODAY):
    with capture(execute=True):
        return employer_reminders_send(today)


@ALWAYS_DAY
def test_insurance_renewing_soon_is_reminded_once(
    budget, person, django_capture_on_commit_callbacks
):
    add_worker(budget, person.user)
    renews = TODAY + timedelta(days=20)
    services.employer_save(
        budget=budget,
        user=person.user,
        details={"insurer": "Carers Mutual", "insurance_renews_on": renews},
    )
    assert _send(django_capture_on_commit_callbacks) == 1
    assert _send(django_capture_on_commit_callbacks) == 0
    [email] = mail.outbox
    assert email.to == ["sam@example.org"]
    assert email.subject == f"Employer's liability insurance renews on {renews.day} {renews:%B %Y}"
    assert reverse("employment:employer", args=[budget.id]) in email.body
    message = Message.objects.get()
    assert message.business_key == (
        f"employer-check:insurance:{budget.id}:{renews.isoformat()}:sam@example.org"
    )
    # Renewed: the new date gets its own reminder when its time comes, not before.
    later = renews + timedelta(days=365)
    services.employer_save(
        budget=budget,
        user=person.user,
        details={"insurer": "Carers Mutual", "insurance_renews_on": later},
    )
    assert _send(django_capture_on_commit_callbacks) == 0
    assert _send(django_capture_on_commit_callbacks, later - timedelta(days=3)) == 1


@ALWAYS_DAY
def test_a_dbs_check_at_the_councils_limit_is_reminded_by_worker(
    budget, person, council, la_admin, django_capture_on_commit_callbacks
):
    jo = add_worker(budget, person.user)
    checked = date(TODAY.year - 3, TODAY.month, 1) + timedelta(days=20)
    services.worker_checks_save(
        worker=jo,
        user=person.user,
        details={"dbs_checked_on": checked, "dbs_type": "enhanced_barred"},
    )
    add_worker(budget, person.user, name="Ann Agency", engagement="agency", agency_name="Co")
    assert _send(django_capture_on_commit_callbacks) == 1
    [email] = mail.outbox
    assert email.subject.startswith("Jo Bloggs's DBS check needs renewing by")
    assert "asks for a new check every 3 years" in email.body
    assert _send(django_capture_on_commit_callbacks) == 0
    # A council that asks every 5 years: nothing is due.
    Message.objects.all().delete()
    CouncilSettings.objects.create(
        authority=council, effective_from=TODAY - timedelta(days=1), dbs_max_age_years=5
    )
    assert _send(django_capture_on_commit_callbacks) == 0


def test_nobody_is_reminded_about_far_off_dates_or_people_who_left(budget, person):
    jo = add_worker(budget, person.user)
    services.employer_save(
        budget=budget,
        user=person.user,
        details={"insurer": "Carers Mutual", "insurance_renews_on": TODAY + timedelta(days=90)},
    )
    assert employer_reminders_send(TODAY) == 0
    services.employer_save(
        budget=budget,
        user=person.user,
        details={"insurer": "Carers Mutual", "insurance_renews_on": TODAY + timedelta(days=5)},
    )
    services.worker_leaves(worker=jo, user=person.user, left_on=TODAY - timedelta(days=1))
    assert employer_reminders_send(TODAY) == 0


def test_the_daily_job_is_on_the_beat_schedule(budget, person):
    entry = settings.CELERY_BEAT_SCHEDULE["employer-reminders"]
    assert entry["task"] == "budgets.tasks.employer_reminders"
    call_command("run_scheduled_jobs", job=["employer-reminders"])
