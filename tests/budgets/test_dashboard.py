"""The person's budget page: balance, this period's money in and out, spent against planned for
each support line and outcome (a chart with a table), what is left, a projection in plain English,
things to do; and the money list with a running balance. Queries do not grow with the data."""

import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets import ledger
from budgets import presenters as dashboard
from budgets.models import Transaction
from budgets.presenters import Period, current_period, projection
from budgets.spending import services as spending
from tests.builders import spend

from .test_spending import _open, entry

Kind = Transaction.Kind


def post(part, user, kind, amount, on, key, line=None, payee="Jo Bloggs (PA)"):
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=kind,
            amount=Decimal(amount),
            occurred_on=on,
            recorded_by=user,
            idempotency_key=key,
            support_line=line,
            payee=payee,
        )
    )[0]


@pytest.mark.parametrize(
    ("offset", "number", "start_offset"),
    [(-5, 1, 0), (0, 1, 0), (27, 1, 0), (28, 2, 28), (60, 3, 56), (400, 14, 364)],
)
def test_the_period_is_a_28_day_cycle_from_the_budget_start(budget, offset, number, start_offset):
    period = current_period(budget, budget.starts_on + timedelta(days=offset))
    assert period.number == number
    assert period.start == budget.starts_on + timedelta(days=start_offset)
    assert period.days == 28


@pytest.fixture
def history(dp_part, person, finance_officer):
    """A fortnight of a budget: paid in, spent, refunded, one payment corrected."""
    start, user = dp_part.budget.starts_on, person.user
    line = dp_part.budget.plan.support_lines.get()
    post(dp_part, finance_officer, Kind.PAYMENT_IN, "600.00", start, "in", payee="Council")
    post(dp_part, user, Kind.SPEND, "100.00", start + timedelta(days=1), "s1", line)
    post(dp_part, user, Kind.SPEND, "50.00", start + timedelta(days=2), "s2", payee="Taxi")
    post(dp_part, user, Kind.REFUND, "20.00", start + timedelta(days=3), "r1", line)
    wrong = post(dp_part, user, Kind.SPEND, "30.00", start + timedelta(days=4), "s3", line)
    ledger.reverse(
        original=wrong,
        recorded_by=user,
        reason="Logged twice",
        on=start + timedelta(days=5),
        idempotency_key="fix",
    )
    return dp_part.budget


def test_the_figures_add_up(history):
    board = dashboard.budget_dashboard(history, today=history.starts_on + timedelta(days=10))
    assert board.balance == Decimal("470.00")
    assert (board.money_in, board.money_out) == (Decimal("620.00"), Decimal("150.00"))
    [pa, elsewhere] = board.lines
    assert (pa.label, pa.planned, pa.spent, pa.left) == (
        "Personal assistant",
        Decimal("600.00"),
        Decimal("80.00"),
        Decimal("520.00"),
    )
    assert (elsewhere.label, elsewhere.spent) == (
        "Not linked to support in the plan",
        Decimal("50"),
    )
    assert (board.planned, board.spent, board.left) == (
        Decimal("600.00"),
        Decimal("130.00"),
        Decimal("470.00"),
    )
    [outcome] = board.outcomes
    assert (outcome.label, outcome.planned, outcome.spent) == (
        "I want to get washed and dressed by 9",
        Decimal("600.00"),
        Decimal("80.00"),
    )
    end = history.starts_on + timedelta(days=27)
    # £130 in 11 days; 17 days left: 470 - 130 / 11 × 17 = £269.09.
    assert board.projection == (
        "At the rate you are spending, you will have about £269.09 unspent at the end of this "
        f"period, on {end.day} {end:%B %Y}."
    )


PERIOD = Period(1, date(2027, 2, 1), date(2027, 2, 28))


