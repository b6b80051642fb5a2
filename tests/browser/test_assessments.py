"""Needs assessments in a real browser: an assessor records a council assessment, decides
eligibility and the indicative budget; Sam fills in a self-assessment with the keyboard alone,
the assessor asks for a change, Sam changes it and sends it again, the assessor completes it;
Sam downloads his copy as a PDF. axe-core checks every page on the way."""

import re
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from assessments.defaults import ensure_allocation_table
from assessments.models import NeedsAssessment, Outcome
from people.demo import DEMO_PASSWORD
from people.models import Organisation, Person, User
from tests.assessments.factories import completed_council_assessment, with_decision_and_budget

from .conftest import ARTIFACTS, check_accessibility, sign_in
from .keyboard import follow, heading, tab_to

UNABLE = {Outcome.NUTRITION, Outcome.PERSONAL_HYGIENE}
NEEDS_HELP_COUNCIL = "Cannot do it without help, including prompting"
PAIN_COUNCIL = "Can do it, but with significant pain, distress or anxiety"


@pytest.fixture
def allocation_table(demo):
    """The demo council's starting allocation table (4/8/12 points at £6.50 a point)."""
    council = Organisation.objects.get(name="Northshire County Council")
    return ensure_allocation_table(council, date(2020, 4, 1))


def sam() -> Person:
    return Person.objects.get(first_name="Samuel", last_name="Okafor")


def success(page, text: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=text)).to_be_visible()


# The assessor, with the mouse


