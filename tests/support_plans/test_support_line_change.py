"""Issue 9, item 12: a line of support can be changed, not only removed and added again.

One page a line, on a plan that can still be written, with the add form pre-filled; the service
makes the same checks as adding; the support table links to it.
"""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from core.errors import DomainError
from support_plans import services
from support_plans.models import SupportLine, SupportPlan
from tests.builders import add_line, approve, ready_plan

Status = SupportPlan.Status


def _change_url(line) -> str:
    return reverse("plans:support_change", kwargs={"plan_id": line.plan_id, "line_id": line.id})


def _text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def plan(eligible_person):
    return ready_plan(eligible_person, eligible_person.user)


@pytest.fixture
def line(plan):
    return plan.support_lines.get()


@pytest.fixture
def as_person(client, eligible_person):
    client.force_login(eligible_person.user)
    return client


def _data(line, **overrides) -> dict:
    data = {
        "line-description": line.description,
        "line-provider_kind": line.provider_kind,
        "line-provider": "",
        "line-payee": "",
        "line-quantity_per_week": str(line.quantity_per_week),
        "line-unit": line.unit,
        "line-unit_cost": str(line.unit_cost),
        "line-outcomes": [str(o.id) for o in line.outcomes.all()],
        "line-management": line.management,
        "line-dp_holder": line.dp_holder,
        "line-account_type": line.account_type,
    }
    return data | overrides


def test_the_support_table_links_to_a_change_page_filled_in_with_the_line(as_person, plan, line):
    support = _text(as_person.get(reverse("plans:support", kwargs={"plan_id": plan.id})))
    assert _change_url(line) in support and 'Change<span class="govuk-visually-hidden"> ' in (
        support
    )
    page = _text(as_person.get(_change_url(line)))
    assert "Change support: Personal assistant" in page
    assert 'value="Personal assistant"' in page
    assert 'value="10.00"' in page and 'value="15.00"' in page
    assert 'value="personal_assistant" checked' in page
    assert 'value="hour" checked' in page and 'value="direct_payment" checked' in page
    outcome = re.search(rf'value="{line.outcomes.get().id}"\s*checked', page)
    assert outcome, "the line's outcome is ticked"
    assert "Save the changes" in page


def test_changing_a_line_saves_it_and_goes_back_to_the_support(as_person, plan, line):
    data = _data(line, **{"line-quantity_per_week": "12", "line-unit_cost": "16.50"})
    response = as_person.post(_change_url(line), data)
    assert response["Location"] == reverse("plans:support", kwargs={"plan_id": plan.id})
    line.refresh_from_db()
    assert (line.quantity_per_week, line.unit_cost) == (Decimal("12"), Decimal("16.50"))
    assert SupportLine.objects.count() == 1
    page = _text(as_person.get(response["Location"]))
    assert "'Personal assistant' has been changed." in page and "£198.00 a week" in page


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"line-quantity_per_week": "200"}, "A week has 168 hours: enter 168 hours or fewer"),
        ({"line-unit_cost": "1000000"}, "That is more than £250.00 an hour"),
        ({"line-unit_cost": "0"}, "so it cannot be £0"),
        ({"line-description": ""}, "Enter what the support is"),
        ({"line-outcomes": []}, "Choose the outcomes this support helps with"),
    ],
)
def test_a_bad_change_shows_the_error_summary_keeps_what_was_typed_and_changes_nothing(
    as_person, line, overrides, message
):
    data = _data(line, **{"line-description": "Kept words"} | overrides)
    response = as_person.post(_change_url(line), data)
    page = _text(response)
    assert response.status_code == 200 and "There is a problem" in page and message in page
    kept = overrides.get("line-quantity_per_week") or overrides.get("line-unit_cost")
    if kept:
        assert f'value="{kept}"' in page and 'value="Kept words"' in page
    line.refresh_from_db()
    assert line.description == "Personal assistant" and line.quantity_per_week == Decimal("10")


def test_the_service_makes_the_same_checks_as_adding(plan, line, other_person, social_worker):
    details = {
        "description": "Personal assistant",
        "provider_kind": "personal_assistant",
        "provider": None,
        "payee": None,
        "quantity_per_week": Decimal("200"),
        "unit": "hour",
        "unit_cost": Decimal("15"),
        "management": "direct_payment",
        "dp_holder": "person",
        "account_type": "bank",
    }
    outcomes = list(line.outcomes.all())
    with pytest.raises(DomainError, match="A week has 168 hours"):
        services.support_line_update(
            plan=plan, user=plan.person.user, line=line, details=details, outcomes=outcomes
        )
    with pytest.raises(DomainError, match="Choose the outcomes"):
        services.support_line_update(
            plan=plan,
            user=plan.person.user,
            line=line,
            details=details | {"quantity_per_week": Decimal("5")},
            outcomes=[],
        )
    with pytest.raises(DomainError, match="cannot change this support plan"):
        services.support_line_update(
            plan=plan,
            user=other_person.user,
            line=line,
            details=details | {"quantity_per_week": Decimal("5")},
            outcomes=outcomes,
        )
    line.refresh_from_db()
    assert line.quantity_per_week == Decimal("10")


def test_a_new_payee_clears_the_councils_necessary_decision_a_new_cost_does_not(
    plan, social_worker
):
    writer = plan.person.user
    wife = services.relationship_add(
        plan=plan,
        user=writer,
        details={"name": "Grace", "relationship_type": "spouse", "lives_with_me": True},
    )
    line = add_line(plan, writer, description="Evenings with Grace", payee=wife)
    services.necessary_decision_record(
        line=line, user=social_worker, ground="care", decision="No agency"
    )
    details = {
        "description": "Evenings with Grace",
        "provider_kind": "personal_assistant",
        "provider": None,
        "payee": wife,
        "quantity_per_week": Decimal("12"),
        "unit": "hour",
        "unit_cost": Decimal("15"),
        "management": "direct_payment",
        "dp_holder": "person",
        "account_type": "bank",
    }
    outcomes = list(line.outcomes.all())
    line = services.support_line_update(
        plan=plan, user=writer, line=line, details=details, outcomes=outcomes
    )
    assert line.necessary_decision == "No agency"
    line = services.support_line_update(
        plan=plan, user=writer, line=line, details=details | {"payee": None}, outcomes=outcomes
    )
    assert line.necessary_decision == "" and line.necessary_decided_by is None


def test_a_line_of_another_plan_is_not_found(as_person, plan, other_person, social_worker):
    from tests.builders import complete_eligible_assessment

    complete_eligible_assessment(other_person, social_worker)
    theirs = add_line(ready_plan(other_person, other_person.user), other_person.user)
    url = reverse("plans:support_change", kwargs={"plan_id": plan.id, "line_id": theirs.id})
    assert as_person.get(url).status_code == 404
    assert as_person.post(url, _data(theirs)).status_code == 404
    assert as_person.get(_change_url(theirs)).status_code == 404


def test_a_line_of_an_approved_plan_cannot_be_changed(
    as_person, plan, line, social_worker, approver
):
    approve(plan, writer=plan.person.user, checker=social_worker, approver=approver)
    response = as_person.post(_change_url(line), _data(line, **{"line-unit_cost": "20"}))
    assert response.status_code == 302
    assert "start a new revision" in _text(as_person.get(response["Location"]))
    line.refresh_from_db()
    assert line.unit_cost == Decimal("15.00")
