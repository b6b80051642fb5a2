"""Each persona signs in and visits their pages; axe-core finds nothing serious on any of them."""

import pytest

from .conftest import check_accessibility, sign_in


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
