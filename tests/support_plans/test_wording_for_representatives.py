"""Issue 9, item 13: the support plan pages speak to the person as "you", and about them by name
to anyone else: David Hughes writing his mother Margaret's plan reads "Margaret Hughes's own
words", "what Margaret Hughes pays", and is never offered "Me" as the holder of her direct payment.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from support_plans import services
from tests.builders import add_line, approve, complete_eligible_assessment, ready_plan

SECOND_PERSON = re.compile(
    r"\b(you pay|your (care|life|money|own words|outcomes|plan|relationship circle|eligible needs|"
    r"assessment|support|choice|contribution)|help you reach|support you\b|matter to you)",
    re.IGNORECASE,
)


def _as(client, user, person):
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    return client


def _main(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode()).split("<main", 1)[1].split("</main>", 1)[0]


def _writing_pages(plan) -> list[str]:
    kw = {"plan_id": plan.id}
    return [
        reverse("plans:plan", kwargs=kw),
        reverse("plans:section", kwargs=kw | {"section": "important"}),
        reverse("plans:section", kwargs=kw | {"section": "routines"}),
        reverse("plans:section", kwargs=kw | {"section": "contingency"}),
        reverse("plans:chart", kwargs=kw | {"chart": "communication"}),
        reverse("plans:relationships", kwargs=kw),
        reverse("plans:outcomes", kwargs=kw),
        reverse("plans:support", kwargs=kw),
        reverse("plans:support_add", kwargs=kw),
        reverse("plans:check", kwargs=kw),
        reverse("plans:person_plans", args=[plan.person_id]),
    ]


@pytest.fixture
def margaret(represented_person, social_worker):
    complete_eligible_assessment(represented_person, social_worker, indicative_weekly="300.00")
    return represented_person


@pytest.fixture
def margarets_plan(margaret, nominated_person):
    return ready_plan(margaret, nominated_person)


def test_a_representative_writing_the_plan_reads_about_the_person_by_name(
    client, margaret, nominated_person, margarets_plan
):
    client = _as(client, nominated_person, margaret)
    pages = {url: _main(client, url) for url in _writing_pages(margarets_plan)}
    for url, page in pages.items():
        found = SECOND_PERSON.search(page)
        assert not found, f"{url}: {found and found[0]}"
    overview, important, routines, contingency, chart, circle, outcomes, support, add, check, _ = (
        pages.values()
    )
    assert "Write the plan in Margaret Hughes's own words." in overview
    assert "Check Margaret Hughes's plan and send it" in overview
    assert "What is important to Margaret Hughes is what makes their life good" in important
    assert "the things Margaret Hughes does every day" in routines
    assert "so they are never left without help" in contingency
    assert "How Margaret Hughes lets people know what they want" in chart
    assert "The people in Margaret Hughes's life" in circle
    assert "How are they related to Margaret Hughes?" in circle
    assert "Outcomes are what Margaret Hughes wants to achieve, in their own words." in outcomes
    assert "The outcome, in Margaret Hughes's own words" in outcomes
    assert "help Margaret Hughes reach their outcomes" in support
    assert "Check Margaret Hughes's plan before you send it" in check
    # The holder of the direct payment: David choosing "Me" would have named Margaret.
    holder = re.search(r"Who will hold the direct payment\?.*?</fieldset>", add, re.S)[0]
    assert ">\n    Me\n" not in holder and "Margaret Hughes's nominated or authorised person" in (
        holder
    )
    assert "A personal assistant Margaret Hughes employs" in add
    assert "Which of Margaret Hughes's outcomes does it help with?" in add


def test_the_person_writing_their_own_plan_is_still_spoken_to(client, eligible_person):
    plan = ready_plan(eligible_person, eligible_person.user)
    client = _as(client, eligible_person.user, eligible_person)
    overview = _main(client, reverse("plans:plan", kwargs={"plan_id": plan.id}))
    assert "Write the plan in your own words." in overview
    add = _main(client, reverse("plans:support_add", kwargs={"plan_id": plan.id}))
    assert "A personal assistant I employ" in add and "My nominated or authorised person" in add
    assert "Which of your outcomes does it help with?" in add


def test_the_approved_plan_and_its_decisions_say_what_the_person_pays_by_name(
    client, margaret, nominated_person, margarets_plan, social_worker, approver
):
    approve(margarets_plan, writer=nominated_person, checker=social_worker, approver=approver)
    client = _as(client, nominated_person, margaret)
    plan_page = _main(client, reverse("plans:plan", kwargs={"plan_id": margarets_plan.id}))
    assert "Margaret Hughes's contribution" in plan_page
    decisions = _main(client, reverse("plan_approval:decisions", args=[margaret.id]))
    assert "Decisions about Margaret Hughes's plan" in decisions
    assert "Margaret Hughes pays (contribution)" in decisions
    assert not SECOND_PERSON.search(decisions)


def test_staff_helping_with_the_plan_read_the_persons_name_too(
    client, eligible_person, social_worker
):
    plan = ready_plan(eligible_person, eligible_person.user)
    add_line(plan, eligible_person.user, description="Evening PA", cost="10.00")
    client.force_login(social_worker)
    support = _main(client, reverse("plans:support", kwargs={"plan_id": plan.id}))
    assert "help Sam Okafor reach their outcomes" in support
    assert "'Evening PA': £10.00 an hour is less than the National Living Wage" in support
    services.plan_submit(plan=plan, user=eligible_person.user)
    check = _main(
        client,
        reverse(
            "plan_approval:check", kwargs={"person_id": eligible_person.id, "plan_id": plan.id}
        ),
    )
    assert "Held by: Sam Okafor;" in check and "Held by: Me" not in check
