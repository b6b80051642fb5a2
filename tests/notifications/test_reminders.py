"""Spending reminders, late contributions and messages (issue: background work): who is
reminded and when, in what words, once per period, never at night, and what happens when a
message cannot be sent."""

from datetime import datetime, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from budgets import reminders
from budgets.models import ExpectedContribution, PersonalBudget
from notifications import services
from notifications.channels import SendFailed
from notifications.models import Channel, Message
from people.models import Representative
from tests.builders import spend

ALWAYS_DAY = override_settings(QUIET_HOURS=(0, 0))


@pytest.fixture
def quiet_budget(budget, dp_part):
    """Sam's budget, started five weeks ago, with nothing recorded since."""
    budget.starts_on -= timedelta(weeks=5)
    budget.save()
    return budget


def _send_all(django_capture_on_commit_callbacks, job, *args):
    with django_capture_on_commit_callbacks(execute=True):
        return job(*args)


@ALWAYS_DAY
def test_a_quiet_direct_payment_gets_one_kind_reminder_with_links(
    quiet_budget, person, django_capture_on_commit_callbacks
):
    assert _send_all(django_capture_on_commit_callbacks, reminders.spending_reminders_send) == 1
    [email] = mail.outbox
    assert email.to == ["sam@example.org"]
    assert email.subject == "Please record the spending from your direct payment"
    assert "We have not seen any spending recorded for your direct payment since" in email.body
    assert reverse("spending:log_payments", args=[quiet_budget.id]) in email.body
    assert reverse("statements:statements", args=[quiet_budget.id]) in email.body
    assert "If nothing has been spent since then, you do not need to do anything." in email.body
    assert _send_all(django_capture_on_commit_callbacks, reminders.spending_reminders_send) == 0
    assert len(mail.outbox) == 1 and Message.objects.get().status == Message.Status.SENT


def test_nobody_is_reminded_who_recorded_spending_lately(quiet_budget, dp_part, person):
    from tests.builders import pay_in

    pay_in(dp_part, person.user, "100.00", on=quiet_budget.starts_on)
    spend(dp_part, person.user, "5.00", "recent", on=timezone.localdate() - timedelta(days=3))
    assert reminders.spending_reminders_send() == 0


def test_a_statement_uploaded_lately_counts_as_keeping_records(quiet_budget, dp_part, person):
    from budgets.models import StatementImport

    StatementImport.objects.create(
        part=dp_part, file_name="bank.csv", file_sha256="0" * 64, uploaded_by=person.user
    )
    assert reminders.spending_reminders_send() == 0


def test_only_spending_and_refunds_count_as_records(quiet_budget, dp_part, person):
    """A contribution paid in, or a correction of old spending, is not spending recorded."""
    from budgets import ledger
    from budgets.models import Transaction
    from tests.builders import pay_in

    yesterday = timezone.localdate() - timedelta(days=1)
    pay_in(dp_part, person.user, "100.00", on=quiet_budget.starts_on)
    old, _ = spend(dp_part, person.user, "5.00", "old", on=quiet_budget.starts_on)
    ledger.reverse(
        original=old,
        recorded_by=person.user,
        reason="Typed twice",
        on=yesterday,
        idempotency_key="fix-old",
    )
    ledger.post(
        ledger.Posting(
            part=dp_part,
            kind=Transaction.Kind.CONTRIBUTION,
            amount=Decimal("20.00"),
            occurred_on=yesterday,
            recorded_by=person.user,
            idempotency_key="contribution",
        )
    )
    [budget] = reminders._quiet_budgets(timezone.localdate(), 28)
    assert budget.last_record == quiet_budget.starts_on and budget.last_import is None
    assert reminders.spending_reminders_send() == 1


def test_nobody_is_reminded_about_an_ended_budget(quiet_budget):
    quiet_budget.status = PersonalBudget.Status.ENDED
    quiet_budget.save()
    assert reminders.spending_reminders_send() == 0


def test_a_person_who_chose_no_messages_gets_none(quiet_budget, person):
    services.preference_save(person=person, user=person.user, channel=Channel.NONE, easy_read=False)
    assert reminders.spending_reminders_send() == 0


def test_a_representative_gets_the_reminders_for_the_person_they_act_for(
    represented_person, nominated_person, social_worker, approver
):
    from tests.builders import approve, complete_eligible_assessment, ready_plan

    complete_eligible_assessment(represented_person, social_worker, indicative_weekly="300")
    plan = ready_plan(represented_person, nominated_person)
    approve(plan, writer=nominated_person, checker=social_worker, approver=approver)
    budget = represented_person.budgets.get()
    budget.starts_on -= timedelta(weeks=5)
    budget.save()
    assert reminders.spending_reminders_send() == 1
    message = Message.objects.get()
    representative = Representative.objects.get(person=represented_person)
    assert message.address == representative.email and message.recipient_name == "David Hughes"
    assert "spending recorded for Margaret Hughes's direct payment" in message.body


