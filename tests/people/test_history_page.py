"""docs/quality.md #13: "Changes and who has looked at this record" shows money as well as
records, in plain English, can be filtered by kind and date, and is paged (25 a page)."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets import ledger
from budgets.models import StatementImport
from people import services
from people.history import person_history
from people.models import Person, RecordAccess

from ..builders import complete_eligible_assessment, pay_in, spend


def _history(client, person, **params) -> str:
    response = client.get(reverse("people:history", args=[person.id]), params)
    assert response.status_code == 200
    return response.text.replace("&#x27;", "'")


@pytest.fixture
def money(budget, dp_part, person, finance_officer):
    """Sam's direct payment: paid in, a payment out, that payment corrected, a statement."""
    pay_in(dp_part, finance_officer, "600.00", key="pay-history")
    paid, _ = spend(dp_part, person.user, "45.50", key="spend-history", payee="Jo Bloggs (PA)")
    ledger.reverse(
        original=paid,
        recorded_by=person.user,
        reason="Logged the same week twice",
        on=date(2026, 11, 4),
        idempotency_key="correct-history",
    )
    StatementImport.objects.create(
        part=dp_part,
        file_name="november.csv",
        file_sha256="0" * 64,
        uploaded_by=person.user,
        status=StatementImport.Status.IMPORTED,
    )
    return budget


def test_money_in_and_out_corrections_and_statements_are_in_the_history(client, person, money):
    client.force_login(person.user)
    page = _history(client, person)
    assert "Recorded: Money paid in by the council" in page and "£600.00" in page
    assert "Recorded: Payment out: Jo Bloggs (PA)" in page and "£45.50" in page
    assert "Recorded: Correction of a mistake" in page
    assert "Payment out: Jo Bloggs (PA), £45.50 on 3 November 2026" in page
    assert "Logged the same week twice" in page
    assert "Imported: Statement: november.csv" in page
    assert "by Chris Doyle" in page  # the finance officer who paid it in


def test_values_are_shown_in_plain_english_not_as_stored(client, person, money):
    client.force_login(person.user)
    page = _history(client, person)
    # The approved plan's figures, named as people say them and shown as money.
    assert "Council's share a week" in page and "Weekly la share" not in page
    assert "£150.00" in page
    for raw in ["True", "False", "['", "None"]:
        assert f">{raw}" not in page, raw


def test_lists_of_choices_show_their_labels_and_yes_or_no_for_true_or_false(person, social_worker):
    from assessments.models import NeedsAssessment, WellbeingArea

    complete_eligible_assessment(person, social_worker)
    assessment = NeedsAssessment.objects.get(person=person)
    assessment.wellbeing_areas = ["health", "control"]
    assessment.wellbeing_significant = True
    assessment.save()
    assessment.wellbeing_areas = ["health"]
    assessment.wellbeing_significant = False
    assessment.save()
    changes = {}
    for entry in person_history(person, kinds={"assessments"}):  # newest first
        for change in entry.changes:
            changes.setdefault(change.label, change)
    labels = dict(WellbeingArea.choices)
    areas = changes["Areas of wellbeing affected"]
    assert areas.before == f"{labels['health']}, {labels['control']}"
    assert areas.after == labels["health"]
    assert changes["Significant impact on wellbeing"].before == "Yes"
    assert changes["Significant impact on wellbeing"].after == "No"


def test_the_history_can_show_one_kind_of_change(client, person, money):
    client.force_login(person.user)
    page = _history(client, person, kind="money")
    assert "Payment out: Jo Bloggs (PA)" in page
    assert ": Personal details</h3>" not in page
    assert re.search(r'value="money"\s+checked', page)
    assert re.search(r'value=""\s+checked', _history(client, person))  # everything at first
    page = _history(client, person, kind="personal")
    assert "Payment out" not in page and "Support plan, revision" not in page
    assert "Added: Personal details" in page
    page = _history(client, person, kind="plan")
    assert "Support plan, revision 1" in page and "Payment out" not in page