def test_assessor_records_a_council_assessment_decides_eligibility_and_the_budget(
    page, allocation_table
):
    sign_in(page, "social.worker@example.org", staff=True)
    page.goto(f"/people/{sam().id}/")
    expect(page.get_by_role("heading", name="Assessments")).to_be_visible()
    check_accessibility(page, "assessor-person-record")
    page.get_by_role("link", name="Start an assessment").click()
    check_accessibility(page, "assessor-start")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("link", name="Choose the kind of assessment")).to_be_visible()
    check_accessibility(page, "assessor-start-error")
    page.get_by_label("Needs assessment by the council").check()
    page.get_by_role("button", name="Start").click()

    success(page, "Needs assessment by the council started.")
    expect(heading(page)).to_have_text("Needs assessment by the council")
    check_accessibility(page, "assessor-task-list-new")

    page.get_by_role("link", name="What matters, strengths and circumstances").click()
    page.get_by_label("What matters to Sam Okafor").fill("Going to the football with his brother.")
    page.get_by_label("Sam Okafor's strengths").fill("Cooks well; close to his neighbours.")
    check_accessibility(page, "assessor-about")
    page.get_by_role("button", name="Save and continue").click()
    success(page, "Your answers have been saved.")

    page.get_by_role("link", name="Impairment or illness").click()
    page.get_by_role("group", name=re.compile("needs arise from")).get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("link", name="Enter the impairment or illness")).to_be_visible()
    check_accessibility(page, "assessor-impairment-error")
    page.get_by_label("The impairment or illness").fill("Multiple sclerosis")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="The 10 eligibility outcomes").click()
    for number, outcome in enumerate(Outcome, start=1):
        expect(heading(page)).to_have_text(outcome.label)
        expect(page.get_by_text(f"question {number} of 10")).to_be_visible()
        expect(page.get_by_text("Ignore any help a carer gives")).to_be_visible()
        question = page.get_by_role(
            "group", name="Is Sam Okafor unable to achieve this outcome in any of these ways?"
        )
        none = question.get_by_label("None of these: Sam Okafor can achieve this without help")
        if number == 1:
            # "None of these" is exclusive: ticking it unticks a way already ticked.
            pain = question.get_by_label(PAIN_COUNCIL)
            pain.check()
            none.check()
            expect(pain).not_to_be_checked()
            check_accessibility(page, "assessor-outcome-ways")
            page.screenshot(path=str(ARTIFACTS / "assessor-outcome-ways.png"), full_page=True)
        if outcome in UNABLE:
            # Sam can wash himself, but only with significant pain: that alone counts.
            way = PAIN_COUNCIL if outcome == Outcome.PERSONAL_HYGIENE else NEEDS_HELP_COUNCIL
            question.get_by_label(way).check()
            expect(none).not_to_be_checked()
            page.get_by_label("Needs a lot of help").check()
        else:
            none.check()
        check_accessibility(page, f"assessor-outcome-{number}")
        page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_text("10 of 10 questions answered")).to_be_visible()
    page.get_by_role("link", name="Impact on wellbeing").click()
    page.get_by_label("Yes, a significant impact").check()
    page.get_by_label("There is a significant impact on wellbeing now").check()
    page.get_by_label("Physical and mental health and emotional wellbeing").check()
    check_accessibility(page, "assessor-wellbeing")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="What could prevent or delay needs").click()
    page.get_by_label("Equipment that could help").fill("A perching stool in the kitchen.")
    check_accessibility(page, "assessor-prevention")
    page.get_by_role("button", name="Save and continue").click()
    check_accessibility(page, "assessor-task-list-done")

    page.get_by_role("link", name="Check answers and complete").click()
    expect(heading(page)).to_have_text("Check answers")
    check_accessibility(page, "assessor-check-answers")
    page.get_by_role("link", name="Continue to complete the assessment").click()
    check_accessibility(page, "assessor-complete")
    page.get_by_role("button", name="Complete the assessment").click()
    success(page, "The assessment is complete.")

    page.get_by_role("link", name="Decide eligibility").click()
    expect(page.get_by_text("Unable to achieve 2 of the 10 outcomes")).to_be_visible()
    expect(
        page.get_by_text("Maintaining personal hygiene (significant pain, distress or anxiety)")
    ).to_be_visible()
    expect(page.get_by_text("significant impact on wellbeing now")).to_be_visible()
    expect(
        page.get_by_role("definition").filter(has_text="Eligible for care and support")
    ).to_be_visible()
    check_accessibility(page, "assessor-eligibility")
    page.get_by_role("button", name="Record the decision").click()
    expect(
        page.get_by_role("link", name="Choose yes if you agree with the decision")
    ).to_be_visible()
    page.get_by_role("group", name="Do you agree with this decision?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record the decision").click()
    success(page, "The eligibility decision has been recorded.")

    page.get_by_role("link", name="Work out the indicative budget").click()
    expect(page.get_by_text("Total: 16 points × £6.50 a point = £104.00 a week")).to_be_visible()
    check_accessibility(page, "assessor-indicative-budget")
    page.get_by_label("A different amount", exact=True).check()
    page.get_by_label("Different weekly amount").fill("£abc")
    page.get_by_role("button", name="Record the indicative budget").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Enter the weekly amount in pounds and pence, like 245.50",
            "Say why you are changing the amount",
        ]
    )
    expect(page.get_by_label("Different weekly amount")).to_have_value("£abc")
    check_accessibility(page, "assessor-indicative-budget-error")
    page.get_by_label("The computed amount: £104.00 a week").check()
    page.get_by_role("button", name="Record the indicative budget").click()
    success(page, "The indicative budget has been recorded.")

    expect(page.get_by_text("£104.00", exact=True)).to_be_visible()
    expect(page.get_by_text("£5,408.00", exact=True)).to_be_visible()
    events = page.get_by_role("table", name=re.compile("What has happened"))
    for event in ["Started", "Completed", "Eligibility decided", "Indicative budget recorded"]:
        expect(events).to_contain_text(event)
    expect(events).to_contain_text("Jordan Ellis")
    check_accessibility(page, "assessor-assessment-decided")


# Sam, with the keyboard alone


def press_button(page, name: str) -> None:
    tab_to(page, page.get_by_role("button", name=name))
    page.keyboard.press("Enter")


