"""Reviews in the browser, axe-core on every page.

Slice 1: David sees when his mother's next review is due and asks for one; the social worker sees
it on the review list as requested, with both clocks explained.

Slice 2, one journey: the social worker schedules Sam's review (after a date in the past is
refused); Sam invites his sister and his PA and sends the invitations, with the keyboard alone;
the PA answers the questions through the link in her text message, with no account; the social
worker, with the keyboard alone too, records the meeting with the budget review, gives Sam an
action and records that the plan is to be revised; Sam sends the revision to the council, and
it waits to be checked and approved.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments import demo as assessments_demo
from budgets import demo as budgets_demo
from budgets.models import PersonalBudget
from core.formats import long_date
from notifications.models import Message

from .conftest import _new_page, check_accessibility, close_page, sign_in
from .keyboard import follow, heading, pick, press, tab_to, tick, type_date, type_in
from .test_staff_journeys import expect_errors, fill_date


def test_a_nominated_person_asks_for_a_review_and_the_social_worker_sees_it(
    page, second_page, peggy_budget
):
    sign_in(page, "nominated@example.org")
    expect(page.get_by_role("heading", name="Next review")).to_be_visible()
    check_accessibility(page, "reviews-home-next-review")
    page.get_by_role("link", name="Ask for a review").click()
    page.get_by_role("button", name="Ask for a review").click()
    expect_errors(page, "Tell us why you would like a review")
    check_accessibility(page, "reviews-ask-empty")
    page.get_by_role("textbox").fill("Mum has had a fall and needs more help in the mornings")
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check_accessibility(page, "reviews-asked")

    staff = second_page
    sign_in(staff, "social.worker@example.org", staff=True)
    staff.get_by_role("link", name="Reviews: due, overdue and requested").click()
    expect(staff.get_by_role("heading", level=1)).to_be_visible()
    expect(staff.locator("main")).to_contain_text("Requested")
    check_accessibility(staff, "reviews-list")

    staff.get_by_role("link", name="Peggy Hughes").click()
    staff.get_by_role("link", name="Record a review that was held").click()
    staff.get_by_role("button", name="Record the review").click()
    expect(staff.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Say what was agreed at the review"
    )
    check_accessibility(staff, "reviews-record-empty")
    fill_date(staff, "When was the review?", timezone.localdate())
    staff.get_by_label("What was agreed?").fill("Morning help goes up to an hour; plan revised.")
    staff.get_by_role("button", name="Record the review").click()
    expect(staff.get_by_role("alert")).to_contain_text("The next review dates now run from it")
    expect(staff.locator("#held-reviews")).to_contain_text("Morning help goes up to an hour")
    expect(staff.locator("#review-requests")).to_contain_text("Closed")
    check_accessibility(staff, "reviews-recorded")


# Slice 2: keyboard helpers (Tab to a control, then type, Space or Enter).


def type_into(page, label: str, words: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(words)


def choose(page, group: str, option: str) -> None:
    """Tab into a group of radios (its first option) and move to `option` with the arrows."""
    radios = page.get_by_role("group", name=group).get_by_role("radio")
    tab_to(page, radios.first)
    target = page.get_by_role("group", name=group).get_by_label(option, exact=True)
    for _ in range(radios.count()):
        if target.is_checked():
            return
        if target.evaluate("element => element === document.activeElement"):
            page.keyboard.press("Space")
        else:
            page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()


def invite(page, name: str, who: str, relationship: str, way: str, label: str, detail: str):
    follow(page, "Invite someone")
    type_into(page, "Their name", name)
    type_into(page, "Who are they to you? (optional)", who)
    choose(page, "Are they", relationship)
    choose(page, "How will they hear about the meeting?", way)
    type_into(page, label, detail)
    press(page, "Add them to the list")
    expect(page.get_by_role("alert")).to_contain_text(f"{name} is on the list")


@pytest.fixture
def sams_budget(demo):
    """Sam's approved plan and direct payment, paid and spent from, as the demo has them."""
    assessments_demo.seed_demo()
    budgets_demo.seed_demo()
    return PersonalBudget.objects.get(person__user__email="person@example.org")


