"""Logging spending from a direct payment: several payments at once, all or nothing; replays
create nothing; corrections keep the original; refunds; a representative's entries are theirs,
for the person; every form answers bad input with a clear message; providers see none of it."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets import ledger
from budgets import presenters as dashboard
from budgets.models import Account, BudgetPart, PersonalBudget, Receipt, RuleFlag, Transaction
from budgets.spending import services as spending
from core.errors import DomainError
from support_plans import services as plan_services
from support_plans.models import ApprovalDecision
from tests.builders import complete_eligible_assessment, ready_plan

from ..authz.budgets import SPEND_SENTINEL
from ..test_authorisation_matrix import MATRIX

TODAY = timezone.localdate


def budget_for(person, writer, social_worker, approver) -> PersonalBudget:
    """Approve a £150-a-week direct payment plan for anyone, written by `writer`."""
    complete_eligible_assessment(person, social_worker, indicative_weekly="300.00")
    plan = ready_plan(person, writer)
    plan_services.plan_submit(plan=plan, user=writer)
    plan_services.plan_check(plan=plan, user=social_worker)
    plan_services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    return PersonalBudget.objects.get(person=person)


def fund(part, user, amount="600.00", key="fund-1"):
    """Pay money into the direct payment on the day the budget starts."""
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal(amount),
            occurred_on=part.budget.starts_on,
            recorded_by=user,
            idempotency_key=key,
        )
    )


def entry(line=None, **changes) -> dict:
    values = {
        "occurred_on": TODAY(),
        "payee": "Jo Bloggs (PA)",
        "amount": Decimal("45.00"),
        "support_line": line,
        "note": "",
    }
    return {**values, **changes}


def held(part) -> Decimal:
    return Account.objects.get(part=part, kind=Account.Kind.HELD).balance


@pytest.fixture
def funded(dp_part, finance_officer):
    fund(dp_part, finance_officer)
    return dp_part


@pytest.fixture
def line(budget):
    return budget.plan.support_lines.get()


def log(part, user, entries, key="key-1", acting_for=None):
    return spending.spending_log(
        part=part, user=user, acting_for=acting_for, entries=entries, submission_key=key
    )


# Services.


def test_the_person_logs_several_payments_at_once(funded, person, line):
    logged = log(funded, person.user, [entry(line), entry(line, amount=Decimal("30.50")), entry()])
    assert [item.created for item in logged] == [True, True, True]
    assert held(funded) == Decimal("479.50")
    assert {t.idempotency_key for t in Transaction.objects.filter(kind="spend")} == {
        "key-1:0",
        "key-1:1",
        "key-1:2",
    }
    assert all(
        t.acting_for is None and t.recorded_by == person.user
        for t in funded.transactions.filter(kind="spend")
    )
    assert ledger.check_invariants() == []


def test_a_submission_is_all_or_nothing(funded, person, line):
    with pytest.raises(DomainError, match="not enough for this £600.00"):
        log(funded, person.user, [entry(line), entry(line, amount=Decimal("600.00"))])
    assert not Transaction.objects.filter(kind="spend").exists()
    assert held(funded) == Decimal("600.00")


def test_a_double_submitted_form_creates_nothing_new(funded, person, line):
    first = log(funded, person.user, [entry(line), entry()])
    again = log(funded, person.user, [entry(line), entry()])
    assert [item.created for item in again] == [False, False]
    assert [item.txn for item in again] == [item.txn for item in first]
    assert Transaction.objects.filter(kind="spend").count() == 2
    assert RuleFlag.objects.count() == 1  # the payment not in the plan, flagged once
    assert held(funded) == Decimal("510.00")


def test_a_submission_key_cannot_replay_someone_elses_payment(
    funded, person, line, represented_person, nominated_person, social_worker, approver
):
    log(funded, person.user, [entry(line)], key="shared")
    peggy = budget_for(represented_person, nominated_person, social_worker, approver)
    part = peggy.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    fund(part, social_worker, key="fund-peggy")
    with pytest.raises(DomainError, match="expired"):
        log(part, nominated_person, [entry()], key="shared", acting_for=represented_person)


def test_a_representatives_payments_are_theirs_on_the_persons_behalf(
    represented_person, nominated_person, social_worker, approver
):
    budget = budget_for(represented_person, nominated_person, social_worker, approver)
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    fund(part, social_worker)
    [logged] = log(part, nominated_person, [entry()], acting_for=represented_person)
    assert logged.txn.recorded_by == nominated_person
    assert logged.txn.acting_for == represented_person
    assert (
        dashboard.logged_by(logged.txn, represented_person)
        == "Logged by David Hughes on Margaret's behalf"
    )


def test_the_person_logging_for_themselves_acts_for_nobody(funded, person, line):
    [logged] = log(funded, person.user, [entry(line)], acting_for=person)
    assert logged.txn.acting_for is None
    assert dashboard.logged_by(logged.txn, person) == "Logged by Samuel Okafor"


@pytest.mark.parametrize(
    "who", ["social_worker", "finance_officer", "provider_user", "stranger", "nominated_person"]
)
def test_only_the_person_or_their_representative_logs_payments(request, funded, line, who):
    user = request.getfixturevalue(who)  # nominated_person here acts for someone else
    with pytest.raises(DomainError, match="Only the person or their representative"):
        log(funded, user, [entry(line)])
    assert not Transaction.objects.filter(kind="spend").exists()


def test_someone_elses_record_cannot_be_the_acting_for(funded, person, line, other_person):
    with pytest.raises(DomainError, match="someone else's record"):
        log(funded, person.user, [entry(line)], acting_for=other_person)


def test_dates_must_fall_in_the_budget_and_not_the_future(funded, person, line):
    with pytest.raises(DomainError, match="today or in the past"):
        log(funded, person.user, [entry(line, occurred_on=TODAY() + timedelta(days=1))])
    with pytest.raises(DomainError, match="when the budget started"):
        log(funded, person.user, [entry(line, occurred_on=TODAY() - timedelta(days=1))])


def test_support_from_another_plan_is_refused(funded, person, other_person, social_worker):
    complete_eligible_assessment(other_person, social_worker)
    elsewhere = ready_plan(other_person, other_person.user).support_lines.get()
    with pytest.raises(DomainError, match="choose support from the current plan"):
        log(funded, person.user, [entry(elsewhere)])


def test_a_correction_keeps_the_original_and_restores_the_balance(funded, person, line):
    [logged] = log(funded, person.user, [entry(line, amount=Decimal("54.00"))])
    fix, created = spending.spending_correct(
        txn=logged.txn,
        user=person.user,
        acting_for=person,
        reason="I typed £54 instead of £45",
        submission_key="fix-1",
    )
    again, created_again = spending.spending_correct(
        txn=logged.txn, user=person.user, acting_for=person, reason="x", submission_key="fix-1"
    )
    assert created and not created_again and again == fix
    assert fix.reverses == logged.txn and fix.note == "I typed £54 instead of £45"
    assert Transaction.objects.filter(pk=logged.txn.pk).exists()
    assert held(funded) == Decimal("600.00")
    with pytest.raises(DomainError, match="already been corrected"):
        spending.spending_correct(
            txn=logged.txn, user=person.user, acting_for=None, reason="x", submission_key="fix-2"
        )


def test_payments_from_the_council_cannot_be_corrected_by_the_person(funded, person):
    payment_in = funded.transactions.get(kind="payment_in")
    with pytest.raises(DomainError, match="Only payments and refunds"):
        spending.spending_correct(
            txn=payment_in, user=person.user, acting_for=None, reason="x", submission_key="k"
        )


def refund_entry(paid, amount: str, **changes) -> dict:
    """Money back for a payment (`paid`), or from somewhere else when `paid` is None."""
    values = {"payee": "Jo Bloggs (PA)", "amount": Decimal(amount), "refund_of": paid}
    return {**entry(**values), "kind": "refund", **changes}


def test_a_refund_of_a_payment_puts_money_back_and_raises_no_question(funded, person, line):
    [paid] = log(funded, person.user, [entry(line, amount=Decimal("100.00"))])
    [refund] = log(funded, person.user, [refund_entry(paid.txn, "20.00")], key="refund-1")
    assert refund.txn.kind == Transaction.Kind.REFUND and refund.flags == []
    assert refund.txn.refund_of == paid.txn and refund.txn.support_line == line
    assert held(funded) == Decimal("520.00")


def test_a_refund_cannot_be_more_than_the_payment_it_refunds(funded, person, line):
    [paid] = log(funded, person.user, [entry(line, amount=Decimal("45.00"))])
    log(funded, person.user, [refund_entry(paid.txn, "40.00")], key="refund-1")
    with pytest.raises(DomainError, match="so a refund of it can be £5.00 at most"):
        log(funded, person.user, [refund_entry(paid.txn, "5.01")], key="refund-2")
    with pytest.raises(DomainError, match="£999,999.99 cannot come back"):
        log(funded, person.user, [refund_entry(None, "999999.99", note="?")], key="huge")
    assert held(funded) == Decimal("595.00")
    assert not ledger.check_invariants()


def test_money_back_from_elsewhere_says_where_and_gets_a_question(funded, person, line):
    log(funded, person.user, [entry(line, amount=Decimal("45.00"))])
    with pytest.raises(DomainError, match="Say where the money came from"):
        log(funded, person.user, [refund_entry(None, "10.00")], key="refund-1")
    [refund] = log(
        funded, person.user, [refund_entry(None, "10.00", note="Deposit back")], key="refund-2"
    )
    assert [flag.rule for flag in refund.flags] == [RuleFlag.Rule.UNUSUAL_REFUND]


# Pages.


def _open(client, user, person):
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": person.id})


def _form_data(n=1, key=None, rows=None) -> dict:
    """POST data for the payments form: `rows` maps a row number to its field values."""
    data = {"submission_key": key or str(uuid.uuid4()), "rows": str(n)}
    for row, values in (rows or {}).items():
        when = values.get("on", TODAY())
        data.update(
            {
                f"occurred_on_{row}_0": str(when.day),
                f"occurred_on_{row}_1": str(when.month),
                f"occurred_on_{row}_2": str(when.year),
                f"payee_{row}": values.get("payee", "Jo Bloggs (PA)"),
                f"amount_{row}": values.get("amount", "45.00"),
                f"support_line_{row}": values.get("line", "none"),
                f"note_{row}": values.get("note", ""),
            }
        )
    return data


def test_logging_three_payments_on_the_page_and_sending_it_twice(client, funded, person, line):
    _open(client, person.user, person)
    url = reverse("spending:log_payments", args=[funded.budget.id])
    page = client.get(url)
    assert page.status_code == 200 and 'name="submission_key"' in page.content.decode()
    rows = {1: {"line": str(line.id)}, 2: {"amount": "£1,000.00"}, 3: {"amount": "12.5"}}
    data = _form_data(3, rows=rows)
    response = client.post(url, data)
    assert "There is a problem" in response.content.decode()
    problem = "Payment 2, after the payments above it: There is £555.00 left, which is not"
    assert problem in response.content.decode()
    assert not Transaction.objects.filter(kind="spend").exists()
    data[f"amount_{2}"] = "10.00"
    response = client.post(url, data, follow=True)
    assert "You logged 3 payments. We have a question about 2 of them" in (
        response.content.decode()
    )
    replay = client.post(url, data, follow=True)
    assert "nothing has been logged twice" in replay.content.decode()
    assert Transaction.objects.filter(kind="spend").count() == 3
    assert held(funded) == Decimal("532.50")


def test_adding_another_payment_keeps_what_was_typed_and_shows_no_errors(client, funded, person):
    _open(client, person.user, person)
    url = reverse("spending:log_payments", args=[funded.budget.id])
    data = {**_form_data(1, rows={1: {"payee": "Tidy Gardens Ltd", "amount": ""}}), "action": "add"}
    page = client.post(url, data).content.decode()
    assert "There is a problem" not in page and "Payment 2" in page
    assert 'value="Tidy Gardens Ltd"' in page and 'name="rows" value="2"' in page
    assert not Transaction.objects.filter(kind="spend").exists()


def test_empty_extra_payments_are_left_out(client, funded, person, line):
    _open(client, person.user, person)
    url = reverse("spending:log_payments", args=[funded.budget.id])
    client.post(url, _form_data(3, rows={1: {"line": str(line.id)}}))
    assert Transaction.objects.filter(kind="spend").count() == 1


BAD_PAYMENTS = [
    ({"amount": "abc"}, "Enter an amount in pounds and pence, like 25.00"),
    ({"amount": "-5"}, "The amount must be more than £0"),
    ({"amount": "0"}, "The amount must be more than £0"),
    ({"amount": "0.001"}, "Enter an amount in pounds and pence, like 25.00"),
    ({"amount": "1e5"}, "Enter an amount in pounds and pence, like 25.00"),
    ({"amount": "NaN"}, "Enter an amount in pounds and pence, like 25.00"),
    ({"amount": "99999999999"}, "Enter an amount less than £1,000,000.00"),
    ({"amount": ""}, "Enter an amount in pounds and pence, like 25.00"),
    ({"payee": ""}, "Enter who was paid"),
    ({"payee": "x" * 201}, "Keep the name to 200 characters or fewer"),
    ({"line": ""}, "Choose the support the payment was for"),
    ({"line": "999999"}, "Choose the support the payment was for from the list"),
    ({"note": "x" * 1001}, "Keep this to 1,000 characters or fewer"),
    ({"on": TODAY() + timedelta(days=3)}, "must be today or in the past"),
    ({"on": TODAY() - timedelta(days=3)}, "when the budget started"),
]


@pytest.mark.parametrize(("change", "message"), BAD_PAYMENTS)
def test_bad_payments_get_a_clear_message_and_keep_what_was_typed(
    client, funded, person, change, message
):
    _open(client, person.user, person)
    url = reverse("spending:log_payments", args=[funded.budget.id])
    data = _form_data(1, rows={1: {"payee": "Tidy Gardens Ltd", **change}})
    page = client.post(url, data).content.decode()
    assert "There is a problem" in page and message in page and "<title>Error:" in page
    if change.get("payee", "x") != "" and "payee" not in change:
        assert 'value="Tidy Gardens Ltd"' in page
    assert not Transaction.objects.filter(kind="spend").exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rows": "x", "submission_key": "nope"},
        {"rows": "999", "submission_key": str(uuid.uuid4())},
        {"occurred_on_1_0": "31", "occurred_on_1_1": "2", "occurred_on_1_2": "2026", "rows": "1"},
        {"occurred_on_1_0": "x", "occurred_on_1_1": "", "occurred_on_1_2": "26", "rows": "1"},
    ],
)
def test_malformed_payment_posts_never_fail(client, funded, person, data):
    _open(client, person.user, person)
    url = reverse("spending:log_payments", args=[funded.budget.id])
    response = client.post(url, data)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Transaction.objects.filter(kind="spend").exists()


def test_a_refund_and_a_correction_through_the_pages(client, funded, person, line):
    _open(client, person.user, person)
    [logged, other] = log(
        funded, person.user, [entry(line, amount=Decimal("54.00")), entry(line, payee="Gym")]
    )
    refund = reverse("spending:log_refund", args=[funded.budget.id])
    page = client.get(refund).content.decode()
    assert "Which payment is this money back for?" in page and "£45.00 to Gym on" in page
    data = _form_data(1, rows={1: {"amount": "4.00"}}) | {"refund_of_1": str(other.txn.id)}
    assert client.post(refund, data).status_code == 302
    correct = reverse("spending:correct", args=[funded.budget.id, logged.txn.id])
    empty = client.post(correct, {"submission_key": str(uuid.uuid4()), "reason": " "})
    assert "Say what was wrong" in empty.content.decode()
    client.post(correct, {"submission_key": str(uuid.uuid4()), "reason": "Wrong amount"})
    assert held(funded) == Decimal("559.00")  # 600 - 54 - 45 + 4 + 54
    money = client.get(reverse("budgets:money", args=[funded.budget.id])).content.decode()
    assert (
        "<del>£54.00</del>" in money
        and "Corrected" in money
        and "What was wrong: Wrong amount" in money
    )
    assert "Refund from Jo Bloggs (PA)" in money


def test_a_representative_sees_their_name_on_the_payment(
    client, represented_person, nominated_person, social_worker, approver
):
    budget = budget_for(represented_person, nominated_person, social_worker, approver)
    part = budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    fund(part, social_worker)
    _open(client, nominated_person, represented_person)
    client.post(reverse("spending:log_payments", args=[budget.id]), _form_data(1, rows={1: {}}))
    txn = part.transactions.get(kind="spend")
    assert txn.recorded_by == nominated_person and txn.acting_for == represented_person
    page = client.get(reverse("spending:payment", args=[budget.id, txn.id])).content.decode()
    assert "Logged by David Hughes on Margaret&#x27;s behalf" in page


def test_explaining_and_resolving_a_question(client, funded, person, line, finance_officer):
    [logged] = log(funded, person.user, [entry(payee="Corner shop")])
    [flag] = logged.flags
    _open(client, person.user, person)
    explain = reverse("spending:flag_explain", args=[funded.budget.id, flag.id])
    assert (
        "Say what the payment was for" in client.post(explain, {"explanation": ""}).content.decode()
    )
    client.post(explain, {"explanation": "Food for the cooking lesson with my PA"})
    flag.refresh_from_db()
    assert flag.status == RuleFlag.Status.EXPLAINED and flag.explained_by == person.user
    client.force_login(finance_officer)
    queue = client.get(reverse("spending:flag_queue")).content.decode()
    assert "Sam Okafor" in queue and "Explained" in queue
    resolve = reverse("spending:flag_resolve", args=[flag.id])
    assert "Say what you decided" in client.post(resolve, {"resolution": ""}).content.decode()
    client.post(resolve, {"resolution": "That is fine: it is part of the cooking support."})
    flag.refresh_from_db()
    assert flag.status == RuleFlag.Status.RESOLVED and flag.resolved_by == finance_officer
    assert (
        "There are no questions waiting"
        in client.get(reverse("spending:flag_queue")).content.decode()
    )


def test_social_workers_see_the_budget_but_cannot_log(client, funded, person, social_worker):
    client.force_login(social_worker)
    budget = funded.budget
    page = client.get(reverse("budgets:dashboard", args=[budget.id])).content.decode()
    assert "Money in the account now" in page and "Log payments" not in page
    url = reverse("spending:log_payments", args=[budget.id])
    assert client.post(url, _form_data(1, rows={1: {}})).status_code == 404
    assert not Transaction.objects.filter(kind="spend").exists()


def test_outsiders_cannot_post_to_any_budget_form(
    client, funded, person, line, stranger, provider_user, other_person
):
    [logged] = log(funded, person.user, [entry()])
    budget, flag = funded.budget, logged.flags[0]
    urls = [
        reverse("spending:log_payments", args=[budget.id]),
        reverse("spending:log_refund", args=[budget.id]),
        reverse("spending:correct", args=[budget.id, logged.txn.id]),
        reverse("spending:receipt_add", args=[budget.id, logged.txn.id]),
        reverse("spending:flag_explain", args=[budget.id, flag.id]),
        reverse("spending:flag_resolve", args=[flag.id]),
    ]
    for user in [stranger, provider_user, other_person.user]:
        client.force_login(user)
        for url in urls:
            response = client.post(
                url,
                {
                    **_form_data(1, rows={1: {}}),
                    "reason": "x",
                    "explanation": "x",
                    "resolution": "x",
                },
            )
            assert response.status_code == 404, (user, url)
    assert Transaction.objects.filter(kind__in=["spend", "refund", "correction"]).count() == 1
    flag.refresh_from_db()
    assert flag.status == RuleFlag.Status.OPEN and not Receipt.objects.exists()


# docs/quality.md #8: the provider never sees spending.


def test_provider_never_sees_the_spending_sentinel(client, scenario):  # noqa: F811
    provider = scenario["users"]["provider_user"]
    assert SPEND_SENTINEL in scenario["budget_txn"].payee
    client.force_login(provider)
    seen = 0
    for name, (kwargs_for, expected) in MATRIX.items():
        url = reverse(name, kwargs=kwargs_for(scenario) if kwargs_for else None)
        response = client.get(url)
        if name.startswith("budgets:"):
            assert response.status_code == expected["provider_user"] == 404, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SPEND_SENTINEL.encode() not in body, name
        seen += response.status_code == 200
    assert seen > 0  # the provider reached some pages, and none showed the sentinel


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("spending:log_payments", "Enter the date of the payment"),
        ("spending:log_refund", "Enter the date of the refund"),
        ("spending:correct", "Say what was wrong"),
        ("spending:receipt_add", "Choose a photo or PDF of the receipt"),
        ("spending:flag_explain", "Say what the payment was for"),
        ("spending:flag_resolve", "Say what you decided"),
    ],
)
@pytest.mark.parametrize("data", [{}, {"submission_key": "x" * 5000, "reason": "\x00"}])
def test_every_budget_form_answers_an_empty_or_malformed_post(
    client, funded, person, finance_officer, name, message, data
):
    [logged] = log(funded, person.user, [entry()])
    budget, flag = funded.budget, logged.flags[0]
    kwargs = {
        "spending:log_payments": [budget.id],
        "spending:log_refund": [budget.id],
        "spending:correct": [budget.id, logged.txn.id],
        "spending:receipt_add": [budget.id, logged.txn.id],
        "spending:flag_explain": [budget.id, flag.id],
        "spending:flag_resolve": [flag.id],
    }[name]
    if name == "spending:flag_resolve":
        client.force_login(finance_officer)
    else:
        _open(client, person.user, person)
    response = client.post(reverse(name, args=kwargs), data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page or "Null characters are not allowed" in page
    assert funded.transactions.count() == 2 and not Receipt.objects.exists()
