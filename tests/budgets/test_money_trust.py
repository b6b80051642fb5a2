"""What a careful first user found about money (issue: money that can go wrong today): likely
duplicates, receipts that must survive the form being shown again, statement rows that follow
the same rules as typed payments, and a revision mid-period that tops up the days already paid."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets import ledger
from budgets.models import BudgetChange, PaymentAdjustment, Receipt, RuleFlag, Transaction
from budgets.payments import runs
from budgets.statements import services as imports
from budgets.statements.files import Columns
from support_plans import services as plan_services
from tests.builders import add_line, approve

from .test_receipts import image, upload
from .test_spending import _form_data, _open, entry, fund, held, log


@pytest.fixture
def funded(dp_part, finance_officer):
    fund(dp_part, finance_officer)
    return dp_part


@pytest.fixture
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def _log_url(part):
    return reverse("spending:log_payments", args=[part.budget.id])


# 4. Duplicates.


def test_the_same_payment_again_is_questioned_kindly_and_logged_only_if_confirmed(
    client, funded, person
):
    _open(client, person.user, person)
    first = _form_data(1, rows={1: {"payee": "Northby Cafe", "amount": "3.20"}})
    assert client.post(_log_url(funded), first).status_code == 302
    again = _form_data(1, rows={1: {"payee": "northby  cafe", "amount": "3.20"}})  # Back, resend
    page = client.post(_log_url(funded), again).content.decode()
    assert re.search(r"You logged £3.20 to Northby Cafe on \d+ \w+ \d{4} a moment ago", page)
    assert "Log it again?" in page and "Yes, log it again" in page
    assert Transaction.objects.filter(kind="spend").count() == 1 and held(funded) == Decimal(
        "596.80"
    )
    assert client.post(_log_url(funded), again | {"log_again": "yes"}).status_code == 302
    second = Transaction.objects.filter(kind="spend").latest("recorded_at")
    assert second.flags.filter(rule=RuleFlag.Rule.POSSIBLE_DUPLICATE).exists()
    assert held(funded) == Decimal("593.60")


def test_sending_the_very_same_form_twice_still_logs_once_without_asking(client, funded, person):
    _open(client, person.user, person)
    data = _form_data(1, rows={1: {"payee": "Northby Cafe", "amount": "3.20"}})
    client.post(_log_url(funded), data)
    response = client.post(_log_url(funded), data, follow=True)
    assert "already logged" in response.content.decode()
    assert Transaction.objects.filter(kind="spend").count() == 1


# 7. Receipts survive the form being shown again.


def test_a_receipt_is_kept_when_another_payment_is_added(client, funded, person, private_root):
    _open(client, person.user, person)
    data = _form_data(1, rows={1: {"payee": "Chemist", "amount": "4.00"}})
    data |= {"receipt_1": upload("chemist.png", image("PNG")), "action": "add"}
    page = client.post(_log_url(funded), data).content.decode()
    assert "Receipt kept" in page and "chemist.png is kept for this payment" in page
    token = re.search(r'name="receipt_kept_1" value="([^"]+)"', page).group(1)
    final = _form_data(
        2, key=data["submission_key"], rows={1: {"payee": "Chemist", "amount": "4.00"}}
    )
    final |= {"receipt_kept_1": token}
    assert client.post(_log_url(funded), final).status_code == 302
    receipt = Receipt.objects.get()
    assert receipt.original_name == "chemist.png" and receipt.transaction.payee == "Chemist"
    assert not list((private_root / "staged-receipts").glob(f"{token}*"))


def test_a_receipt_is_kept_through_a_mistake_on_the_form(client, funded, person, private_root):
    _open(client, person.user, person)
    data = _form_data(1, rows={1: {"payee": "", "amount": "4.00"}})
    data["receipt_1"] = upload("bus.png", image("PNG"))
    page = client.post(_log_url(funded), data).content.decode()
    assert "There is a problem" in page and "bus.png is kept for this payment" in page
    token = re.search(r'name="receipt_kept_1" value="([^"]+)"', page).group(1)
    fixed = _form_data(1, key=data["submission_key"], rows={1: {"payee": "Bus", "amount": "4.00"}})
    client.post(_log_url(funded), fixed | {"receipt_kept_1": token})
    assert Receipt.objects.get().original_name == "bus.png"


def test_someone_elses_kept_receipt_cannot_be_used(
    client, funded, person, private_root, nominated_person
):
    from budgets.spending import receipts

    checked = receipts.check_upload(upload("x.png", image("PNG")))
    token = receipts.receipt_keep(checked, nominated_person)
    assert receipts.receipt_kept(token, person.user) is None
    assert receipts.receipt_kept("../../etc/passwd", person.user) is None
    assert receipts.receipt_kept(token, nominated_person).original_name == "x.png"


# 5. Statement rows follow the same rules as typed payments.


def test_a_statement_row_from_before_the_budget_is_refused_plainly(funded, person):
    imports.statement_mapping_save(
        part=funded,
        user=person.user,
        columns=Columns("Date", "Description", "%d/%m/%Y", amount="Amount"),
    )
    before = funded.budget.starts_on - timedelta(days=30)
    data = f"Date,Description,Amount\n{before:%d/%m/%Y},Old shop,-5.00\n".encode()
    imports.statement_import(part=funded, user=person.user, file_name="s.csv", data=data)
    line = funded.imports.get().lines.get()
    with pytest.raises(Exception, match="Row 2 cannot be logged: the date must be on or after"):
        imports.statement_line_confirm(line=line, user=person.user)
    assert not Transaction.objects.filter(kind="spend").exists()


def test_a_payment_dated_before_the_money_arrived_is_flagged_in_the_ledger(
    client, dp_part, finance_officer, person
):
    start = dp_part.budget.starts_on
    ledger.post(
        ledger.Posting(
            part=dp_part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal("100.00"),
            occurred_on=start + timedelta(days=2),
            recorded_by=finance_officer,
            idempotency_key="late-money",
        )
    )
    log(dp_part, person.user, [entry(occurred_on=start, amount=Decimal("30.00"))])
    account = dp_part.accounts.get(kind="held")
    client.force_login(finance_officer)
    page = client.get(reverse("monitoring:ledger", args=[account.id])).content.decode()
    assert "Below £0 on this date" in page


# 19. A correction of a payment shows in the money out column, as a minus.


def test_a_correction_of_a_payment_is_not_shown_as_money_in(client, funded, person):
    [paid] = log(funded, person.user, [entry(amount=Decimal("54.00"))])
    ledger.reverse(
        original=paid.txn,
        recorded_by=person.user,
        reason="Wrong",
        on=paid.txn.occurred_on,
        idempotency_key="fix-1",
    )
    _open(client, person.user, person)
    money = client.get(reverse("budgets:money", args=[funded.budget.id])).content.decode()
    row = re.search(r"Correction of .*?</tr>", money, re.S).group(0)
    cells = re.findall(r'govuk-table__cell--numeric">(.*?)</td>', row, re.S)
    assert cells[0].strip() == "" and "-£54.00" in cells[1]


# 2. A revision mid-period: spending and the days already paid.


def test_a_higher_weekly_amount_mid_cycle_is_topped_up_in_the_next_run(
    dp_part, council, person, social_worker, approver, finance_officer
):
    budget = dp_part.budget
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    assert held(dp_part) == Decimal("600.00")
    plan = plan_services.plan_revise(plan=budget.plan, user=person.user, reason="More help")
    add_line(plan, person.user, description="Evening visits", quantity="2", cost="15.00")
    approve(plan, writer=person.user, checker=social_worker, approver=approver)
    adjustment = PaymentAdjustment.objects.get()
    assert adjustment.amount == Decimal("120.00")  # £30 a week more for the 28 days paid
    assert "Top-up" in adjustment.reason and "already paid at £150.00 a week" in adjustment.reason
    assert (
        BudgetChange.objects.filter(budget=budget)
        .first()
        .what.startswith("The support plan changed: the budget went from £150.00 to £180.00 a week")
    )
    next_cycle = budget.starts_on + timedelta(days=28)
    run, _ = runs.payment_run(authority=council, cycle_start=next_cycle, run_by=finance_officer)
    assert run.total == Decimal("840.00")  # 4 weeks at £180, and the £120 top-up
    adjustment.refresh_from_db()
    assert adjustment.applied_on == next_cycle and not ledger.check_invariants()


def test_a_lower_weekly_amount_mid_cycle_reduces_the_next_payment(
    dp_part, council, person, social_worker, approver, finance_officer
):
    budget = dp_part.budget
    runs.payment_run(authority=council, cycle_start=budget.starts_on, run_by=finance_officer)
    plan = plan_services.plan_revise(plan=budget.plan, user=person.user, reason="Less help")
    line = plan.support_lines.get()
    plan_services.plan_part_remove(plan=plan, user=person.user, part=line)
    add_line(plan, person.user, quantity="8")  # £120 a week, not £150
    approve(plan, writer=person.user, checker=social_worker, approver=approver)
    next_cycle = budget.starts_on + timedelta(days=28)
    run, _ = runs.payment_run(authority=council, cycle_start=next_cycle, run_by=finance_officer)
    assert run.total == Decimal("360.00")  # 4 weeks at £120, less £120 paid earlier at £150
    assert PaymentAdjustment.objects.filter(applied_on=None).count() == 0


def test_left_to_spend_never_promises_more_than_the_account_holds(client, dp_part, person):
    fund(dp_part, person.user, amount="100.00")
    _open(client, person.user, person)
    page = client.get(reverse("budgets:dashboard", args=[dp_part.budget.id])).content.decode()
    assert "£600.00 of the £600.00 planned" in page
    assert "The account holds £100.00 now, so only that can be spent" in page


# Issue: security hardening, item 8.


def test_invisible_characters_cannot_make_a_payee_look_like_someone_else(funded, person):
    disguised = "Jo\u202e sggolB\u200b (PA)"
    [logged] = log(funded, person.user, [entry(payee=disguised)])
    assert logged.txn.payee == "Jo sggolB (PA)"


def test_a_receipt_downloads_under_the_extension_of_its_content(
    client, funded, person, private_root
):
    _open(client, person.user, person)
    data = _form_data(1, rows={1: {"payee": "Chemist", "amount": "4.00"}})
    data["receipt_1"] = upload("invoice.exe", image("PNG"))
    assert client.post(_log_url(funded), data).status_code == 302
    receipt = Receipt.objects.get()
    response = client.get(reverse("spending:receipt", args=[funded.budget.id, receipt.id]))
    assert 'filename="invoice.png"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
