"""The finance officer's monitoring list and ledgers: figures, filters, sorting, a constant number
of queries (docs/quality.md #20), and every opening of a ledger written to the access log."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budgets import ledger
from budgets.models import Account, BudgetPart, PersonalBudget, RuleFlag, Transaction
from budgets.monitoring.rows import rows_refresh
from people.models import RecordAccess, StaffRole
from tests.builders import pay_in, spend

from ..factories import PersonFactory, staff_user

TODAY = timezone.localdate()
LIST_QUERIES = 13  # sign-in, session, roles, MFA check, open questions, count and page: never
# more with more accounts
LEDGER_QUERIES = 16


def add_budget(council, plan, *, name: str, weekly: str, starts_on=None) -> BudgetPart:
    """A person with an active direct payment. The list never reads the plan, so one is shared."""
    person = PersonFactory(local_authority=council, first_name=name, last_name="Test")
    budget = PersonalBudget.objects.create(
        person=person,
        plan=plan,
        starts_on=starts_on or TODAY - timedelta(weeks=20),
        ends_on=TODAY + timedelta(weeks=32),
        weekly_total=Decimal(weekly),
        weekly_la_share=Decimal(weekly),
        weekly_contribution=Decimal("0.00"),
    )
    part = BudgetPart.objects.create(
        budget=budget, kind=BudgetPart.Kind.DIRECT_PAYMENT, weekly_amount=Decimal(weekly)
    )
    rows_refresh([budget.id])  # made here without the services, which keep the rows
    return part


def flag(txn, status=RuleFlag.Status.OPEN) -> RuleFlag:
    made = RuleFlag.objects.create(
        transaction=txn,
        rule=RuleFlag.Rule.NOT_IN_PLAN,
        message="Which support was this?",
        status=status,
    )
    rows_refresh([txn.budget_id])  # made here without the services, which keep the rows
    return made


def rows(response) -> list[str]:
    """The person's name in each row of the accounts table, in order."""
    table = response.content.decode().split('id="accounts"')[1].split("</table>")[0]
    return re.findall(r'scope="row"[^>]*>(?:<a[^>]*>)?([^<]+)', table)


@pytest.fixture
def accounts(council, budget, dp_part, person, finance_officer):
    """Sam (about 4 weeks held), Bea (10 weeks held: a surplus), Cal (nothing recorded in 12
    weeks, with an open question) and Dee (new: no records yet, but not 12 weeks old)."""
    dp_part.budget.starts_on = TODAY - timedelta(weeks=20)
    dp_part.budget.save()
    pay_in(dp_part, finance_officer, "600.00", key="sam", on=TODAY - timedelta(days=10))
    spend(dp_part, person.user, "45.00", "sam-1", on=TODAY - timedelta(days=3))
    bea = add_budget(council, budget.plan, name="Bea", weekly="100.00")
    pay_in(bea, finance_officer, "1000.00", key="bea", on=TODAY - timedelta(days=10))
    spend(bea, finance_officer, "0.01", "bea-1", on=TODAY - timedelta(days=1))
    cal = add_budget(council, budget.plan, name="Cal", weekly="200.00")
    pay_in(cal, finance_officer, "800.00", key="cal", on=TODAY - timedelta(weeks=15))
    old, _ = spend(cal, finance_officer, "20.00", "cal-1", on=TODAY - timedelta(weeks=13))
    flag(old)
    resolved, _ = spend(cal, finance_officer, "5.00", "cal-2", on=TODAY - timedelta(weeks=13))
    flag(resolved, RuleFlag.Status.RESOLVED)
    add_budget(
        council, budget.plan, name="Dee", weekly="50.00", starts_on=TODAY - timedelta(weeks=2)
    )
    return {"sam": dp_part, "bea": bea, "cal": cal}


def list_url(**params) -> str:
    from urllib.parse import urlencode

    return reverse("monitoring:accounts") + ("?" + urlencode(params, doseq=True) if params else "")


