"""Recovery under a written notice, on PostgreSQL (row locks, the recovery trigger): a recovery
racing spending keeps the balance exact and never below £0; a notice confirmed twice at once
takes the money once; the database itself refuses a recovery whose notice is not confirmed."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, close_old_connections, connection
from django.db import transaction as db_transaction

from budgets import ledger
from budgets.models import Account, Transaction
from budgets.monitoring import rows as monitoring_rows
from budgets.oversight import notices
from core.errors import DomainError
from tests.builders import spend

from .oversight_helpers import TODAY, fund, propose

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def race(*actions) -> list:
    """Run the actions at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(n, action):
        barrier.wait()
        try:
            action()
            outcomes[n] = "ok"
        except DomainError as error:
            outcomes[n] = error.message
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_recovery_racing_spending_keeps_the_balance_exact(
    budget, dp_part, person, finance_officer
):
    fund(dp_part, finance_officer, "1500.00")  # £300 over 8 weeks of £150
    notice = propose(budget, finance_officer, "300.00")
    day = notice.takes_effect_on

    def recover():
        notices.notice_confirm(notice=notice, officer=finance_officer, today=day)

    spends = [
        (lambda n=n: spend(dp_part, person.user, "300.00", f"race-{n}", on=TODAY)) for n in range(5)
    ]
    outcomes = race(recover, *spends)
    assert outcomes.count("ok") == 5  # £1,500 funds exactly five of the six
    held = Account.objects.get(part=dp_part, kind=Account.Kind.HELD)
    assert held.balance == Decimal("0.00") == ledger.held_balance(part=dp_part)
    recovered = Transaction.objects.filter(kind=Transaction.Kind.RECOVERY).count()
    spent = Transaction.objects.filter(kind=Transaction.Kind.SPEND).count()
    assert recovered + spent == 5
    notice.refresh_from_db()
    assert (notice.status == "confirmed") == (recovered == 1)
    assert ledger.check_invariants() == []
    # Each wrote the monitoring row without waiting on the others (a deadlock before), and
    # the writes after each commit leave it as the record gives.
    assert monitoring_rows.rows_drift() == []


def test_a_notice_confirmed_twice_at_once_takes_the_money_once(budget, dp_part, finance_officer):
    fund(dp_part, finance_officer, "2000.00")
    notice = propose(budget, finance_officer, "800.00")
    day = notice.takes_effect_on + timedelta(days=1)

    def confirm():
        notices.notice_confirm(notice=notice, officer=finance_officer, today=day)

    assert race(confirm, confirm, confirm) == ["ok", "ok", "ok"]
    [recovery] = Transaction.objects.filter(kind=Transaction.Kind.RECOVERY)
    assert recovery.amount == Decimal("800.00")
    assert ledger.held_balance(part=dp_part) == Decimal("1200.00")


def test_the_database_refuses_a_recovery_under_a_notice_not_confirmed(
    budget, dp_part, finance_officer
):
    fund(dp_part, finance_officer, "2000.00")
    notice = propose(budget, finance_officer, "800.00")
    with pytest.raises(DatabaseError, match="confirmed notice"), db_transaction.atomic():
        Transaction.objects.create(
            budget=budget,
            part=dp_part,
            kind=Transaction.Kind.RECOVERY,
            occurred_on=TODAY,
            amount=Decimal("800.00"),
            idempotency_key="raw-recovery",
            recorded_by=finance_officer,
            notice=notice,
        )
