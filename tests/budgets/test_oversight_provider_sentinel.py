"""docs/quality.md #8 for oversight: a sentinel planted in a liability, a repayment notice and its
reply, a suspension notice and a concern audit (tests/authz/oversight.py) appears in the pages
and the letter PDF the person sees, and in nothing a provider can reach: no page, no letter, no
evidence file."""

import subprocess

import pytest
from django.urls import reverse

from ..authz import entries_and_extenders
from ..authz.oversight import OVERSIGHT_SENTINEL


@pytest.fixture
def scenario(shared_scenario):
    """Every test here reads the matrix's data set made once for the module (conftest.py)."""
    return shared_scenario


MATRIX, _ = entries_and_extenders()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_sentinel_is_there_for_the_person(client, scenario):
    budget, notice = scenario["oversight_budget"], scenario["oversight_notice"]
    client.force_login(scenario["users"]["person"])
    client.post(reverse("people:acting_for"), {"person": scenario["subject"].id})
    for name, args in [
        ("oversight:surplus", [budget.id]),
        ("oversight:notice", [budget.id, notice.id]),
        ("oversight:audit", [budget.id, scenario["oversight_audit"].id]),
    ]:
        assert OVERSIGHT_SENTINEL in client.get(reverse(name, args=args)).content.decode(), name
    pdf = client.get(reverse("oversight:notice_letter", args=[budget.id, notice.id])).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    assert OVERSIGHT_SENTINEL in text.stdout.decode()


def test_no_page_letter_or_file_shows_a_provider_the_sentinel(client, scenario):
    seen = 0
    for role in ("provider_user", "other_provider_user"):
        client.force_login(scenario["users"][role])
        for name, (kwargs_for, expected) in MATRIX.items():
            response = client.get(
                reverse(name, kwargs=kwargs_for(scenario) if kwargs_for else None)
            )
            if name.startswith("oversight:"):
                assert response.status_code == expected[role] == 404, name
            assert OVERSIGHT_SENTINEL.encode() not in _body(response), (role, name)
            seen += response.status_code == 200
    assert seen > 0