def test_the_list_shows_each_accounts_figures(client, accounts, finance_officer):
    client.force_login(finance_officer)
    response = client.get(list_url(show=["all"]))
    assert rows(response) == ["Sam Okafor", "Bea Test", "Cal Test", "Dee Test"]
    page = response.content.decode()
    bea = page.split(">Bea Test")[1].split("</tr>")[0]
    assert "£999.99" in bea and ">9.9" in bea
    assert "£199.99 over the surplus threshold of £800.00" in bea
    cal = page.split(">Cal Test")[1].split("</tr>")[0]
    assert "£775.00" in cal and ">3.8" in cal and "No records for over 12 weeks" in cal
    assert "1 open question about payments" in cal
    sam = page.split(">Sam Okafor")[1].split("</tr>")[0]
    assert "£555.00" in sam and ">3.7" in sam and "over the surplus threshold" not in sam
    dee = page.split(">Dee Test")[1].split("</tr>")[0]
    assert "None yet" in dee and "Nothing to look at" in dee
    assert reverse("employment:council_checks") in page  # PA employers' checks, one click away


def test_by_default_only_accounts_with_something_to_look_at_are_listed(
    client, accounts, finance_officer
):
    """Dee's direct payment is new and in order: she is not pestered (monitoring by
    exception). Everyone else's first check is due, 20 weeks after their payments started."""
    client.force_login(finance_officer)
    response = client.get(list_url())
    assert rows(response) == ["Sam Okafor", "Bea Test", "Cal Test"]
    page = response.content.decode()
    assert "3 accounts to look at" in page
    assert page.count("First check due since") == 3


@pytest.mark.parametrize(
    "show, expected",
    [
        (["surplus"], ["Bea Test"]),
        (["quiet"], ["Cal Test"]),
        (["flags"], ["Cal Test"]),
        (["quiet", "flags"], ["Cal Test"]),
        (["surplus", "flags"], ["Bea Test", "Cal Test"]),
        (["contributions"], []),
    ],
)
def test_filters(client, accounts, finance_officer, show, expected):
    client.force_login(finance_officer)
    assert rows(client.get(list_url(show=show))) == expected if expected else True
    if not expected:
        assert "No accounts match" in client.get(list_url(show=show)).content.decode()


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["Sam Okafor", "Bea Test", "Cal Test", "Dee Test"]),
        ("weeks", ["Bea Test", "Cal Test", "Sam Okafor", "Dee Test"]),
        ("balance", ["Bea Test", "Cal Test", "Sam Okafor", "Dee Test"]),
        ("last_record", ["Dee Test", "Cal Test", "Sam Okafor", "Bea Test"]),
        ("flags", ["Cal Test", "Sam Okafor", "Bea Test", "Dee Test"]),
        ("surplus", ["Bea Test", "Dee Test", "Sam Okafor", "Cal Test"]),
    ],
)
def test_sorting(client, accounts, finance_officer, sort, expected):
    client.force_login(finance_officer)
    assert rows(client.get(list_url(sort=sort, show=["all"]))) == expected


def test_search_by_name_and_bad_filters_do_not_break_the_page(client, accounts, finance_officer):
    client.force_login(finance_officer)
    assert rows(client.get(list_url(name="bea", show=["all"]))) == ["Bea Test"]
    response = client.get(list_url(show=["everything"], sort="<script>", page="x"))
    assert response.status_code == 200 and "Choose from the list" in response.content.decode()
    assert len(rows(response)) == 3  # the filters are ignored: accounts to look at


def test_other_councils_and_other_roles_see_no_accounts(
    client, accounts, other_council, social_worker
):
    client.force_login(staff_user(other_council, StaffRole.FINANCE_OFFICER))
    assert client.get(list_url()).content.decode().count('scope="row"') == 0
    client.force_login(social_worker)
    assert client.get(list_url()).status_code == 404