def test_the_history_can_show_changes_between_two_dates(client, person, social_worker):
    services.person_update(person=person, updated_by=social_worker, details={"phone": "0770090001"})
    client.force_login(person.user)
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    page = _history(
        client,
        person,
        since_0=tomorrow.day,
        since_1=tomorrow.month,
        since_2=tomorrow.year,
    )
    assert "No changes match what you chose" in page
    page = _history(
        client,
        person,
        since_0=today.day,
        since_1=today.month,
        since_2=today.year,
        until_0=today.day,
        until_1=today.month,
        until_2=today.year,
    )
    assert "Changed: Personal details" in page and "0770090001" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since_0": "31", "since_1": "2", "since_2": "2026"}, "The from date must be a real date"),
        (
            {
                "since_0": "2",
                "since_1": "3",
                "since_2": "2026",
                "until_0": "1",
                "until_1": "3",
                "until_2": "2026",
            },
            "The to date must be the same as or after the from date",
        ),
        ({"kind": "gossip"}, "Choose what to show from the list"),
        ({"until_2": "x" * 50}, "The to date must be a real date"),
    ],
)
def test_a_wrong_filter_is_explained_with_what_was_typed_kept(client, person, params, message):
    client.force_login(person.user)
    page = _history(client, person, **params)
    assert "There is a problem" in page and message in page
    assert "<title>Error: " in page
    if "since_0" in params:
        assert f'value="{params["since_0"]}"' in page


def test_changes_are_shown_25_a_page_newest_first(client, person, social_worker):
    for number in range(30):
        services.person_update(
            person=person, updated_by=social_worker, details={"phone": f"07700 9{number:05d}"}
        )
    client.force_login(person.user)
    first = _history(client, person, kind="personal")
    assert first.count("Changed: Personal details") == 25
    assert "07700 900029" in first and "07700 900003" not in first.split("Who has looked")[0]
    assert "Page 1 of 2" in first and "Showing 1 to 25 of" in first
    assert "kind=personal&amp;page=2" in first  # the filter is kept from page to page
    second = _history(client, person, kind="personal", page=2)
    assert "Changed: Personal details" in second and "07700 900003" in second
    assert "Page 2 of 2" in second
    assert _history(client, person, page="not-a-page").count("govuk-summary-card__title") > 0


def test_who_has_looked_is_kept_and_paged_too(client, person, social_worker):
    for _ in range(30):
        RecordAccess.objects.create(person=person, user=social_worker, what="Personal details")
    client.force_login(person.user)
    page = _history(client, person)
    looked = page.split("Who has looked at this record</h2>")[1]
    assert looked.count('<tr class="govuk-table__row"><td') == 25
    assert "opened=2" in looked and "Page 1 of 2" in looked
    second = _history(client, person, opened=2).split("Who has looked at this record</h2>")[1]
    assert second.count("Jordan Ellis") >= 5 and "Page 2 of 2" in second


def test_staff_at_the_council_see_the_money_too(client, person, money, social_worker):
    client.force_login(social_worker)
    assert "Payment out: Jo Bloggs (PA)" in _history(client, person)


def test_the_history_page_queries_do_not_grow_with_the_money(
    client, person, money, dp_part, django_assert_max_num_queries
):
    client.force_login(person.user)
    url = reverse("people:history", args=[person.id])
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(15):
        spend(dp_part, person.user, "1.00", key=f"more-{n}", payee=f"Shop {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_amounts_not_money_are_not_shown_as_pounds():
    from people.history import show
    from support_plans.models import SupportLine

    quantity = SupportLine._meta.get_field("quantity_per_week")
    cost = SupportLine._meta.get_field("unit_cost")
    assert show(SupportLine, quantity, Decimal("10.00")) == "10.00"
    assert show(SupportLine, cost, Decimal("15.00")) == "£15.00"
    assert show(Person, Person._meta.get_field("preferred_name"), "") == "Not recorded"