def test_a_review_from_planning_with_sam_to_a_revised_plan(
    page, second_page, browser, live_server, sams_budget
):
    sam, today = sams_budget.person, timezone.localdate()
    staff = second_page
    sign_in(staff, "social.worker@example.org", staff=True)
    staff.goto(f"/people/{sam.id}/reviews/")
    follow(staff, "Schedule a review meeting")
    type_date(staff, "Date of the meeting", today - timedelta(days=1))
    type_in(staff, staff.get_by_label("Time"), "2pm")
    tick(staff, staff.get_by_label("At home"))
    type_in(staff, staff.get_by_label("Who will support the person at the meeting?"), "Jordan")
    press(staff, "Schedule the meeting")
    expect_errors(staff, "The date of the meeting must be today or in the future")
    type_date(staff, "Date of the meeting", today)
    press(staff, "Schedule the meeting")
    expect(staff.get_by_role("alert")).to_contain_text("Now plan it with Sam Okafor")

    # Sam plans it: who comes and how each hears, then the invitations. Keyboard only.
    sign_in(page, "person@example.org")
    follow(page, "Reviews: when they are due and why")
    follow(page, f"Review meeting on {long_date(today)}")
    expect(heading(page)).to_have_text("Review meeting")
    invite(
        page,
        "Grace Okafor",
        "my sister",
        "Family",
        "By email",
        "Their email address",
        "grace@example.net",
    )
    invite(
        page,
        "Jo Bloggs",
        "my PA",
        "A personal assistant",
        "By text message",
        "Their mobile number",
        "07700 900456",
    )
    follow(page, "Send the invitations")
    press(page, "Send the invitations")
    expect(page.get_by_role("alert")).to_contain_text("3 invitations sent")
    check_accessibility(page, "reviews-meeting-planned")

    # Jo, the PA, answers through the link in her text message: no account, keyboard only.
    text = Message.objects.get(recipient_name="Jo Bloggs").body
    link = re.search(r"/review-questions/\S+", text)[0]
    jo = _new_page(browser, live_server)
    try:
        jo.goto(link)
        expect(heading(jo)).to_have_text("Questions before Sam's review")
        type_into(jo, "What is working, from your point of view?", "Mornings run like clockwork")
        type_into(jo, "What is not working, from your point of view?", "Sam is lonely at night")
        press(jo, "Save my answers")
        expect(jo.locator(".govuk-panel")).to_contain_text("Your answers are saved")
    finally:
        close_page(jo, "reviews-pa-answers (PA's browser)")

    # The meeting is recorded, with the budget review read from Sam's budget. Keyboard only.
    staff.reload()
    expect(staff.locator(".app-answers-table")).to_contain_text("Mornings run like clockwork")
    follow(staff, "Record the meeting")
    expect(staff.locator("#budget-by-support")).to_contain_text(
        "Personal assistant in the mornings"
    )
    expect(staff.locator("#budget-figures")).to_contain_text("Money paid out")
    tick(staff, staff.get_by_label("Jo Bloggs, my PA"))
    type_in(staff, staff.get_by_label("What is working?"), "Mornings with Jo")
    type_in(staff, staff.get_by_label("What is not working?"), "Evenings are lonely")
    for outcome in sams_budget.plan.outcomes.all():
        choose(staff, outcome.in_my_words, "Getting there")
    tick(staff, staff.get_by_label("Yes, they are working well"))
    # Sam's new friend joins his relationship circle, renewed at the review.
    type_in(staff, staff.locator("#id_circle_0_name"), "Femi Adeyemi")
    pick(staff, staff.locator("#id_circle_0_relationship_type"), "Friend or neighbour")
    check_accessibility(staff, "reviews-record-form")
    press(staff, "Save the record")
    expect(staff.get_by_role("alert")).to_contain_text("The meeting is recorded")
    expect(staff.locator("main")).to_contain_text("Femi Adeyemi")

    follow(staff, "Add an action")
    type_in(staff, staff.get_by_label("What will be done?"), "Try the Thursday social club")
    pick(staff, staff.get_by_label("Who will do it?"), "Sam Okafor")
    type_date(staff, "By when?", today + timedelta(days=28))
    press(staff, "Add the action")
    expect(staff.locator("#action-list")).to_contain_text("Try the Thursday social club")

    follow(staff, "Record what the review decided")
    tick(staff, staff.get_by_label("Revise the support plan"))
    tick(staff, staff.get_by_label("The direct payment arrangements need to change, for example"))
    choose(
        staff,
        "If the direct payment arrangements need to change: what will change?",
        "A move to a managed account or an individual service fund",
    )
    type_in(
        staff,
        staff.get_by_label("Why will the direct payment arrangements change?"),
        "Sam would rather the council paid Jo.",
    )
    type_in(
        staff,
        staff.get_by_label("Why?"),
        "Sam needs company in the evenings: add evening support.",
    )
    press(staff, "Record the decision")
    expect(staff.get_by_role("alert")).to_contain_text("The review is complete")
    expect(staff.locator("#decided")).to_contain_text("Revision 2")
    expect(staff.locator("#dp-change")).to_contain_text("social work team will make the change")
    expect(staff.locator("#action-list")).to_contain_text("Change the direct payment arrangements")
    check_accessibility(staff, "reviews-meeting-decided")

    # Sam sees his action, reads why, and sends the revision back to the council.
    follow(page, "Home")
    expect(page.locator("#things-to-do")).to_contain_text("Try the Thursday social club")
    follow(page, "Reviews: when they are due and why")
    follow(page, f"Review meeting on {long_date(today)}")
    expect(page.locator("main")).to_contain_text("Sam needs company in the evenings")
    follow(page, "Revision 2")
    follow(page, "Check your plan and send it")
    expect(page.locator("main")).to_contain_text("Femi Adeyemi")  # carried into the revision
    press(page, "Send to the council")
    expect(page.get_by_role("alert")).to_contain_text("The plan has been sent to the council")

    follow(staff, "Home")
    follow(staff, "Support plans to check and approve")
    expect(staff.locator("main")).to_contain_text("Sam Okafor")
