"""Signing in: with the keyboard alone, and the authenticator app staff must set up first."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from people.demo import DEMO_PASSWORD
from people.models import Membership, Organisation, Person, StaffRole, User

from .conftest import check_accessibility, fresh_totp_code, sign_in


def press_tab_until_focused(page, target, *, most: int) -> int:
    """Press Tab until `target` has focus; return how many presses it took (at most `most`)."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{target} was not reached in {most} presses of Tab")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    check_accessibility(page, "sign-in-skip-link-focused")

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Email address")).to_be_focused()


def test_skip_link_jumps_past_the_menu_and_the_whose_record_banner(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("person@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Personal details and representatives").click()
    # Tab only once the new page has loaded, or the key press lands on the page being left.
    page.wait_for_load_state("load")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("link", name="See changes and who has looked at this record")
    ).to_be_focused()


def test_person_signs_in_with_the_keyboard_alone(page):
    page.goto("/accounts/login/")
    email = page.get_by_label("Email address")
    # Skip link, service name, "Ask your council" in the phase banner, then the email address.
    assert press_tab_until_focused(page, email, most=4) == 4
    page.keyboard.type("person@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("heading", name="Hello, Sam", exact=True)).to_be_visible()
    check_accessibility(page, "keyboard-person-dashboard")


def test_staff_member_signs_in_with_the_keyboard_alone_including_the_security_code(page):
    page.goto("/accounts/login/")
    press_tab_until_focused(page, page.get_by_label("Email address"), most=4)
    page.keyboard.type("social.worker@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    check_accessibility(page, "keyboard-security-code")
    code = page.get_by_label("Security code")
    # Skip link, service name, "Ask your council" in the phase banner, then the code.
    assert press_tab_until_focused(page, code, most=4) == 4
    page.keyboard.type(fresh_totp_code())
    page.keyboard.press("Enter")

    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("heading", name="Hello, Jordan")).to_be_visible()


def test_wrong_password_gives_a_clear_error_and_keeps_the_email_address(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("person@example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it first.
    expect(page.locator(":focus")).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("Email address")).to_have_value("person@example.org")
    expect(page.get_by_label("Password")).to_have_value("")
    check_accessibility(page, "sign-in-wrong-password")


def _new_social_worker() -> None:
    """A social worker at Northshire with a password and no authenticator app yet."""
    council = Organisation.objects.get(name="Northshire County Council")
    newcomer = User.objects.create_user(
        email="new.worker@example.org", password=DEMO_PASSWORD, full_name="Casey Morgan"
    )
    Membership.objects.create(user=newcomer, organisation=council, role=StaffRole.SOCIAL_WORKER)


def _sign_in_with_password_only(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_new_staff_member_goes_straight_to_set_up_without_typing_their_password_again(page):
    """BUG, fails today: allauth's set-up page wants a fresh re-authentication and a sign-in
    does not count as one, so seconds after signing in they are asked for their password again."""
    _new_social_worker()
    _sign_in_with_password_only(page, "new.worker@example.org")
    expect(page).to_have_url(re.compile("/accounts/"))
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up an authenticator app", timeout=1_000
    )


def test_staff_member_without_an_authenticator_must_set_one_up_before_seeing_anyone(page):
    _new_social_worker()
    peggy = Person.objects.get(first_name="Margaret")
    _sign_in_with_password_only(page, "new.worker@example.org")

    # Asked for the password again first: see the test above.
    first_page = re.compile("Enter your password again|Set up an authenticator app")
    expect(page.get_by_role("heading", level=1, name=first_page)).to_be_visible()
    if page.get_by_role("heading", name="Enter your password again").is_visible():
        check_accessibility(page, "new-staff-confirm-password")
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Continue").click()
    setup_heading = page.get_by_role("heading", level=1, name="Set up an authenticator app")
    expect(setup_heading).to_be_visible()
    expect(page.get_by_text("Because you can see people's records")).to_be_visible()
    check_accessibility(page, "new-staff-set-up-authenticator")

    for path in [f"/people/{peggy.id}/", "/people/", "/dashboard/"]:
        page.goto(path)
        expect(setup_heading).to_be_visible()
        expect(page.get_by_text("Peggy")).to_have_count(0)

    setup_key = page.get_by_text("Setup key:").inner_text().split(":", 1)[1].strip()
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    check_accessibility(page, "new-staff-set-up-authenticator-wrong-code")

    page.get_by_label("Authenticator code").fill(fresh_totp_code(setup_key))
    page.get_by_role("button", name="Turn on").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.get_by_role("list", name="Codes you have not used").get_by_role("listitem")
    expect(codes).to_have_count(10)
    expect(codes.first).to_have_text(re.compile(r"^\d{8}$"))
    check_accessibility(page, "new-staff-recovery-codes")

    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Search the whole caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    page.get_by_role("link", name="Peggy Hughes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peggy Hughes")


def error_summary(page):
    return page.get_by_role("alert").filter(has_text="There is a problem")


def test_forgotten_password_pages_explain_what_to_do_and_the_link_lets_them_choose_one(page):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="I have forgotten my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    page.get_by_role("button", name="Send the link").click()
    expect(error_summary(page).get_by_role("link")).to_have_text(
        ["Enter the email address you sign in with"]
    )
    expect(page.locator(":focus")).to_contain_text("There is a problem")
    check_accessibility(page, "password-reset-empty")

    page.get_by_label("Email address").fill("person@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check_accessibility(page, "password-reset-sent")

    [sent] = mail.outbox
    link = next(line for line in sent.body.splitlines() if "/accounts/password/reset/key/" in line)
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm the new password").fill("short")
    page.get_by_role("button", name="Save the new password").click()
    expect(error_summary(page)).to_contain_text("too short")
    check_accessibility(page, "password-reset-new-password-too-short")
    page.get_by_label("New password", exact=True).fill("four words to remember")
    page.get_by_label("Confirm the new password").fill("four words to forget")
    page.get_by_role("button", name="Save the new password").click()
    expect(error_summary(page)).to_contain_text("The passwords do not match")

    page.get_by_label("New password", exact=True).fill("four words to remember")
    page.get_by_label("Confirm the new password").fill("four words to remember")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is saved")
    check_accessibility(page, "password-reset-done")

    page.goto(urlsplit(link).path)  # the same link again
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has expired")
    check_accessibility(page, "password-reset-link-used")


def test_a_person_changes_their_password_from_your_account(page):
    sign_in(page, "person@example.org")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Change your password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    page.get_by_role("button", name="Change your password").click()
    expect(error_summary(page).get_by_role("link")).to_have_text(
        ["Enter your current password", "Enter a new password", "Enter the new password again"]
    )
    check_accessibility(page, "change-password-empty")

    page.get_by_label("Current password").fill(DEMO_PASSWORD)
    page.get_by_label("New password", exact=True).fill("four words to remember")
    page.get_by_label("Confirm the new password").fill("four words to remember")
    page.get_by_role("button", name="Change your password").click()
    expect(page.get_by_role("alert")).to_contain_text("Your password is changed")

    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="Change the email address you sign in with").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your email addresses")
    expect(page.get_by_text("You sign in with this")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Remove"))).to_have_count(0)
    page.get_by_role("button", name="Add the email address").click()
    expect(error_summary(page)).to_contain_text("Enter the email address you want to add")
    check_accessibility(page, "email-addresses-empty")