def test_easy_read_and_text_messages_are_worded_for_the_person(quiet_budget, person):
    person.phone = "07700 900123"
    person.save()
    services.preference_save(person=person, user=person.user, channel=Channel.TEXT, easy_read=True)
    reminders.spending_reminders_send()
    message = Message.objects.get()
    assert message.channel == Channel.TEXT and message.address == "07700 900123"
    assert "Please tell us what your direct payment paid for." in message.body


def test_text_and_letters_without_notify_are_recorded_as_would_send(quiet_budget, person):
    services.preference_save(
        person=person, user=person.user, channel=Channel.LETTER, easy_read=False
    )
    reminders.spending_reminders_send()
    message = Message.objects.get()
    with ALWAYS_DAY:
        assert services.message_send(message_id=message.id) == Message.Status.RECORDED
    assert "1 High Street" in message.address and mail.outbox == []


def test_nothing_is_sent_at_night(quiet_budget, person):
    reminders.spending_reminders_send()
    message = Message.objects.get()
    night = timezone.make_aware(datetime(2026, 12, 1, 23, 30))
    with mock.patch("notifications.services.timezone.now", return_value=night):
        assert services.message_send(message_id=message.id) == Message.Status.QUEUED
    assert mail.outbox == []
    with ALWAYS_DAY:
        assert services.messages_send_waiting() == 1
    assert len(mail.outbox) == 1


@ALWAYS_DAY
def test_a_failed_send_is_tried_again_then_shown_to_staff(client, quiet_budget, social_worker):
    reminders.spending_reminders_send()
    message = Message.objects.get()
    with mock.patch("notifications.services.deliver", side_effect=SendFailed("mail server down")):
        for _ in range(services.MAX_ATTEMPTS):
            services.message_send(message_id=message.id)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED and message.attempts == 3
    client.force_login(social_worker)
    page = client.get(reverse("notifications:unsent")).content.decode()
    assert "Messages that could not be sent" in page and "mail server down" in page
    assert "Sam Okafor" in page


def test_a_late_contribution_gets_a_kind_word_before_it_is_missing(budget, person, council):
    budget.weekly_contribution = Decimal("20.00")
    budget.weekly_la_share = budget.weekly_total - budget.weekly_contribution
    budget.save()
    due = timezone.localdate() - timedelta(days=3)
    ExpectedContribution.objects.create(budget=budget, due_on=due, amount=Decimal("80.00"))
    assert reminders.contributions_check_all() == 1
    message = Message.objects.get()
    assert message.subject == "A contribution to your care looks late"
    assert "The contribution of £80.00 to your care was due on" in message.body
    assert "nothing changes without them talking to you first" in message.body
    assert reminders.contributions_check_all() == 0


def test_the_person_chooses_how_they_hear_from_the_service(client, person):
    client.force_login(person.user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    url = reverse("notifications:preferences", args=[person.id])
    page = client.get(url).content.decode()
    assert "How we contact you" in page and "Please do not send me reminders" in page
    bad = client.post(url, {"channel": "pigeon"}).content.decode()
    assert "There is a problem" in bad and "Choose how we should contact you from the list" in bad
    client.post(url, {"channel": "letter", "easy_read": "on"})
    preference = services.preference_for(person)
    assert preference.channel == Channel.LETTER and preference.easy_read


def test_the_scheduled_jobs_can_be_run_on_demand(db, capsys):
    from django.core.management import call_command

    call_command("run_scheduled_jobs")
    out = capsys.readouterr().out
    assert "spending-reminders: 0" in out and "contributions-daily: 0" in out


@ALWAYS_DAY
def test_the_reminder_waits_for_the_councils_own_interval(budget, dp_part, council, la_admin):
    from people.council_settings.services import (
        SETTING_FIELDS,
        council_settings_change,
        council_settings_in_force,
    )

    budget.starts_on = timezone.localdate() - timedelta(days=20)
    budget.save()
    assert reminders.spending_reminders_send() == 0  # 20 days: the usual 28 have not passed

    usual = council_settings_in_force(council)
    council_settings_change(
        authority=council,
        user=la_admin,
        effective_from=timezone.localdate(),
        values={name: getattr(usual, name) for name in SETTING_FIELDS}
        | {"record_reminder_days": 14},
    )
    assert reminders.spending_reminders_send() == 1
