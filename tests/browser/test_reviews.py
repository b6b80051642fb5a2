"""Reviews, slice 1: David sees when his mother's next review is due and asks for one; the
social worker sees it on the review list as requested, with both clocks explained."""

from django.utils import timezone
from playwright.sync_api import expect

from .conftest import check_accessibility, sign_in
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
