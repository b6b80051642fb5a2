"""The meeting's record (issue 13): attendance, what is working and not, progress on each
outcome, the care relationships, the renewed one-page profile, and the budget review read from
the budgets app through its own functions (nobody brings paper). Bad input is refused plainly and
nothing is half-saved."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets import ledger
from budgets.presenters import spent_by_line
from core.errors import DomainError
from reviews.models import ReviewMeeting, ReviewRecord
from tests.builders import pay_in

from .helpers import sign_in
from .meetings import PA, SISTER, invite, record, schedule

TODAY = timezone.localdate()


def _url(name, meeting):
    return reverse(
        f"reviews:{name}", kwargs={"person_id": meeting.person_id, "meeting_id": meeting.id}
    )


def test_the_record_keeps_the_budget_as_the_budgets_app_reads_it(
    client, meeting, budget, dp_part, person, social_worker
):
    pay_in(dp_part, social_worker, "1350.00", on=TODAY)  # 9 weeks of £150: over 8 weeks
    line = budget.plan.support_lines.get()
    ledger.post(
        ledger.Posting(
            part=dp_part,
            kind="spend",
            amount=Decimal("40.00"),
            occurred_on=TODAY,
            recorded_by=person.user,
            idempotency_key="spend-1",
            payee="Jo (PA)",
            support_line=line,
        )
    )
    pa, sister = invite(meeting, person.user, PA), invite(meeting, person.user, SISTER)
    sign_in(client, social_worker)
    page = client.get(_url("meeting_record", meeting)).text
    assert "£1,310.00" in page and "a possible surplus" in page  # shown before it is saved
    outcome = budget.plan.outcomes.get()
    form = {
        "person_attended": "on",
        "attended": [str(pa.id)],
        "working": "Mornings",
        "relationships": "partly",
        f"progress_{outcome.pk}": "getting_there",
        f"notes_{outcome.pk}": "Most days by 9",
        "like_and_admire": "Sam is kind",
        "good_days": "Football",
    }
    response = client.post(_url("meeting_record", meeting), form)
    assert response.status_code == 302, response.text
    saved = ReviewRecord.objects.get()
    assert saved.money_held == ledger.held_balance(budget=budget) == Decimal("1310.00")
    assert (saved.money_in, saved.money_out) == (Decimal("1350.00"), Decimal("40.00"))
    assert saved.weeks_held == Decimal("8.7") and saved.surplus_weeks == 8
    assert saved.possible_surplus
    [support] = saved.budget_lines.filter(kind="support")
    assert support.spent == spent_by_line(budget, TODAY, TODAY)[line.id] == Decimal("40.00")
    assert support.label == line.description
    assert saved.budget_lines.get(kind="outcome").label == outcome.in_my_words
    assert [p.progress for p in saved.progress.all()] == ["getting_there"]
    pa.refresh_from_db()
    sister.refresh_from_db()
    assert (pa.attended, sister.attended) == (True, False)
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.RECORDED
    page = client.get(_url("meeting", meeting)).text
    assert "Most days by 9" in page and "Sam is kind" in page and "£40.00" in page
    assert "more was spent than the plan allowed" in page and "This covers only 1 day" in page


def test_a_meeting_is_recorded_on_or_after_its_day(budget, person, social_worker):
    tomorrow = schedule(person, social_worker, on=TODAY + timedelta(days=1))
    with pytest.raises(DomainError, match="record it on or after that day"):
        record(tomorrow, social_worker)
    assert not ReviewRecord.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"relationships": ""}, "Say whether the care relationships are working"),
        ({"working": "", "not_working": ""}, "Say what is working, or what is not working"),
        ({"progress": ""}, "Say how far this outcome has got"),
    ],
)
def test_an_incomplete_record_is_refused_and_nothing_is_saved(
    client, meeting, budget, social_worker, change, message
):
    outcome = budget.plan.outcomes.get()
    form = {"working": "Mornings", "relationships": "yes", f"progress_{outcome.pk}": "achieved"}
    if "progress" in change:
        form[f"progress_{outcome.pk}"] = ""
    else:
        form.update(change)
    sign_in(client, social_worker)
    response = client.post(_url("meeting_record", meeting), {**form, "good_days": "Kept?"})
    assert response.status_code == 200 and message in response.text
    assert "Kept?" in response.text
    assert not ReviewRecord.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == ReviewMeeting.Status.PLANNED
