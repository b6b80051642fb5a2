"""Browser journeys for the background work: David, Peggy's son and nominated person, asks for an
audit statement (a wrong period first), waits for it and downloads the PDF; then chooses how
Peggy hears from the service (forgetting to choose first). axe-core runs on every page."""

import subprocess
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from budgets.audit import services as audit_services
from budgets.models import AuditStatement
from notifications.models import ContactPreference

from .conftest import check_accessibility, sign_in, without_javascript
from .keyboard import follow, heading, press, type_date


def test_david_asks_for_an_audit_statement_and_downloads_it(
    page, peggy_budget, tmp_path, monkeypatch, browser, live_server
):
    """Keyboard only, after signing in: Tab to each control, then type or press Enter."""
    today = timezone.localdate()
    sign_in(page, "nominated@example.org")
    follow(page, "Personal budget: money in and out, and logging payments")
    follow(page, "Audit statement: the account for any period, as a PDF")
    expect(heading(page)).to_have_text("Audit statements")
    check_accessibility(page, "audit-statements")

    type_date(page, "From", today)
    type_date(page, "To", today - timedelta(days=1))
    press(page, "Make the statement")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("The last day must be on or after the first day")
    check_accessibility(page, "audit-statements-wrong-period")
    assert not AuditStatement.objects.exists()

    type_date(page, "To", today)
    queued = []
    monkeypatch.setattr(audit_services, "_enqueue", queued.append)  # it waits for a worker
    press(page, "Make the statement")
    expect(page.get_by_text("The statement is waiting to be made.")).to_be_visible()
    check_accessibility(page, "audit-statement-waiting")
    with without_javascript(browser, live_server, page) as plain:
        expect(plain.get_by_text("The statement is waiting to be made.")).to_be_visible()
        audit_services.audit_statement_make(statement_id=queued[0])  # a worker makes it
        # Both pages check again by themselves (with a script, or a meta refresh without one).
        for each in (page, plain):
            expect(each.get_by_role("link", name="Download the statement (PDF)")).to_be_visible(
                timeout=15_000
            )
    check_accessibility(page, "audit-statement-ready")
    with page.expect_download() as download:
        follow(page, "Download the statement (PDF)")
    pdf = tmp_path / "statement.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    assert b"Audit statement" in text and b"Margaret Hughes" in text
    assert AuditStatement.objects.get().status == AuditStatement.Status.READY


def test_david_chooses_how_peggy_hears_from_the_service(page, peggy_budget):
    sign_in(page, "nominated@example.org")
    page.get_by_role("link", name="How we contact Peggy Hughes").click()
    expect(heading(page)).to_have_text("How we contact Peggy Hughes")
    check_accessibility(page, "contact-preferences")

    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link")).to_have_text(["Choose how we should contact Peggy Hughes"])
    check_accessibility(page, "contact-preferences-none-chosen")

    page.get_by_label("By letter").check()
    page.get_by_label("Send messages in easy read").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("we will contact them that way")
    expect(page.get_by_label("By letter")).to_be_checked()
    saved = ContactPreference.objects.get()
    assert (saved.channel, saved.easy_read) == ("letter", True)
