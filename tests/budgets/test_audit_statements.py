"""Audit statements (issue: background work): asked for on a page, made in the background,
figures equal to the ledger to the penny, downloaded only by those allowed, PDF and CSV."""

import csv
import io
import re
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets import ledger
from budgets.audit import services
from budgets.audit.figures import statement_figures
from budgets.models import AuditStatement
from tests.builders import pay_in, spend

from ..authz.budgets import SPEND_SENTINEL


@pytest.fixture
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def history(dp_part, person, finance_officer):
    start = dp_part.budget.starts_on
    pay_in(dp_part, finance_officer, "600.00", on=start)
    spend(dp_part, person.user, "45.50", "s1", on=start, payee=f"Jo {SPEND_SENTINEL}")
    [first] = dp_part.transactions.filter(kind="spend")
    ledger.reverse(
        original=first,
        recorded_by=person.user,
        reason="Typed twice",
        on=start,
        idempotency_key="fix",
    )
    spend(dp_part, person.user, "12.00", "s2", on=start, payee="Northby Taxis")
    return dp_part


def test_the_figures_add_up_and_equal_the_ledger(history):
    budget = history.budget
    figures = statement_figures(budget, budget.starts_on, budget.starts_on)
    assert figures.opening == Decimal("0.00")
    assert figures.money_in == Decimal("600.00")
    assert figures.money_out == Decimal("12.00")  # 45.50, and the correction of it as -45.50
    assert figures.closing == figures.opening + figures.money_in - figures.money_out
    assert figures.closing == ledger.held_balance(budget=budget) == Decimal("588.00")
    assert figures.evidence_missing == 2 and not ledger.check_invariants()
    later = statement_figures(
        budget, budget.starts_on + timedelta(days=1), budget.starts_on + timedelta(days=1)
    )
    assert later.opening == Decimal("588.00") and later.lines == []


def test_a_statement_is_asked_for_made_and_downloaded(
    client, history, finance_officer, private_root, django_capture_on_commit_callbacks, tmp_path
):
    budget = history.budget
    client.force_login(finance_officer)
    url = reverse("audit:statements", args=[budget.id])
    day = budget.starts_on
    fields = {
        "period_start_0": day.day,
        "period_start_1": day.month,
        "period_start_2": day.year,
        "period_end_0": day.day,
        "period_end_1": day.month,
        "period_end_2": day.year,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, fields)
    statement = AuditStatement.objects.get()
    assert response["Location"] == reverse("audit:statement", args=[budget.id, statement.id])
    page = client.get(response["Location"]).content.decode()
    assert "Ready" in page and "Download the statement (PDF)" in page
    pdf = client.get(reverse("audit:download", args=[budget.id, statement.id, "pdf"]))
    assert (
        pdf["Content-Disposition"].startswith("attachment")
        and pdf["Content-Type"] == "application/pdf"
    )
    path = tmp_path / "statement.pdf"
    path.write_bytes(b"".join(pdf.streaming_content))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Closing balance" in text, text
    assert "£588.00" in text, text
    assert re.search(r"No\s+receipt", text), text
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(
                        reverse("audit:download", args=[budget.id, statement.id, "csv"])
                    ).streaming_content
                ).decode("utf-8-sig")
            )
        )
    )
    assert rows[1][1] == "Opening balance" and rows[-1][1] == "Closing balance"
    assert rows[-1][5] == "588.00"


def test_a_statement_waiting_to_be_made_says_so_and_checks_again(client, history, finance_officer):
    budget = history.budget
    statement = services.audit_statement_request(
        budget=budget, user=finance_officer, start=budget.starts_on, end=budget.starts_on
    )  # the test's transaction never commits, so the task has not run
    client.force_login(finance_officer)
    page = client.get(reverse("audit:statement", args=[budget.id, statement.id])).content.decode()
    assert "The statement is waiting to be made" in page and 'http-equiv="refresh"' in page
    download = client.get(reverse("audit:download", args=[budget.id, statement.id, "pdf"]))
    assert download.status_code == 302


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"period_end_2": "1990"}, "The budget started on"),
        ({"period_start_0": "31", "period_start_1": "2"}, "From must be a real date"),
        ({"period_end_2": "2100"}, "To must be today or in the past"),
    ],
)
def test_a_bad_period_is_explained_and_nothing_is_asked_for(
    client, history, finance_officer, change, message
):
    day = history.budget.starts_on
    fields = {
        "period_start_0": day.day,
        "period_start_1": day.month,
        "period_start_2": "1990",
        "period_end_0": day.day,
        "period_end_1": day.month,
        "period_end_2": day.year,
    }
    client.force_login(finance_officer)
    page = client.post(reverse("audit:statements", args=[history.budget.id]), fields | change)
    assert "There is a problem" in page.content.decode() and message in page.content.decode()
    assert not AuditStatement.objects.exists()


def test_a_provider_never_reaches_a_statement(client, history, provider_user, finance_officer):
    budget = history.budget
    statement = services.audit_statement_request(
        budget=budget, user=finance_officer, start=budget.starts_on, end=budget.starts_on
    )
    services.audit_statement_make(statement_id=statement.id)
    client.force_login(provider_user)
    for url in [
        reverse("audit:statements", args=[budget.id]),
        reverse("audit:statement", args=[budget.id, statement.id]),
        reverse("audit:download", args=[budget.id, statement.id, "pdf"]),
        reverse("audit:download", args=[budget.id, statement.id, "csv"]),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        assert SPEND_SENTINEL not in response.content.decode()


def test_a_statement_opens_only_under_its_own_budget(
    client, history, council, social_worker, approver, finance_officer, private_root
):
    from tests.builders import approve, complete_eligible_assessment, ready_plan

    from ..factories import PersonFactory, UserFactory

    other = PersonFactory(local_authority=council, first_name="Ada", user=UserFactory())
    complete_eligible_assessment(other, social_worker, indicative_weekly="300.00")
    approve(ready_plan(other, other.user), writer=other.user, checker=social_worker,
            approver=approver)  # fmt: skip
    budget = history.budget
    statement = services.audit_statement_request(
        budget=budget, user=finance_officer, start=budget.starts_on, end=budget.starts_on
    )
    services.audit_statement_make(statement_id=statement.id)
    client.force_login(finance_officer)  # may open both budgets
    other_budget = other.budgets.get()
    assert client.get(reverse("audit:statement", args=[budget.id, statement.id])).status_code == 200
    for url in [
        reverse("audit:statement", args=[other_budget.id, statement.id]),
        reverse("audit:download", args=[other_budget.id, statement.id, "pdf"]),
    ]:
        assert client.get(url).status_code == 404
    own = client.get(reverse("audit:statements", args=[budget.id])).content.decode()
    listed = client.get(reverse("audit:statements", args=[other_budget.id])).content.decode()
    assert str(statement.id) in own and str(statement.id) not in listed