def type_into(page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(text)


def choose(page, group: str, option: str) -> None:
    """Tab into a group of radios (its first option) and move to `option` with the arrow keys."""
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


def tick(page, label: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.press("Space")
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def keyboard_sign_in(page) -> None:
    page.goto("/accounts/login/")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type("person@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")


OUTCOME_QUESTIONS = [
    ("Meals and drinks", "getting, preparing and eating meals and drinks"),
    ("Washing and keeping clean", "washing and keeping clean"),
    ("Using the toilet", "using the toilet"),
    ("Getting dressed", "getting dressed and wearing the right clothes"),
    ("Moving around your home safely", "moving around your home safely"),
    ("Looking after your home", "keeping your home clean and safe to live in"),
    ("Family and friends", "keeping in touch with family and friends"),
    ("Work, learning and volunteering", "working, learning or volunteering, if you want to"),
    ("Getting out and about", "getting out and using places and services nearby"),
    ("Looking after a child", "looking after a child you care for"),
]
NEEDS_HELP_MINE = "I cannot do it without help, or without someone reminding me"
PAIN_MINE = "I can do it, but it causes me a lot of pain, distress or worry"


def fill_in_by_keyboard(page) -> None:
    """Sam answers every question of his self-assessment with the keyboard alone."""
    follow(page, "About you")
    expect(heading(page)).to_have_text("About you")
    check_accessibility(page, "self-about")
    type_into(page, "What matters most to you?", "Seeing my brother and going to the football.")
    type_into(page, "What are you good at, and what already helps you?", "I cook well.")
    press_button(page, "Save and continue")
    success(page, "Your answers have been saved.")
    check_accessibility(page, "self-task-list-started")

    follow(page, "Your health")
    choose(page, re.compile("caused by a physical or mental health condition"), "Yes")
    type_into(page, "What is the condition, illness or disability?", "Multiple sclerosis")
    check_accessibility(page, "self-health")
    press_button(page, "Save and continue")

    follow(page, "Your day-to-day life")
    for number, (title, activity) in enumerate(OUTCOME_QUESTIONS, start=1):
        expect(heading(page)).to_have_text(title)
        question = f"Thinking about {activity}, which of these are true for you?"
        expect(page.get_by_role("group", name=question)).to_be_visible()
        if number <= 2:
            # Washing: Sam can, but it hurts. In his own words, and it counts.
            tick(page, PAIN_MINE if number == 2 else NEEDS_HELP_MINE)
            choose(page, "If any of these are true, how much help do you need?", "A lot of help")
        else:
            tick(page, "None of these: I can do this without help")
        check_accessibility(page, f"self-outcome-{number}")
        press_button(page, "Save and continue")

    expect(page.get_by_text("10 of 10 questions answered")).to_be_visible()
    follow(page, "How this affects your life")
    choose(page, re.compile("big effect on your life"), "Yes, a big effect")
    choose(
        page,
        "If so, is this happening now, or is it likely to happen?",
        "It is likely to happen, if nothing changes",
    )
    tick(page, "Your physical and mental health, and how you feel")
    check_accessibility(page, "self-wellbeing")
    press_button(page, "Save and continue")

    follow(page, "What could help you stay independent")
    type_into(page, "Is there equipment that could help you?", "A perching stool.")
    check_accessibility(page, "self-prevention")
    press_button(page, "Save and continue")


def send_by_keyboard(page) -> None:
    follow(page, "Check your answers and send")
    expect(heading(page)).to_have_text("Check your answers")
    check_accessibility(page, "self-check-answers")
    press_button(page, "Send to the council")
    success(page, "Your assessment has been sent to the council.")
    expect(page.get_by_role("heading", name="Sent to the council")).to_be_visible()


def test_sam_fills_in_and_sends_a_self_assessment_by_keyboard_and_the_assessor_reviews_it(
    page, second_page
):
    keyboard_sign_in(page)
    follow(page, "Assessments of care and support needs")
    check_accessibility(page, "self-assessments-empty")
    follow(page, "Start an assessment")
    expect(heading(page)).to_have_text("Start a self-assessment")
    check_accessibility(page, "self-start")
    choose(
        page, "Which assessment do you want to fill in?", "About your own care and support needs"
    )
    press_button(page, "Start")
    success(page, "Supported self-assessment started.")
    expect(page.get_by_role("heading", name="Fill in your assessment")).to_be_visible()
    expect(page.get_by_text("Cannot start yet")).to_be_visible()
    check_accessibility(page, "self-task-list-new")

    # Sending too early is not offered; the questions are answered one page at a time.
    fill_in_by_keyboard(page)
    check_accessibility(page, "self-task-list-done")
    send_by_keyboard(page)
    check_accessibility(page, "self-sent")

    assessor = second_page
    sign_in(assessor, "social.worker@example.org", staff=True)
    assessment = NeedsAssessment.objects.get(kind=NeedsAssessment.Kind.SELF)
    assessor.goto(f"/assessments/{assessment.id}/")
    expect(assessor.get_by_role("heading", name="Review the self-assessment")).to_be_visible()
    check_accessibility(assessor, "assessor-review")
    assessor.get_by_role("link", name="See all the answers").click()
    expect(assessor.get_by_text("Seeing my brother and going to the football.")).to_be_visible()
    check_accessibility(assessor, "assessor-review-answers")
    assessor.go_back()
    assessor.get_by_role("link", name="Ask for changes").click()
    assessor.get_by_role("button", name="Ask for changes").click()
    expect(assessor.get_by_role("link", name="Say what needs to change and why")).to_be_visible()
    check_accessibility(assessor, "assessor-ask-for-changes-error")
    assessor.get_by_label("What needs to change, and why?").fill(
        "Please tell us about support in the community that could help you."
    )
    assessor.get_by_role("button", name="Ask for changes").click()
    success(assessor, "We have asked Sam Okafor to make changes.")

    follow(page, "Home")
    follow(page, "Assessments of care and support needs")
    follow(page, "Open the supported self-assessment started " + _today())
    expect(page.get_by_role("region", name="The council asked for changes")).to_contain_text(
        "Please tell us about support in the community that could help you."
    )
    check_accessibility(page, "self-changes-asked-for")
    follow(page, "What could help you stay independent")
    type_into(page, "Is there support near you that could help? (optional)", "A lunch club.")
    press_button(page, "Save and continue")
    send_by_keyboard(page)

    assessor.reload()
    assessor.get_by_role("link", name="Complete the assessment").click()
    check_accessibility(assessor, "assessor-complete-self-assessment")
    assessor.get_by_role("button", name="Complete the assessment").click()
    success(assessor, "The assessment is complete.")
    events = assessor.get_by_role("table", name=re.compile("What has happened"))
    expect(events.get_by_role("row")).to_have_count(6)  # header, started, sent, changes, sent, done
    expect(events).to_contain_text("Changes asked for")
    expect(events).to_contain_text("Sam Okafor")

    page.reload()
    expect(page.get_by_text("Completed").first).to_be_visible()
    expect(page.get_by_role("heading", name="Fill in your assessment")).to_have_count(0)
    check_accessibility(page, "self-completed")


def _today() -> str:
    today = date.today()
    return f"{today.day} {today:%B %Y}"


# The copy, as a PDF


def test_sam_downloads_his_copy_as_a_pdf_that_renders(page, allocation_table, tmp_path):
    assessor = User.objects.get(email="social.worker@example.org")
    assessment = with_decision_and_budget(completed_council_assessment(sam(), assessor), assessor)
    sign_in(page, "person@example.org")
    page.goto(f"/assessments/{assessment.id}/")
    check_accessibility(page, "self-council-assessment-for-sam")
    page.get_by_role("link", name="Read the copy of the assessment").click()
    expect(heading(page)).to_have_text("Needs assessment by the council")
    expect(page.get_by_text("It may go up or down")).to_be_visible()
    check_accessibility(page, "self-copy")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this copy (PDF)").click()
    download = download_info.value
    assert re.fullmatch(
        r"needs-assessment-by-the-council-sam-okafor-\d{4}-\d{2}-\d{2}\.pdf",
        download.suggested_filename,
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")

    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / "downloaded-assessment"
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(prefix)], check=True)
    pages = sorted(ARTIFACTS.glob("downloaded-assessment-*.png"))
    assert pages and all(page_png.stat().st_size > 5_000 for page_png in pages)


# A carer's supported self-assessment: the carers' test, in the carer's own words


CARER_OUTCOMES = [
    "Looking after a child",
    "Caring for other people",
    "Looking after your home",
    "Meals and drinks",
    "Family and friends",
    "Work, learning and volunteering",
    "Using places and services nearby",
    "Time for yourself",
]


def test_sam_fills_in_a_carers_self_assessment_and_the_assessor_decides_it(page, second_page):
    sign_in(page, "person@example.org")
    page.goto(f"/people/{sam().id}/assessments/start/")
    page.get_by_label("About your needs as a carer, because you look after another adult").check()
    page.get_by_role("button", name="Start").click()
    success(page, "Carer's supported self-assessment started.")
    check_accessibility(page, "carer-task-list-new")

    page.get_by_role("link", name="About you").click()
    page.get_by_label("What matters most to you?").fill("Time with my grandchildren.")
    page.get_by_label("What are you good at, and what already helps you?").fill("Patience.")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="The care you give").click()
    check_accessibility(page, "carer-caring")
    page.get_by_label("Who do you care for, and what do you do for them?").fill(
        "My wife, who has had a stroke. I help her wash and dress, and I am up at night."
    )
    page.get_by_role("group", name=re.compile("caused by the care you give")).get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="Your health").click()
    check_accessibility(page, "carer-health")
    page.get_by_label("No, caring is not affecting your health").check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="Your life alongside caring").click()
    for number, title in enumerate(CARER_OUTCOMES, start=1):
        expect(heading(page)).to_have_text(title)
        expect(page.get_by_text(f"question {number} of 8")).to_be_visible()
        expect(page.get_by_text("takes me much longer")).to_have_count(0)
        if title == "Time for yourself":
            page.get_by_label(
                "I can do it, but it causes me a lot of pain, distress or worry"
            ).check()
            check_accessibility(page, "carer-outcome")
        else:
            page.get_by_label("None of these: I can do this without help").check()
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("8 of 8 questions answered")).to_be_visible()

    page.get_by_role("link", name="How this affects your life").click()
    page.get_by_role("group", name=re.compile("big effect on your life")).get_by_label(
        "Yes, a big effect"
    ).check()
    page.get_by_label("It is happening now").check()
    page.get_by_label("Your physical and mental health, and how you feel").check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="What could help you stay independent").click()
    page.get_by_label("Is there equipment that could help you?").fill("None")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="Check your answers and send").click()
    check_accessibility(page, "carer-check-answers")
    page.get_by_role("button", name="Send to the council").click()
    success(page, "Your assessment has been sent to the council.")

    assessor = second_page
    sign_in(assessor, "social.worker@example.org", staff=True)
    assessment = NeedsAssessment.objects.get(kind=NeedsAssessment.Kind.CARER_SELF)
    assessor.goto(f"/assessments/{assessment.id}/")
    assessor.get_by_role("link", name="Complete the assessment").click()
    assessor.get_by_role("button", name="Complete the assessment").click()
    success(assessor, "The assessment is complete.")
    assessor.get_by_role("link", name="Decide eligibility").click()
    expect(assessor.get_by_text("Eligible for support as a carer")).to_be_visible()
    expect(
        assessor.get_by_text(
            "Engaging in recreational activities (significant pain, distress or anxiety)",
            exact=False,
        )
    ).to_be_visible()
    check_accessibility(assessor, "carer-eligibility")
    assessor.get_by_role("group", name="Do you agree with this decision?").get_by_label(
        "Yes"
    ).check()
    assessor.get_by_role("button", name="Record the decision").click()
    success(assessor, "The eligibility decision has been recorded.")
    expect(assessor.get_by_text("Eligible for support as a carer")).to_be_visible()
