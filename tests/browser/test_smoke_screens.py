"""Each persona signs in and visits their pages; axe-core finds nothing serious on any of them."""

import pytest

from .conftest import _finish_axe, _new_page, check_accessibility, sign_in


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


def test_every_page_a_test_opens_is_checked_for_accessibility(browser, live_server, demo):
    """The check runs by itself on each page load: a page with a serious problem fails the test."""
    page = _new_page(browser, live_server)
    try:
        page.goto("/accounts/login/")
        bad = "<html lang='en'><title>Bad</title><main><h1>Bad</h1><img src='/x'></main></html>"
        page.route("**/a-page-with-a-problem/", lambda route: route.fulfill(body=bad))
        page.goto("/a-page-with-a-problem/")
        with pytest.raises(AssertionError, match="image-alt"):
            _finish_axe(page, "deliberately-inaccessible")
        assert "/accounts/login/" in page.context.axe.checked
    finally:
        page.context.close()
