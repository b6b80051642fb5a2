"""docs/quality.md #5: 20 parallel spends against a balance that funds exactly K of them."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from budgets.models import Account
from core.errors import DomainError
from tests.builders import pay_in, spend

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_twenty_parallel_spends_only_k_succeed(dp_part, person):
    spends, k, each = 20, 7, Decimal("12.34")
    pay_in(dp_part, person.user, str(each * k))
    barrier = threading.Barrier(spends)
    outcomes = []

    def attempt(n):
        barrier.wait()
        try:
            spend(dp_part, person.user, str(each), f"parallel-{n}")
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(spends)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == k
    refused = [o for o in outcomes if o != "ok"]
    assert len(refused) == spends - k and all("not enough" in o for o in refused)
    held = Account.objects.get(part=dp_part, kind=Account.Kind.HELD)
    assert held.balance == Decimal("0.00")
