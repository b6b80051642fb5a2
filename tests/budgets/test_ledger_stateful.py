"""Random sequences of payments in, spends, corrections, refunds, replays and statement imports:
after every step the ledger's invariants hold and the money held is what a simple model expects
(docs/quality.md #2–4)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)

from budgets import ledger
from budgets.models import Account, Entry, StatementLine, Transaction
from budgets.statements import services as imports
from budgets.statements.files import Columns
from core.errors import DomainError

Kind = Transaction.Kind
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("400.00"), places=2)
# How each kind of movement changes the money held.
HELD_SIGN = {Kind.PAYMENT_IN: 1, Kind.CONTRIBUTION: 1, Kind.REFUND: 1, Kind.SPEND: -1}
# ...and the money spent (a refund gives back money spent, and never more than was spent).
SPENT_SIGN = {Kind.PAYMENT_IN: 0, Kind.CONTRIBUTION: 0, Kind.REFUND: -1, Kind.SPEND: 1}


def refused_rightly(message: str, held_after: Decimal, spent_after: Decimal) -> bool:
    """A refusal is right only if the money held, or the money spent, would go below £0."""
    return (held_after < 0 and "not enough" in message) or (
        spent_after < 0 and "cannot come back" in message
    )


def exact_check() -> list[str]:
    """ledger.check_invariants() worked out in Python, entry by entry, in exact Decimals."""
    by_account, by_transaction = defaultdict(Decimal), defaultdict(Decimal)
    for account_id, txn_id, amount in Entry.objects.values_list(
        "account_id", "transaction_id", "amount"
    ):
        by_account[account_id] += amount
        by_transaction[txn_id] += amount
    problems = [f"Transaction {t} does not sum to zero" for t, s in by_transaction.items() if s]
    for account in Account.objects.all():
        if account.balance != by_account[account.id]:
            problems.append(f"Account {account.id}: cached {account.balance}")
        if account.kind in (Account.Kind.HELD, Account.Kind.SPENDING) and account.balance < 0:
            problems.append(f"Account {account.id} is below £0")
    empty = Transaction.objects.filter(entries__isnull=True).values_list("id", flat=True)
    return problems + [f"Transaction {t} has no entries" for t in empty]


class LedgerMachine(RuleBasedStateMachine):
    """One direct payment account, driven at random; `part` and `user` are set by the test."""

    part = None
    user = None
    postings = Bundle("postings")

    def __init__(self):
        super().__init__()
        # Each run happens in a savepoint rolled back at the end, so runs start from nothing.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.expected = Decimal("0.00")
        self.spent = Decimal("0.00")
        self.corrected: set = set()
        self.steps = 0
        imports.statement_mapping_save(
            part=self.part,
            user=self.user,
            columns=Columns("Date", "Description", "%d/%m/%Y", amount="Amount"),
        )

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _key(self, what: str) -> str:
        self.steps += 1
        return f"{what}-{self.steps}"

    def _post(self, kind: str, amount: Decimal, key: str):
        """Post, or check the refusal is for want of money; returns (txn id, kind, amount)."""
        change, spent = HELD_SIGN[kind] * amount, SPENT_SIGN[kind] * amount
        try:
            txn, created = ledger.post(
                ledger.Posting(
                    part=self.part,
                    kind=kind,
                    amount=amount,
                    occurred_on=date(2026, 11, 3),
                    recorded_by=self.user,
                    idempotency_key=key,
                )
            )
        except DomainError as error:
            assert refused_rightly(error.message, self.expected + change, self.spent + spent)
            return None
        assert created
        self.expected += change
        self.spent += spent
        return (txn.id, kind, amount, key)

    @rule(target=postings, amount=amounts)
    def pay_in(self, amount):
        return self._post(Kind.PAYMENT_IN, amount, self._key("in"))

    @rule(target=postings, amount=amounts)
    def spend(self, amount):
        return self._post(Kind.SPEND, amount, self._key("spend"))

    @rule(target=postings, amount=amounts)
    def refund(self, amount):
        return self._post(Kind.REFUND, amount, self._key("refund"))

    @rule(posting=postings)
    def replay(self, posting):
        if posting is None:
            return
        txn_id, kind, amount, key = posting
        before = Transaction.objects.count()
        txn, created = ledger.post(
            ledger.Posting(
                part=self.part,
                kind=kind,
                amount=amount,
                occurred_on=date(2026, 11, 3),
                recorded_by=self.user,
                idempotency_key=key,
            )
        )
        assert not created and txn.id == txn_id and Transaction.objects.count() == before

    @rule(posting=consumes(postings))
    def correct(self, posting):
        if posting is None or posting[0] in self.corrected:
            return
        txn_id, kind, amount, _ = posting
        change, spent = -HELD_SIGN[kind] * amount, -SPENT_SIGN[kind] * amount
        try:
            ledger.reverse(
                original=Transaction.objects.get(id=txn_id),
                recorded_by=self.user,
                reason="Wrong amount",
                on=date(2026, 11, 4),
                idempotency_key=self._key("fix"),
            )
        except DomainError as error:
            assert refused_rightly(error.message, self.expected + change, self.spent + spent)
            return
        self.corrected.add(txn_id)
        self.expected += change
        self.spent += spent

    @rule(spends=st.lists(amounts, min_size=1, max_size=4), confirm=st.booleans())
    def import_statement(self, spends, confirm):
        name = self._key("statement")
        rows = [f"0{1 + n}/11/2026,{name} row {n},-{amount}" for n, amount in enumerate(spends)]
        data = ("Date,Description,Amount\n" + "\n".join(rows) + "\n").encode()
        result = imports.statement_import(
            part=self.part, user=self.user, file_name=f"{name}.csv", data=data
        )
        with pytest.raises(imports.AlreadyImported):
            imports.statement_import(
                part=self.part, user=self.user, file_name="again.csv", data=data
            )
        if not confirm:
            return
        for line in result.statement.lines.filter(status=StatementLine.Status.OFFERED):
            try:
                imports.statement_line_confirm(line=line, user=self.user)
            except DomainError as error:
                assert self.expected + line.amount < 0 and "not enough" in error.message
                continue
            self.expected += line.amount
            self.spent -= line.amount

    @invariant()
    def ledger_is_sound(self):
        assert ledger.check_invariants() == []
        held = Account.objects.filter(part=self.part, kind=Account.Kind.HELD).first()
        assert (held.balance if held else Decimal("0.00")) == self.expected


@pytest.fixture
def budget(budget):
    """Sam's budget, started on 1 October 2026, so November's statement rows fall inside it."""
    budget.starts_on = date(2026, 10, 1)
    budget.save()
    return budget


def test_random_sequences_keep_the_ledger_sound(dp_part, person):
    LedgerMachine.part, LedgerMachine.user = dp_part, person.user
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


def test_the_ledger_check_is_exact_after_a_correction(dp_part, person):
    """SQLite adds decimals as floats: 0.01 + 2.00 - 2.00 once came back as 0.00999999999999979
    (found by the state machine above; fixed in budgets/ledger.py)."""
    from tests.builders import pay_in

    pay_in(dp_part, person.user, "0.01", key="a")
    payment, _ = pay_in(dp_part, person.user, "2.00", key="b")
    ledger.reverse(
        original=payment,
        recorded_by=person.user,
        reason="Twice",
        on=date(2026, 11, 4),
        idempotency_key="c",
    )
    assert exact_check() == []
    assert ledger.check_invariants() == []


def test_an_account_corrected_back_to_nothing_holds_exactly_nothing(dp_part, person):
    """Found by the state machine: pay in 0.01 and 2.00, correct both."""
    from tests.builders import pay_in

    payments = [pay_in(dp_part, person.user, amount, key=amount)[0] for amount in ("0.01", "2.00")]
    for payment in reversed(payments):
        ledger.reverse(
            original=payment,
            recorded_by=person.user,
            reason="Not ours",
            on=date(2026, 11, 4),
            idempotency_key=f"fix-{payment.amount}",
        )
    assert exact_check() == []
    assert ledger.check_invariants() == []
