"""Oversight pages: the person records what is owed and replies to a notice; the officer
confirms only after the period; every form answers bad input with the GOV.UK error summary and
saves nothing; pages cost the same number of queries however much there is."""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import Audit, Liability, Notice, NoticeResponse, Transaction
from budgets.oversight import audits, services
from tests.builders import spend

from .oversight_helpers import TINY_PNG, TODAY, fund, propose


@pytest.fixture
def world(budget, dp_part, person, finance_officer, nominated_for_sam):
    """Sam's direct payment (10 weeks old) with £2,000 in it, a payment this month, an open
    repayment notice of £300, and a check of the account waiting for him."""
    budget.starts_on = TODAY - timedelta(weeks=10)
    budget.save()
    fund(dp_part, finance_officer, "2000.00")
    txn, _ = spend(dp_part, person.user, "40.00", "jo", on=TODAY - timedelta(days=3))
    notice = propose(budget, finance_officer, "300.00")
    audit = audits.audit_request(
        budget=budget,
        officer=finance_officer,
        kind="routine",
        period_start=TODAY - timedelta(weeks=4),
        period_end=TODAY,
    )
    return {"budget": budget, "notice": notice, "audit": audit, "txn": txn}


def as_user(client, user, budget):
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": budget.person_id})


def text_of(response) -> str:
    return " ".join(unescape(response.content.decode()).split())


def test_the_person_records_what_is_owed_with_evidence(client, world, person):
    budget = world["budget"]
    as_user(client, person.user, budget)
    url = reverse("oversight:liability_add", args=[budget.id])
    form = text_of(client.get(url))
    key = form.split('name="submission_key" value="')[1].split('"')[0]
    data = {
        "kind": "holiday_pay",
        "description": "Jo's holiday pay built up since April",
        "amount": "£312.40",
        "submission_key": key,
        "evidence": SimpleUploadedFile("holiday.png", TINY_PNG),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, {**data, "evidence": SimpleUploadedFile("holiday.png", TINY_PNG)})
    liability = Liability.objects.get()  # sent twice, recorded once
    assert liability.amount == Decimal("312.40") and liability.evidence.count() == 1
    page = text_of(client.get(reverse("oversight:surplus", args=[budget.id])))
    assert "Holiday pay a personal assistant has built up: Jo's holiday pay" in page
    download = client.get(
        reverse("oversight:evidence", args=[budget.id, liability.evidence.get().id])
    )
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == TINY_PNG


def test_a_nominated_person_disputes_and_the_officer_confirms_only_after_the_period(
    client,
    world,
    nominated_for_sam,
    finance_officer,  # noqa: F811
):
    budget, notice = world["budget"], world["notice"]
    as_user(client, nominated_for_sam, budget)
    reply_url = reverse("oversight:notice_reply", args=[budget.id, notice.id])
    key = text_of(client.get(reply_url)).split('name="submission_key" value="')[1].split('"')[0]
    response = client.post(
        reply_url,
        {
            "kind": "dispute",
            "text": "Jo's wages of £100 are not paid yet",
            "accepted_amount": "200.00",
            "evidence": SimpleUploadedFile("payslip.png", TINY_PNG),
            "submission_key": key,
        },
    )
    assert response.status_code == 302
    reply = NoticeResponse.objects.get()
    assert reply.accepted_amount == Decimal("200.00") and reply.evidence.count() == 1
    as_user(client, finance_officer, budget)
    page = text_of(client.get(reverse("oversight:notice", args=[budget.id, notice.id])))
    assert "Dana Okafor for Sam Okafor disagrees" in page and "Accepts £200.00" in page
    assert "nothing can be confirmed before then" in page
    confirm_url = reverse("oversight:notice_confirm", args=[budget.id, notice.id])
    refused = client.post(confirm_url, {"amount": "200.00", "note": "Wages are owed"})
    assert "There is a problem" in text_of(refused)
    assert not Transaction.objects.filter(kind="recovery").exists()
    # Time passes: the notice was given 15 days ago.
    Notice.objects.filter(pk=notice.pk).update(
        given_on=TODAY - timedelta(days=15),
        respond_by=TODAY - timedelta(days=1),
        takes_effect_on=TODAY,
    )
    confirmed = client.post(confirm_url, {"amount": "200.00", "note": "Wages are owed"})
    assert confirmed.status_code == 302
    assert Transaction.objects.get(kind="recovery").amount == Decimal("200.00")
    page = text_of(client.get(reverse("oversight:notice", args=[budget.id, notice.id])))
    assert "£200.00 (the notice said £300.00) has been taken from the account" in page