@pytest.mark.parametrize(
    ("balance", "spent", "days", "name", "expected"),
    [
        (
            "100.00",
            "280.00",
            28,
            None,
            "At the rate you are spending, the money will last until 20 February 2027, before "
            "the next payment is due on 1 March 2027.",
        ),
        (
            "300.00",
            "140.00",
            28,
            "Sam",
            "At the rate Sam is spending, Sam will have about £210.00 unspent at the end of this "
            "period, on 28 February 2027.",
        ),
        ("300.00", "0", 28, None, "You have not spent anything in the last 4 weeks"),
        ("0.00", "50.00", 28, None, "There is no money in the account at the moment."),
    ],
)
def test_the_projection_is_one_plain_sentence(balance, spent, days, name, expected):
    text = projection(
        balance=Decimal(balance),
        spent=Decimal(spent),
        days=days,
        today=date(2027, 2, 10),
        period=PERIOD,
        name=name,
    )
    assert text.startswith(expected)


def test_the_page_shows_the_chart_with_a_table_and_what_to_do(client, history, person):
    [logged] = spending.spending_log(
        part=history.parts.get(),
        user=person.user,
        acting_for=None,
        entries=[entry(payee="Corner shop", amount=Decimal("5.00"))],
        submission_key="k",
    )
    _open(client, person.user, person)
    page = client.get(reverse("budgets:dashboard", args=[history.id])).content.decode()
    assert "Money in the account now" in page and "£465.00" in page
    assert "Things to do" in page
    explain = reverse("spending:flag_explain", args=[history.id, logged.flags[0].id])
    assert explain in page
    assert '<svg aria-hidden="true"' in page and "See these figures as a table" in page
    assert '<th scope="row" class="govuk-table__header">Personal assistant</th>' in page
    assert "At the rate you are spending" in page
    assert "Log payments" in page


def test_staff_read_the_projection_about_the_person(client, history, social_worker):
    client.force_login(social_worker)
    page = client.get(reverse("budgets:dashboard", args=[history.id])).content.decode()
    assert "Sam has not spent anything" in page and "Log payments" not in page


def test_the_money_list_has_a_running_balance_newest_first(client, history, person):
    _open(client, person.user, person)
    page = client.get(reverse("budgets:money", args=[history.id])).content.decode()
    rows = dashboard.money_list(history)
    assert [entry.running for entry in rows] == [
        Decimal(x) for x in ["470.00", "440.00", "470.00", "450.00", "500.00", "600.00"]
    ]
    assert "Correction of &#x27;Paid Jo Bloggs (PA)&#x27;" in page
    assert "Paid by the council" in page and "<del>£30.00</del>" in page


def test_money_rows_are_made_from_their_list_alone(
    history, person, finance_officer, django_assert_num_queries
):
    """Every field a row shows is read with the list (MONEY_ROW_FIELDS): a correction, a
    support line, a payee, and a payment logged on the person's behalf."""
    on = history.starts_on + timedelta(days=6)
    spend(history.parts.get(), finance_officer, "5.00", "for-sam", on, "Corner shop",
          acting_for=person, note="Bread")  # fmt: skip
    entries = list(dashboard.money_list(history))
    with django_assert_num_queries(0):
        rows = [dashboard.money_row(entry, person) for entry in entries]
        shown = [(row.description, row.detail, row.by, row.corrected_by) for row in rows]
        when_corrected = [row.corrected_by.occurred_on for row in rows if row.corrected_by]
    assert shown[0] == (
        "Paid Corner shop",
        "Not linked to support in the plan. Bread",
        f"Logged by {finance_officer.full_name or finance_officer.email} on "
        f"{person.preferred_name or person.first_name}'s behalf",
        None,
    )
    assert shown[1][0].startswith("Correction of 'Paid Jo Bloggs (PA)' on ")
    assert when_corrected == [history.starts_on + timedelta(days=5)]
    assert "Personal assistant" in {row.detail for row in rows}