def many_budgets(council, plan, finance_officer, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        part = add_budget(council, plan, name=f"Bulk{n:03d}", weekly="100.00")
        pay_in(part, finance_officer, "400.00", key=f"bulk-{n}", on=TODAY - timedelta(days=5))
        txn, _ = spend(part, finance_officer, "10.00", f"bulk-s-{n}", on=TODAY - timedelta(days=2))
        if n % 3 == 0:
            flag(txn)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_3_or_30_budgets(
    client, budget, council, finance_officer, django_assert_max_num_queries
):
    client.force_login(finance_officer)
    many_budgets(council, budget.plan, finance_officer, 3)
    url = list_url(show=["flags"], sort="weeks")
    with django_assert_max_num_queries(LIST_QUERIES):
        small = count_queries(client, url)
    many_budgets(council, budget.plan, finance_officer, 27, first=3)
    with django_assert_max_num_queries(LIST_QUERIES):
        large = count_queries(client, url)
    assert small == large
    everyone = client.get(list_url(show=["all"])).content.decode()
    assert everyone.count('scope="row"') == 31


# An account's ledger.


def ledger_url(part) -> str:
    account = Account.objects.get(part=part, kind=Account.Kind.HELD)
    return reverse("monitoring:ledger", kwargs={"account_id": account.id})


def test_opening_a_ledger_is_written_to_the_access_log(client, accounts, finance_officer, person):
    client.force_login(finance_officer)
    response = client.get(ledger_url(accounts["sam"]))
    assert response.status_code == 200
    line = RecordAccess.objects.get(person=person, what="Budget ledger")
    assert line.user == finance_officer and line.acting_for is None


def test_the_ledger_lists_entries_with_a_running_balance(client, dp_part, person, finance_officer):
    pay_in(dp_part, finance_officer, "600.00", on=date(2026, 11, 2))
    spend(dp_part, person.user, "45.50", "s1", on=date(2026, 11, 3))
    txn, _ = spend(dp_part, person.user, "30.00", "s2", on=date(2026, 11, 4))
    ledger.reverse(
        original=txn,
        recorded_by=person.user,
        reason="Typed it twice",
        on=date(2026, 11, 5),
        idempotency_key="fix",
    )
    client.force_login(finance_officer)
    page = client.get(ledger_url(dp_part)).content.decode()
    table = page.split('id="ledger"')[1]
    balances = re.findall(r'numeric">(-?£[\d,.]+)</td>\s*</tr>', table)
    assert balances == ["£554.50", "£524.50", "£554.50", "£600.00"]
    assert "Corrects payment for support of £30.00 on 4 November 2026" in table
    assert "Spent on support: £45.50" in table and "Paid in by the council: -£600.00" in table
    assert "Does not match its entries" not in page


def test_the_ledger_says_who_recorded_a_payment_and_for_whom(
    client, dp_part, person, finance_officer
):
    pay_in(dp_part, finance_officer, "600.00", on=date(2026, 11, 2))
    person.preferred_name = "Sammy"
    person.save()
    helper = staff_user(person.local_authority, StaffRole.SOCIAL_WORKER)
    helper.full_name = ""
    helper.save()
    spend(dp_part, helper, "12.00", "for-sam", payee="Corner shop", acting_for=person,
          note="Bread and milk")  # fmt: skip
    client.force_login(finance_officer)
    table = client.get(ledger_url(dp_part)).content.decode().split('id="ledger"')[1]
    row = table.split("</tr>")[1]
    assert "<strong>Payment for support</strong>: Corner shop" in row
    assert "Bread and milk" in row
    # No full name: the email address says who it was.
    assert f"Recorded by {helper.email} for Sammy {person.last_name}, " in row
    assert "Spent on support: £12.00" in row and "Corrected" not in row


def test_the_ledger_is_paginated_with_the_same_queries(client, dp_part, person, finance_officer):
    pay_in(dp_part, finance_officer, "6000.00", on=date(2026, 11, 2))
    for n in range(5):
        spend(dp_part, person.user, "1.00", f"a{n}")
    client.force_login(finance_officer)
    url = ledger_url(dp_part)
    few = count_queries(client, url)
    for n in range(70):
        spend(dp_part, person.user, "1.00", f"b{n}", on=date(2026, 11, 4))
    with CaptureQueriesContext(connection):
        many = count_queries(client, url)
    assert few == many <= LEDGER_QUERIES
    page = client.get(url).content.decode()
    assert "Page 1 of 2" in page
    last = client.get(url + "?page=2").content.decode()
    assert "£6,000.00" in last.split('id="ledger"')[1]  # the first payment in, on the last page


def test_only_the_persons_council_finance_staff_open_the_ledger(
    client, accounts, social_worker, person, other_council
):
    url = ledger_url(accounts["sam"])
    for user in (social_worker, person.user, staff_user(other_council, StaffRole.FINANCE_OFFICER)):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert not RecordAccess.objects.filter(what="Budget ledger").exists()
    assert Transaction.objects.exists()
