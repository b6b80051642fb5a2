"""A plan is checked, sent back with a reason, approved, challenged and answered; the provider then
sees only the outcomes and their own support. axe-core runs on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from assessments import demo as assessments_demo
from people.models import Organisation, Person, User
from support_plans import services
from tests.builders import add_line, complete_eligible_assessment, ready_plan

from .conftest import _new_page, check_accessibility, close_page, sign_in

OUTCOME = "I want to get washed and dressed by 9"
BRIGHTSIDE_LINE = "Morning visits to help me get up"


@pytest.fixture
def people(demo):
    # People and assessments demo data (rates, allocation tables), but not the budgets demo,
    # which gives Sam an approved plan: this journey starts Sam's first plan.
    assessments_demo.seed_demo()
    users = {
        role: User.objects.get(email=email)
        for role, email in [
            ("social_worker", "social.worker@example.org"),
            ("approver", "approver@example.org"),
            ("person", "person@example.org"),
        ]
    }
    sam = Person.objects.get(user=users["person"])
    assert not sam.support_plans.current().exists(), "the demo already has a plan for Sam"
    return {
        **users,
        "sam": sam,
        "brightside": Organisation.objects.get(name="Brightside Home Care"),
    }


@pytest.fixture
def open_page(request, browser, live_server, demo):
    """A fresh browser (its own cookies) for each user."""
    pages = []

    def new():
        pages.append(_new_page(browser, live_server))
        return pages[-1]

    yield new
    for n, page in enumerate(pages):
        close_page(page, f"{request.node.name} (browser {n + 1})")


def _sent_plan(people):
    sam = people["sam"]
    complete_eligible_assessment(sam, people["social_worker"], indicative_weekly="300.00")
    plan = ready_plan(sam, sam.user)
    add_line(
        plan,
        sam.user,
        description=BRIGHTSIDE_LINE,
        quantity="7",
        cost="20.00",
        management="council_managed",
        provider=people["brightside"],
    )
    services.plan_submit(plan=plan, user=sam.user)
    return plan


def _open_queue(page):
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Support plans to check and approve").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plans to check and approve")


def _error_links(page):
    return page.get_by_role("alert").filter(has_text="There is a problem").get_by_role("link")


def test_plan_is_checked_sent_back_approved_and_the_provider_sees_only_their_part(
    people, open_page
):
    plan = _sent_plan(people)

    # The social worker checks the plan.
    worker = open_page()
    sign_in(worker, "social.worker@example.org", staff=True)
    _open_queue(worker)
    expect(worker.get_by_role("table", name="Waiting to be checked")).to_contain_text("Sam Okafor")
    check_accessibility(worker, "plan-queue-to-check")
    worker.get_by_role("link", name="Check Sam Okafor's plan").click()
    expect(worker.get_by_role("heading", level=1)).to_have_text("Check Sam Okafor's support plan")
    expect(worker.get_by_text(BRIGHTSIDE_LINE)).to_be_visible()
    check_accessibility(worker, "plan-check")
    worker.get_by_role("button", name="Checked: send for approval").click()
    expect(worker.get_by_role("alert")).to_contain_text("Sam Okafor's plan is checked")
    check_accessibility(worker, "plan-queue-after-check")

    # The approver asks for a change, first forgetting the reason.
    approver = open_page()
    sign_in(approver, "approver@example.org", staff=True)
    _open_queue(approver)
    expect(approver.get_by_role("table", name="Waiting for approval")).to_contain_text("£290.00")
    approver.get_by_role("link", name="Decide Sam Okafor's plan").click()
    expect(approver.get_by_text("Nothing stops you approving this plan.")).to_be_visible()
    check_accessibility(approver, "plan-decide")
    approver.get_by_label("Ask for changes").check()
    approver.get_by_role("button", name="Record the decision").click()
    expect(_error_links(approver)).to_have_text(
        ["Give the reason, so the person knows what to do next"]
    )
    expect(approver).to_have_title(re.compile("^Error: "))
    expect(approver.get_by_label("Ask for changes")).to_be_checked()
    check_accessibility(approver, "plan-decide-no-reason")
    approver.get_by_label("Reason").fill("Say how you will get to the allotment on Saturdays")
    approver.get_by_role("button", name="Record the decision").click()
    expect(approver.get_by_role("alert")).to_contain_text("You asked for changes")
    check_accessibility(approver, "plan-decide-changes-asked")

    # Sam sees who asked, when and why.
    person = open_page()
    sign_in(person, "person@example.org")
    person.get_by_role("link", name="Decisions about the support plan").click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Decisions about your plan")
    decisions = person.get_by_role("table", name="Decisions")
    expect(decisions).to_contain_text("Priya Natarajan")
    expect(decisions).to_contain_text("Changes asked for")
    expect(decisions).to_contain_text("Say how you will get to the allotment on Saturdays")
    check_accessibility(person, "plan-decisions-changes-asked")
    decisions_url = person.url

    # Sam changes the plan in the browser and sends it again; the social worker checks it.
    sam = people["sam"]
    person.goto(f"/support-plans/{plan.id}/")
    expect(person.get_by_text("Say how you will get to the allotment on Saturdays")).to_be_visible()
    person.get_by_role("link", name="My support and what it costs").click()
    person.get_by_role("link", name="Add support", exact=True).click()
    person.get_by_label("What is the support?", exact=True).fill("Taxi to the allotment")
    person.get_by_label("A community service or activity", exact=True).check()
    person.get_by_label("How many a week", exact=True).fill("1")
    person.get_by_label("A week", exact=True).check()
    person.get_by_label("Cost of each, in pounds", exact=True).fill("5")
    person.get_by_label(OUTCOME, exact=True).check()
    person.get_by_label("Direct payment", exact=True).check()
    person.get_by_label("Me", exact=True).check()
    person.get_by_label("A prepaid card", exact=True).check()
    person.get_by_role("button", name="Add the support").click()
    expect(person.get_by_role("alert").filter(has_text="Done")).to_contain_text(
        "'Taxi to the allotment' has been added"
    )
    check_accessibility(person, "plan-revised-after-changes-asked")
    person.goto(f"/support-plans/{plan.id}/check-and-send/")
    person.get_by_role("button", name="Send to the council").click()
    expect(person.get_by_role("alert").filter(has_text="Done")).to_contain_text(
        "The plan has been sent to the council"
    )
    _open_queue(worker)
    worker.get_by_role("link", name="Check Sam Okafor's plan").click()
    expect(worker.get_by_text("Taxi to the allotment")).to_be_visible()
    worker.get_by_role("button", name="Checked: send for approval").click()
    expect(worker.get_by_role("alert")).to_contain_text("Sam Okafor's plan is checked")

    # The approver approves and sees the final budget.
    _open_queue(approver)
    approver.get_by_role("link", name="Decide Sam Okafor's plan").click()
    approver.get_by_label("Approve the plan and the budget").check()
    approver.get_by_role("button", name="Record the decision").click()
    expect(approver.get_by_role("alert")).to_contain_text("Sam Okafor's plan is approved.")
    budget = approver.locator("dl").filter(has_text="Personal budget")
    expect(budget).to_contain_text("£295.00 a week")
    expect(budget).to_contain_text("paid every 4 weeks, in advance")
    check_accessibility(approver, "plan-approved-final-budget")

    # Sam sees the approval and challenges the budget; the approver answers.
    person.goto(decisions_url)
    expect(person.get_by_text("The personal budget agreed")).to_be_visible()
    check_accessibility(person, "plan-decisions-approved")
    person.get_by_role("link", name="Challenge the budget for revision 1").click()
    person.get_by_role("button", name="Send the challenge").click()
    expect(_error_links(person)).to_have_text(["Tell us what you think is wrong with the budget"])
    check_accessibility(person, "plan-challenge-empty")
    person.get_by_label("Tell us what you think is wrong").fill("Saturdays need two more hours")
    person.get_by_role("button", name="Send the challenge").click()
    expect(person.get_by_role("alert")).to_contain_text("Your challenge has been sent")
    expect(person.get_by_text("Waiting for a reply")).to_be_visible()

    _open_queue(approver)
    approver.get_by_role("link", name="Answer Sam Okafor's challenge").click()
    check_accessibility(approver, "plan-challenge-answer")
    approver.get_by_label("Your answer").fill("A social worker will visit to look at Saturdays")
    approver.get_by_role("button", name="Send the answer").click()
    expect(approver.get_by_role("alert")).to_contain_text("Your answer has been sent")

    person.reload()
    expect(person.get_by_text("A social worker will visit to look at Saturdays")).to_be_visible()
    check_accessibility(person, "plan-decisions-answered")

    # A second revision: Sam sees what changed, side by side.
    plan.refresh_from_db()
    revision = services.plan_revise(plan=plan, user=sam.user, reason="Saturdays have changed")
    add_line(revision, sam.user, description="Saturday support", quantity="2", cost="15")
    person.reload()
    person.get_by_role("link", name="What changed in revision 2").click()
    changes = person.get_by_role("table", name="What changed: before and after")
    expect(changes).to_contain_text("Support: Saturday support")
    expect(person.get_by_role("table", name="Who decided on each revision")).to_contain_text(
        "Priya Natarajan"
    )
    check_accessibility(person, "plan-what-changed")

    # The provider sees the outcomes and their own line: no money, no other support.
    provider = open_page()
    sign_in(provider, "provider@example.org", staff=True)
    provider.get_by_role("link", name="Sam Okafor").click()
    expect(provider.get_by_role("heading", level=1)).to_have_text(
        "Sam Okafor's agreed outcomes and your support"
    )
    expect(provider.get_by_role("main")).to_contain_text(OUTCOME)
    support = provider.get_by_role("table", name="Support your organisation gives Sam Okafor")
    expect(support.get_by_role("row")).to_have_count(2)  # the header and Brightside's line
    expect(support).to_contain_text(BRIGHTSIDE_LINE)
    expect(support).to_contain_text("7 hours a week")
    main = provider.get_by_role("main")
    for private in ["£", "Personal assistant", "Taxi", "contingency", "sister covers"]:
        expect(main).not_to_contain_text(private)
    check_accessibility(provider, "provider-person")