def test_the_person_budget_link_goes_to_the_current_budget(client, history, person):
    _open(client, person.user, person)
    response = client.get(reverse("budgets:person_budget", args=[person.id]))
    assert response["Location"] == reverse("budgets:dashboard", args=[history.id])


def test_someone_without_a_budget_is_told_how_they_get_one(client, other_person):
    _open(client, other_person.user, other_person)
    page = client.get(reverse("budgets:person_budget", args=[other_person.id])).content.decode()
    assert "There is no personal budget yet" in page


def _grow_to(part, user, total: int) -> None:
    """Payments in and out, alternating, until the budget has `total` transactions."""
    line = part.budget.plan.support_lines.get()
    while (count := part.transactions.count()) < total:
        kind = Kind.PAYMENT_IN if count % 2 == 0 else Kind.SPEND
        on = part.budget.starts_on + timedelta(days=count % 20)
        post(part, user, kind, "10.00", on, f"grow-{count}", line if kind == Kind.SPEND else None)


def _queries_and_time(client, url) -> tuple[int, float]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return len(queries), elapsed


@pytest.mark.parametrize("page", ["budgets:dashboard", "budgets:money"])
def test_queries_do_not_grow_from_5_to_200_transactions(
    client, dp_part, person, page, django_assert_max_num_queries
):
    url = reverse(page, args=[dp_part.budget.id])
    _open(client, person.user, person)
    _grow_to(dp_part, person.user, 5)
    client.get(url)  # shows and clears any message left by signing in, which saves the session
    small, _ = _queries_and_time(client, url)
    _grow_to(dp_part, person.user, 200)
    with django_assert_max_num_queries(small):
        large = client.get(url)
    assert large.status_code == 200
    big, elapsed = _queries_and_time(client, url)
    assert big == small
    print(f"{page}: {small} queries at 5 and at 200 transactions; {elapsed * 1000:.0f} ms at 200")


def test_the_dashboard_asks_only_about_what_the_budget_has(
    client, dp_part, person, finance_officer, monkeypatch
):
    """The budget's parts are read once; someone who employs nobody is not asked about wages;
    spending all on the plan's own lines needs no look at earlier versions of the plan."""
    start, line = dp_part.budget.starts_on, dp_part.budget.plan.support_lines.get()
    post(dp_part, finance_officer, Kind.PAYMENT_IN, "300.00", start, "in")
    post(dp_part, person.user, Kind.SPEND, "40.00", start, "a", line)
    _open(client, person.user, person)

    def never(*args, **kwargs):
        raise AssertionError("not needed for this budget")

    monkeypatch.setattr("support_plans.lines.carried_lines", never)
    monkeypatch.setattr("budgets.employment.liabilities.wages_with_payments", never)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("budgets:dashboard", args=[dp_part.budget.id]))
    assert response.status_code == 200
    assert "£40.00 spent of" in response.content.decode()
    parts_read = [q for q in queries if 'FROM "budgets_budgetpart"' in q["sql"]]
    assert len(parts_read) == 1


def test_sums_are_exact_pounds_and_pence(dp_part, person, finance_officer):
    """SQLite adds decimals as floats (0.1 + 0.2 = 0.30000000000000004): shown figures are exact."""
    start, line = dp_part.budget.starts_on, dp_part.budget.plan.support_lines.get()
    post(dp_part, finance_officer, Kind.PAYMENT_IN, "0.30", start, "in")
    post(dp_part, person.user, Kind.SPEND, "0.10", start, "a", line)
    post(dp_part, person.user, Kind.SPEND, "0.20", start, "b", line)
    board = dashboard.budget_dashboard(dp_part.budget, today=start)
    assert board.lines[0].spent == Decimal("0.30") and str(board.lines[0].spent) == "0.30"
    assert (board.money_in, board.money_out, board.balance) == (
        Decimal("0.30"),
        Decimal("0.30"),
        Decimal("0.00"),
    )
    assert [str(row.balance) for row in board.recent] == ["0.00", "0.20", "0.30"]