def test_the_letter_downloads_as_a_pdf(client, world, person):
    budget, notice = world["budget"], world["notice"]
    as_user(client, person.user, budget)
    response = client.get(reverse("oversight:notice_letter", args=[budget.id, notice.id]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith(b"%PDF")


def test_the_budget_page_shows_the_surplus_to_the_person_first(client, world, person):
    as_user(client, person.user, world["budget"])
    page = text_of(client.get(reverse("budgets:dashboard", args=[world["budget"].id])))
    assert "£760.00 more than the council's limit of £1,200.00 is held" in page
    assert "record money you owe or are saving for" in page


def test_the_monitoring_list_says_what_is_waiting(client, world, person, finance_officer):
    audits.audit_submit(audit=world["audit"], user=person.user)
    Notice.objects.filter(pk=world["notice"].pk).update(status=Notice.Status.READY)
    client.force_login(finance_officer)
    page = text_of(client.get(reverse("monitoring:accounts") + "?show=waiting"))
    assert "A check was sent back: write the summary" in page
    assert "A notice is ready for you to decide" in page
    assert "£760.00 over the surplus threshold of £1,200.00" in page


FORMS = [
    ("liability_add", "person", {}, "Choose what the money is for"),
    ("liability_add", "person", {"kind": "<x>", "amount": "1e5"}, "Choose what the money is"),
    ("contribution_refund", "officer", {}, "Enter an amount in pounds and pence"),
    ("repayment_propose", "officer", {}, "Say why the council wants the money back"),
    ("repayment_propose", "officer", {"amount": "12.345", "method": "x"}, "Choose how"),
    ("stop_propose", "officer", {}, "Choose whether to suspend or end the direct payment"),
    ("notice_reply", "person", {}, "Choose whether you agree, want to explain, or disagree"),
    ("notice_reply", "person", {"kind": "dispute", "text": "\x00"}, "There is a problem"),
    ("notice_confirm", "officer", {}, "nothing can be confirmed before then"),
    ("notice_withdraw", "officer", {}, "Say why it is withdrawn"),
    ("audit_request", "officer", {}, "Choose what kind of check it is"),
    ("audit_request", "officer", {"period_start_0": "9" * 20}, "must be a real date"),
    ("audit_evidence", "person", {}, "Choose a photo or PDF of the receipt"),
    ("audit_evidence", "person", {"action": "explain"}, "Say why there is no receipt"),
    ("audit_submit", "person", {"note": "x" * 2001}, "Keep this to 2,000 characters"),
    ("audit_summary", "officer", {}, "Enter an amount in pounds and pence, like 0.00"),
]


def _url(name: str, world) -> str:
    budget, notice, audit = world["budget"], world["notice"], world["audit"]
    args = {
        "notice_reply": [notice.id],
        "notice_confirm": [notice.id],
        "notice_withdraw": [notice.id],
        "audit_evidence": [audit.id, world["txn"].id],
        "audit_submit": [audit.id],
        "audit_summary": [audit.id],
    }.get(name, [])
    return reverse(f"oversight:{name}", args=[budget.id, *args])


@pytest.mark.parametrize(("name", "who", "data", "message"), FORMS)
def test_every_form_answers_bad_input_and_saves_nothing(
    client, world, person, finance_officer, name, who, data, message
):
    user = person.user if who == "person" else finance_officer
    as_user(client, user, world["budget"])
    counts = [m.objects.count() for m in (Liability, Notice, NoticeResponse, Transaction)]
    response = client.post(_url(name, world), {"submission_key": "x" * 5000, **data})
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and message in page
    assert [m.objects.count() for m in (Liability, Notice, NoticeResponse, Transaction)] == counts
    assert Audit.objects.get().status == Audit.Status.WAITING


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_cost_the_same_queries_however_much_there_is(
    client, world, person, dp_part, django_assert_max_num_queries
):
    budget, audit = world["budget"], world["audit"]
    as_user(client, person.user, budget)
    urls = [
        reverse("oversight:surplus", args=[budget.id]),
        reverse("oversight:audit", args=[budget.id, audit.id]),
        reverse("oversight:notice", args=[budget.id, world["notice"].id]),
    ]
    before = [count_queries(client, url) for url in urls]
    for n in range(12):
        services.liability_record(
            budget=budget,
            user=person.user,
            details=services.LiabilityDetails("unpaid_invoice", f"Invoice {n}", Decimal("1.00")),
            submission_key=f"inv-{n}",
        )
        spend(dp_part, person.user, "1.00", f"more-{n}", on=TODAY - timedelta(days=2))
    for url, queries in zip(urls, before, strict=True):
        with django_assert_max_num_queries(queries):
            client.get(url)


def test_the_person_sees_who_changed_what_in_their_history(client, world, person, finance_officer):
    budget = world["budget"]
    liability = services.liability_record(
        budget=budget,
        user=person.user,
        details=services.LiabilityDetails("unpaid_wages", "Jo's wages", Decimal("90.00")),
        submission_key="h",
    )
    services.liability_change(
        liability=liability, user=finance_officer, status="not_accepted", note="Paid in October"
    )
    as_user(client, person.user, budget)
    page = text_of(client.get(reverse("people:history", args=[person.id])))
    assert "Money owed or set aside: Jo's wages" in page
    assert "Paid in October" in page
    assert "Repayment of money from the direct payment" in page
    assert "Routine check of the account" in page
