"""Each persona signs in and visits their pages; axe-core finds nothing serious on any of them."""

import pytest
from playwright.sync_api import expect

from .conftest import (
    REFLOW_SEEN,
    _finish_axe,
    _finish_reflow,
    _new_page,
    check_accessibility,
    sign_in,
)


def test_home_and_sign_in_pages_are_accessible(page):
    page.goto("/")
    check_accessibility(page, "home")
    page.get_by_role("button", name="Sign in").click()
    check_accessibility(page, "sign-in")


@pytest.mark.parametrize(
    "email", ["person@example.org", "nominated@example.org", "authorised@example.org"]
)
def test_person_and_representatives_see_their_record(page, email):
    sign_in(page, email)
    check_accessibility(page, f"dashboard-{email}")


FOOTER_PAGES = [
    ("Help and contact", "Help and contact", "help"),
    ("Accessibility statement", "Accessibility statement for Manage a personal budget", "a11y"),
    ("Privacy notice", "Privacy notice", "privacy"),
    ("Cookies", "Cookies", "cookies"),
]


def test_the_footer_leads_to_help_accessibility_privacy_and_cookies_without_signing_in(page):
    page.goto("/")
    for link, heading, slug in FOOTER_PAGES:
        page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        check_accessibility(page, f"footer-{slug}")
    page.get_by_role("contentinfo").get_by_role("link", name="Help and contact").click()
    expect(page.get_by_role("link", name="Find your local council on GOV.UK")).to_be_visible()


def test_a_signed_in_person_finds_their_councils_phone_number_on_the_help_page(page):
    sign_in(page, "person@example.org")
    page.get_by_role("contentinfo").get_by_role("link", name="Help and contact").click()
    council = page.locator(".govuk-summary-card").filter(has_text="Northshire County Council")
    expect(council.get_by_role("link", name="0300 555 0123")).to_be_visible()
    expect(council).to_contain_text("Monday to Friday, 8:30am to 5pm")
    check_accessibility(page, "help-signed-in-person")


def test_every_page_a_test_opens_is_checked_for_accessibility(browser, live_server, demo):
    """The check runs by itself on each page load: a page with a serious problem fails the test."""
    page = _new_page(browser, live_server)
    try:
        page.goto("/accounts/login/")
        # Let the automatic check finish before leaving (on a busy machine it can take a while).
        page.evaluate("async () => { if (window.__axeDone) await window.__axeDone; }")
        bad = "<html lang='en'><title>Bad</title><main><h1>Bad</h1><img src='/x'></main></html>"
        page.route("**/a-page-with-a-problem/", lambda route: route.fulfill(body=bad))
        page.goto("/a-page-with-a-problem/")
        with pytest.raises(AssertionError, match="image-alt"):
            _finish_axe(page, "deliberately-inaccessible")
        assert "/accounts/login/" in page.context.axe.checked
    finally:
        page.context.close()


WIDE_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Wide</title>"
    "<link rel='stylesheet' href='/static/build/app.css'></head>"
    "<body class='govuk-template__body'><main class='govuk-main-wrapper'><h1>Wide</h1>{}</main>"
    "</body></html>"
)
WIDE_TABLE = (
    "<table class='govuk-table'><caption class='govuk-table__caption'>Money</caption><tr>"
    + "".join(f"<th scope='col' class='govuk-table__header'>£{n},000.00</th>" for n in range(12))
    + "</tr></table>"
)


def _fulfil_with(body: str):
    return lambda route: route.fulfill(body=body, content_type="text/html")


def test_every_page_a_test_opens_is_checked_at_320_pixels_wide(browser, live_server, demo):
    """WCAG 1.4.10: each page a test loads is opened again 320 pixels wide; one that scrolls
    sideways fails the test, a wide table that scrolls inside its own container does not.
    A page of a route already checked in this test process is not opened again."""
    REFLOW_SEEN.clear()
    page = _new_page(browser, live_server)
    try:
        wide = WIDE_PAGE.format("<div style='width: 1000px'>Too wide for a phone</div>")
        contained = WIDE_PAGE.format(
            "<div class='app-table-container' tabindex='0' role='region' aria-label='Money'>"
            f"{WIDE_TABLE}</div>"
        )
        for path, body in [("too-wide", wide), ("contained-table", contained)]:
            page.context.route(f"**/{path}/", _fulfil_with(body))
        page.goto("/accounts/login/")
        page.goto("/contained-table/")
        page.goto("/too-wide/")
        page.goto("/accounts/login/")  # the same page twice is measured once
        page.goto("/accounts/login/?next=/")  # the same route with a query: measured
        page.goto("/accounts/login/?next=/people/")  # the same route and query keys: not
        with pytest.raises(AssertionError, match="too-wide/: 10[0-9][0-9] pixels wide at 320"):
            _finish_reflow(page, "deliberately-too-wide")
        log = page.context.reflow
        assert [url.removeprefix(live_server.url) for url in log.checked] == [
            "/accounts/login/",
            "/contained-table/",
            "/too-wide/",
            "/accounts/login/?next=/",
        ]
        assert log.skipped == 1 and len(log.problems) == 1
    finally:
        page.context.close()
