"""docs/quality.md #23, through every URL: with a repayment notice still inside its period and
not agreed to, a finance officer and the person's representative post to every URL in the
service (with every field a recovery or a reduction could be read from) and no money goes back
to the council; every recovery that ever exists names a notice confirmed after its period or on
agreement."""

import pytest
from django.urls import reverse

from budgets.models import Notice, PaymentAdjustment, Transaction

from ..authz import SELF, entries_and_extenders


@pytest.fixture
def scenario(shared_scenario):
    """Every test here reads the matrix's data set made once for the module (conftest.py)."""
    return shared_scenario


MATRIX, _ = entries_and_extenders()
# Signing out, switching person and the operator's admin would change who is posting.
SKIP = ("account_", "mfa_", "admin:", "people:acting_for")
DANGEROUS = {
    "amount": "100.00",
    "requested_back": "100.00",
    "note": "Confirmed",
    "reason": "Because",
    "kind": "dispute",
    "text": "I disagree",
    "method": "take",
    "status": "paid",
    "action": "confirm",
    "submission_key": "11111111-1111-4111-8111-111111111111",
}


@pytest.mark.parametrize("role", ["finance_officer", "nominated_person"])
def test_no_url_takes_money_back_inside_the_notice_period(client, scenario, role):
    notice = scenario["oversight_notice"]
    client.force_login(scenario["users"][role])
    if role in SELF:
        client.post(reverse("people:acting_for"), {"person": scenario["subject"].id})
    posted = 0
    for name, (kwargs_for, _) in sorted(MATRIX.items()):
        if name.startswith(SKIP):
            continue
        url = reverse(name, kwargs=kwargs_for(scenario) if kwargs_for else None)
        assert client.post(url, DANGEROUS).status_code < 500, name
        posted += 1
    assert posted > 100
    assert not Transaction.objects.filter(kind=Transaction.Kind.RECOVERY).exists()
    assert not PaymentAdjustment.objects.filter(notice__isnull=False).exists()
    notice.refresh_from_db()
    assert notice.status in (Notice.Status.OPEN, Notice.Status.WITHDRAWN)
    assert notice.decided_amount is None
