"""Sam writes his support plan with the keyboard alone: from his record to the task list, a
section, an outcome (after a mistake), a costed support line, the contingency plan, and sending it.
axe-core runs on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from assessments import demo as assessments_demo
from people.models import Person, User
from support_plans.models import SupportPlan
from tests.builders import complete_eligible_assessment

from .conftest import check_accessibility, sign_in
from .keyboard import follow, heading, tab_to


@pytest.fixture
def sam(demo):
    # The people demo (the `demo` fixture) and the councils' rates; not `manage.py seed_demo`,
    # whose budgets demo gives Sam an approved plan, and a plan must start from nothing here.
    assessments_demo.seed_demo()
    social_worker = User.objects.get(email="social.worker@example.org")
    sam = Person.objects.get(user__email="person@example.org")
    assert not sam.support_plans.exists(), "the demo already has a plan for Sam"
    complete_eligible_assessment(sam, social_worker, indicative_weekly="300.00")
    return sam


def press(page, button: str) -> None:
    """Tab to a button and press Enter."""
    tab_to(page, page.get_by_role("button", name=button))
    page.keyboard.press("Enter")


def type_into(page, label: str, words: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(words)


def choose(page, label: str) -> None:
    """Tab to a radio button or checkbox and press Space."""
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.press("Space")


def done_banner(page):
    return page.get_by_role("alert").filter(has_text="Done")


def test_person_writes_and_sends_a_support_plan_with_the_keyboard_alone(page, sam):
    sign_in(page, "person@example.org")
    follow(page, "Personal details and representatives")
    follow(page, "See or write the support plan")
    expect(heading(page)).to_have_text("Support plan")
    check_accessibility(page, "plan-writing-start")

    press(page, "Start the support plan")
    expect(heading(page)).to_have_text("Sam Okafor's support plan")
    expect(page.get_by_text("You have completed 0 of 11 sections.")).to_be_visible()
    check_accessibility(page, "plan-writing-overview-new")

    follow(page, "What is important to me and for me")
    expect(page.get_by_text("Sam Okafor's support plan", exact=True)).to_be_visible()
    check_accessibility(page, "plan-writing-section-important")
    type_into(page, "What is important to me", "Seeing my grandson Leo on Sundays")
    page.keyboard.press("Tab")
    page.keyboard.type("Taking my tablets with breakfast")
    press(page, "Save and continue")
    expect(done_banner(page)).to_contain_text("is saved")
    expect(page.get_by_text("You have completed 1 of 11 sections.")).to_be_visible()
    check_accessibility(page, "plan-writing-overview-one-done")

    follow(page, "My outcomes")
    check_accessibility(page, "plan-writing-outcomes")
    press(page, "Add the outcome")  # nothing typed yet: a mistake
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Write the outcome in your own words",
            "Choose at least one of the eligible needs this outcome meets",
        ]
    )
    check_accessibility(page, "plan-writing-outcomes-error")
    type_into(page, "The outcome, in my own words", "Washed and dressed by 9 for my art class")
    choose(page, "Maintaining personal hygiene")
    press(page, "Add the outcome")
    expect(done_banner(page)).to_contain_text("The outcome has been added")
    expect(page.get_by_role("list").filter(has_text="Washed and dressed by 9")).to_be_visible()
    check_accessibility(page, "plan-writing-outcomes-added")

    follow(page, "Back to the plan")
    follow(page, "My support and what it costs")
    check_accessibility(page, "plan-writing-support-empty")
    follow(page, "Add support")
    check_accessibility(page, "plan-writing-support-add")
    type_into(page, "What is the support?", "Help getting up and dressed")
    choose(page, "A personal assistant I employ")
    type_into(page, "How many a week", "10")
    choose(page, "An hour")
    type_into(page, "Cost of each, in pounds", "15.50")
    tab_to(page, page.get_by_label("How many weeks a year does it run?"))
    expect(page.get_by_label("How many weeks a year does it run?")).to_have_value("52")
    page.keyboard.press("Control+A")
    page.keyboard.type("50")  # 2 weeks a year are covered by respite
    choose(page, "Washed and dressed by 9 for my art class")
    choose(page, "Direct payment")
    choose(page, "Me")
    choose(page, "A dedicated bank account")
    press(page, "Add the support")
    expect(done_banner(page)).to_contain_text("'Help getting up and dressed' has been added")
    row = page.get_by_role("row", name=re.compile("Help getting up and dressed"))
    expect(row).to_contain_text("10 hours a week at £15.50 an hour, 50 weeks a year")
    expect(row).to_contain_text(
        "£155.00 a week for 50 weeks a year: £7,750.00 a year, £149.04 a week averaged"
    )
    expect(page.get_by_text("less than the indicative budget")).to_be_visible()
    check_accessibility(page, "plan-writing-support-one-line")

    follow(page, "Back to the plan")
    follow(page, "If my support breaks down, and risks we have agreed")
    check_accessibility(page, "plan-writing-section-contingency")
    type_into(page, "What happens if my support breaks down", "My sister Ada covers mornings")
    press(page, "Save and continue")
    expect(page.get_by_text("You have completed 4 of 11 sections.")).to_be_visible()

    follow(page, "Check your plan and send it")
    expect(heading(page)).to_have_text("Check your plan before you send it")
    expect(page.get_by_text("Seeing my grandson Leo on Sundays")).to_be_visible()
    check_accessibility(page, "plan-writing-check")
    press(page, "Send to the council")
    expect(done_banner(page)).to_contain_text("The plan has been sent to the council")
    expect(page.get_by_text("Waiting for the social worker to check").first).to_be_visible()
    check_accessibility(page, "plan-writing-sent")

    plan = sam.support_plans.get()
    assert plan.status == SupportPlan.Status.SUBMITTED
    assert plan.support_lines.get().outcomes.get().in_my_words.startswith("Washed and dressed")


def test_circle_charts_necessary_decision_approved_plan_and_new_revision(page, second_page, sam):
    """The pages the keyboard journey does not reach, each checked with axe-core."""
    from support_plans import services
    from tests.builders import add_line, ready_plan

    social_worker = User.objects.get(email="social.worker@example.org")
    plan = ready_plan(sam, sam.user)
    sign_in(page, "person@example.org")
    page.goto(f"/support-plans/{plan.id}/relationship-circle/")
    check_accessibility(page, "plan-writing-circle-empty")
    page.get_by_label("Their name").fill("Grace Okafor")
    page.get_by_label("Husband, wife or civil partner").check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Add to the circle").click()
    expect(page.get_by_role("row", name=re.compile("Grace Okafor"))).to_be_visible()
    check_accessibility(page, "plan-writing-circle-one")
    for chart, first in [
        ("communication", "When this happens"),
        ("decisions", "The decision"),
        ("doughnut", "The responsibility"),
    ]:
        page.goto(f"/support-plans/{plan.id}/charts/{chart}/")
        page.get_by_role("button", name="Add the row").click()
        check_accessibility(page, f"plan-writing-chart-{chart}-error")
        page.get_by_label(first).fill(f"Row for the {chart} chart")
        if chart == "doughnut":
            page.get_by_label("Use judgement and creativity").check()
        page.get_by_role("button", name="Add the row").click()
        expect(
            page.get_by_role("cell", name=f"Row for the {chart} chart", exact=True)
        ).to_be_visible()
        check_accessibility(page, f"plan-writing-chart-{chart}")

    wife = plan.relationships.get()
    add_line(plan, sam.user, description="Evening help from Grace", payee=wife)
    page.goto(f"/support-plans/{plan.id}/support/")
    expect(page.get_by_text("only if the council decides it is necessary")).to_be_visible()
    check_accessibility(page, "plan-writing-support-flagged")
    page.goto(f"/support-plans/{plan.id}/check-and-send/")
    check_accessibility(page, "plan-writing-check-flagged")
    page.get_by_role("button", name="Send to the council").click()

    staff = second_page
    sign_in(staff, "social.worker@example.org", staff=True)
    staff.goto(f"/support-plans/{plan.id}/")
    check_accessibility(staff, "plan-writing-staff-view")
    staff.get_by_role("link", name=re.compile("Record the council's decision")).click()
    staff.get_by_role("button", name="Record the decision").click()
    check_accessibility(staff, "plan-writing-necessary-error")
    expect(staff.get_by_role("alert")).to_contain_text("for their care or to manage the payment")
    staff.get_by_label("To meet their care and support needs").check()
    staff.get_by_label("Why is paying this person necessary?").fill(
        "No agency covers the village in the evening"
    )
    staff.get_by_role("button", name="Record the decision").click()
    expect(staff.get_by_text("The council decided this is necessary")).to_contain_text(
        "(to meet their care and support needs)"
    )

    services.plan_check(plan=plan, user=social_worker)
    approver = User.objects.get(email="approver@example.org")
    services.plan_decide(plan=plan, user=approver, decision="approved")
    page.goto(f"/support-plans/{plan.id}/")
    expect(page.get_by_role("heading", name="The personal budget")).to_be_visible()
    check_accessibility(page, "plan-writing-approved")
    page.get_by_role("link", name="Start a new revision").click()
    check_accessibility(page, "plan-writing-revise")
    page.get_by_label("Why is the plan changing?").fill("Grace has a new job")
    page.get_by_role("button", name="Start the new revision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Okafor's support plan")
    expect(page.get_by_text("Why this revision was started: Grace has a new job")).to_be_visible()
    check_accessibility(page, "plan-writing-revision-2")
    page.goto(f"/people/{sam.id}/support-plan/")
    check_accessibility(page, "plan-writing-revisions")
