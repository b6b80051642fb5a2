"""Security issue 10, item 1: markup typed into any free-text field is escaped on every page,
PDF and CSV any role can reach.

A `<meta http-equiv="refresh">` planted in a person's name once reached a form label unescaped
and redirected the page. This sweep builds the authorisation matrix's data set (tests/authz),
adds the records it lacks, plants a distinct payload in every CharField/TextField of every row
(tests/markup_sweep.py finds the fields by introspection), then GETs every URL pattern as every
role and reads what comes back. Counts go to test-artifacts/markup-sweep.txt for the note.
"""

import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from people.models import StaffRole

from . import markup_sweep as sweep
from .authz import ADMIN_NAMESPACE, SELF, entries_and_extenders
from .factories import UserFactory, staff_user, with_authenticator
from .test_authorisation_matrix import all_url_names


@pytest.fixture
def scenario(shared_scenario):
    """Every test here reads the matrix's data set made once for the module (conftest.py)."""
    return shared_scenario


MATRIX, _ = entries_and_extenders()
ROLES = [
    "person",
    "nominated_person",
    "social_worker",
    "approver",
    "finance_officer",
    "la_admin",
    "provider_user",
    "service_admin",  # a superuser: the Django admin
]
ARTIFACT = Path(__file__).resolve().parent.parent / "test-artifacts" / "markup-sweep.txt"
# Fields that must be seen (escaped) somewhere, so the sweep cannot pass by reading nothing.
MUST_BE_SEEN = {
    "person-first_name",
    "person-last_name",
    "person-address_line_1",
    "representative-full_name",
    "representative-relationship",
    "user-full_name",
    "organisation-name",
    "needsassessment-circumstances",
    "financialitem-label",
    "supportplan-important_to",
    "planoutcome-in_my_words",
    "supportline-description",
    "transaction-payee",
    "transaction-note",
    "ruleflag-explanation",
    "approvaldecision-reason",
}
# Where an id in a URL comes from, for URL patterns the matrix does not list yet.
KWARG_SOURCES = {
    "person_id": lambda s: s["subject"].id,
    "budget_id": lambda s: s["budget"].id,
    "plan_id": lambda s: s["plans_draft"].id,
    "assessment_id": lambda s: s["council_completed"].id,
    "authority_id": lambda s: s["subject"].local_authority_id,
}


def _add_what_the_matrix_lacks(scenario) -> None:
    """Rows for models with free text that the matrix's data set leaves empty."""
    from budgets.models import BudgetPart, DisallowedSpending, PaymentAdjustment, PaymentRun
    from notifications.models import Message
    from people.models import CouncilSettings, RecordAccess
    from reviews.models import ReviewRequest
    from reviews.services import review_record
    from support_plans.models import ChartRow, PlanReferral

    users, sam = scenario["users"], scenario["subject"]
    council = sam.local_authority
    plan = scenario["approved_plan"]
    ChartRow.objects.create(plan=scenario["plans_draft"], chart="communication", first="x")
    senior = staff_user(council, StaffRole.APPROVER, full_name="Dana Senior")
    PlanReferral.objects.create(
        plan=plan,
        referred_by=users["approver"],
        referred_to=senior,
        reason="x",
        plan_checked_at=plan.checked_at or timezone.now(),
    )
    PaymentRun.objects.create(
        authority=council,
        cycle_start=date(2026, 11, 30),
        status=PaymentRun.Status.WAITING,
        requested_by=users["finance_officer"],
        backdated_reason="x",
    )
    part = scenario["budget"].parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT)
    PaymentAdjustment.objects.create(
        part=part,
        amount=Decimal("5.00"),
        from_date=scenario["budget"].starts_on,
        to_date=scenario["budget"].starts_on + timedelta(days=6),
        old_weekly=Decimal("150.00"),
        new_weekly=Decimal("155.00"),
        reason="x",
    )
    DisallowedSpending.objects.create(authority=council, label="x", keywords="x")
    CouncilSettings.objects.create(
        authority=council, effective_from=date(2026, 1, 1), changed_by=users["la_admin"]
    )
    RecordAccess.objects.create(person=sam, user=users["social_worker"], what="x")
    ReviewRequest.objects.create(person=sam, asked_by=sam.user, kind="person_asked", reason="x")
    review_record(
        person=sam, user=users["social_worker"], held_on=timezone.localdate(), summary="x"
    )
    # Messages that could not be sent are listed for staff: make every message one of those.
    Message.objects.update(status=Message.Status.FAILED, last_error="x")


def _plant_in_the_ledger(planted: sweep.Planted, scenario) -> None:
    """The ledger refuses UPDATE: log a payment with markup in its payee and note, as the person
    would, on the day the audit statement covers."""
    from budgets.models import BudgetPart, Transaction
    from budgets.spending import services as spending

    budget, sam = scenario["budget"], scenario["subject"]
    spending.spending_log(
        part=budget.parts.get(kind=BudgetPart.Kind.DIRECT_PAYMENT),
        user=sam.user,
        acting_for=sam,
        submission_key="markup-sweep",
        entries=[
            {
                "occurred_on": budget.starts_on,
                "payee": planted.insert(Transaction, "payee"),
                "amount": Decimal("12.34"),
                "support_line": None,
                "note": planted.insert(Transaction, "note"),
                "receipt": None,
            }
        ],
    )


def _remake_audit_statement(scenario) -> None:
    """The statement's PDF and CSV were made before the payloads went in: make them again."""
    from budgets.audit import services
    from budgets.models import AuditStatement

    statement = scenario["audit_statement"]
    AuditStatement.objects.filter(pk=statement.pk).update(status=AuditStatement.Status.QUEUED)
    services.audit_statement_make(statement_id=statement.id)


def _urls_to_read(scenario) -> tuple[list, list]:
    """(url name, url) for every URL pattern, ids filled in; and patterns no id could fill."""
    urls, unreached = [], []
    for name in sorted(set(all_url_names())):
        if name.startswith(ADMIN_NAMESPACE):
            continue
        if name in MATRIX:
            kwargs_for = MATRIX[name][0]
            urls.append((name, reverse(name, kwargs=kwargs_for(scenario) if kwargs_for else None)))
            if name == "audit:download":  # the CSV as well as the PDF
                kwargs = {**kwargs_for(scenario), "kind": "csv"}
                urls.append((name, reverse(name, kwargs=kwargs)))
            continue
        try:
            urls.append((name, reverse(name)))
        except NoReverseMatch:
            try:
                kwargs = {k: KWARG_SOURCES[k](scenario) for k in _kwarg_names(name)}
                urls.append((name, reverse(name, kwargs=kwargs)))
            except (KeyError, NoReverseMatch):
                unreached.append(name)
    return urls, unreached


def _kwarg_names(url_name: str) -> list[str]:
    from django.urls import get_resolver

    resolver = get_resolver()
    *namespaces, name = url_name.split(":")
    for namespace in reversed(namespaces):
        resolver = resolver.namespace_dict[namespace][1]
    [(possibility, *_), *_] = resolver.reverse_dict.getlist(name)
    return possibility[0][1]


def _admin_urls() -> list:
    """The Django admin's index, and each registered model's list and first record."""
    urls = [("admin:index", reverse("admin:index"))]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(
            (
                f"admin:{meta.model_name}",
                reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
            )
        )
        first = model._base_manager.order_by("pk").first()
        if first is not None:
            name = f"admin:{meta.app_label}_{meta.model_name}_change"
            urls.append((name, reverse(name, args=[first.pk])))
    return urls


def _close(response) -> None:
    """Close a response (a file download holds its file open until then) without the
    request_finished signal closing the database connection, as Django's test client does:
    inside a test's transaction on PostgreSQL that would close the test's own connection."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


class Sweep:
    """Counts and findings of one read of every page."""

    def __init__(self, planted: sweep.Planted):
        self.planted = planted
        self.requests = self.html = self.pdfs = self.csvs = 0
        self.seen: set[str] = set()
        self.pdf_seen: set[str] = set()
        self.problems: list[str] = []
        self.pdf_html: list[str] = []  # what WeasyPrint was given, filled by _watch_weasyprint
        self.pdf_html_checked = 0

    def read(self, role: str, name: str, url: str, response) -> None:
        self.requests += 1
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _close(response)
        if content_type.startswith("application/pdf"):
            self._pdf(role, url, body)
        elif content_type.startswith("text/csv"):
            self._csv(role, url, body)
        elif content_type.startswith(("text/", "application/json")):
            self._text(role, name, url, body.decode())

    def _text(self, role, name, url, text) -> None:
        self.html += 1
        self.seen |= sweep.tags_seen(self.planted, text)
        for place in sweep.raw_markup(text):
            self.problems.append(f"{role} {name} {url}: unescaped …{place}…")

    def _pdf(self, role, url, body) -> None:
        self.pdfs += 1
        text = sweep.pdf_text(body)
        found = sweep.tags_seen(self.planted, text)
        self.pdf_seen |= found
        # Escaped before WeasyPrint, a payload is printed as its own characters; unescaped, it
        # is read as a tag and vanishes from the text (the HTML itself is checked below: the
        # text alone cannot say which payloads a page printed, cut short or wrapped).
        if "<i class=x-" not in text or not found:
            self.problems.append(f"{role} {url}: the PDF does not show the payload as text")
        self.check_pdf_html(role, url)

    def check_pdf_html(self, role, url) -> None:
        """The HTML WeasyPrint was given since the last check: the payloads escaped in it."""
        while self.pdf_html:
            html = self.pdf_html.pop()
            self.pdf_html_checked += 1
            for place in sweep.raw_markup(html):
                self.problems.append(f"{role} {url}: unescaped in the PDF's HTML …{place}…")
            try:  # core.pdf.document_tree's quick path: every PDF template is well-formed XML
                ElementTree.fromstring(html.strip())
            except ElementTree.ParseError as error:
                self.problems.append(f"{role} {url}: the PDF's HTML is not well-formed: {error}")

    def _csv(self, role, url, body) -> None:
        self.csvs += 1
        self.seen |= sweep.tags_seen(self.planted, body.decode("utf-8-sig"))
        for cell in sweep.formula_cells(body):
            self.problems.append(f"{role} {url}: a CSV cell a spreadsheet runs: {cell[:60]!r}")


def _never_seen(result: Sweep, planted: sweep.Planted, *, historical: bool) -> list[str]:
    """Planted fields no page showed: a state the data set does not reach, or never shown."""
    tags = result.seen | result.pdf_seen
    return sorted(
        name
        for name in planted.fields
        if sweep.tag_for(name) not in tags
        and (".Historical" in name) == historical
        # django-simple-history's own field: nothing here sets it or shows it.
        and not name.endswith(".history_change_reason")
    )


def _watch_weasyprint(monkeypatch, result: Sweep) -> None:
    """Keep a copy of the HTML every PDF is made from (all of it passes through document_tree)."""
    import core.pdf

    real = core.pdf.document_tree

    def document_tree(html):
        result.pdf_html.append(html)
        return real(html)

    monkeypatch.setattr(core.pdf, "document_tree", document_tree)


def _write_counts(result: Sweep, planted, urls, roles, unreached) -> str:
    live = {name for name in planted.fields if ".Historical" not in name}
    lines = [
        "Markup sweep (security issue 10, item 1): tests/test_markup_sweep.py",
        f"payload fields planted: {len(planted.fields)} in {planted.rows} rows"
        f" ({len(live)} on live models, {len(planted.fields) - len(live)} on historical copies);"
        f" {len(planted.payloads)} distinct payloads",
        f"fields with no row to plant in: {sorted(planted.empty) or 'none'}",
        f"fields not planted (see SKIPPED): {len(sweep.SKIPPED)}",
        f"fields the database refused markup in: {sorted(planted.not_planted()) or 'none'}",
        f"URLs x roles requested: {result.requests} ({len(urls)} URLs x {len(roles)} roles"
        f" + {result.requests - len(urls) * len(roles)} Django admin pages for the superuser)",
        f"HTML/text pages read: {result.html}; PDFs read: {result.pdfs}; CSVs read: {result.csvs}",
        f"fields seen (escaped) on a page, PDF or CSV: {len(result.seen | result.pdf_seen)}",
        f"fields seen in a PDF: {len(result.pdf_seen)}",
        f"planted fields never seen: {_never_seen(result, planted, historical=False)}",
        "historical copies never seen (history is not shown field by field):"
        f" {len(_never_seen(result, planted, historical=True))}",
        f"URL patterns not reached (no id for them): {unreached or 'none'}",
        f"unescaped or unsafe output found: {len(result.problems)}",
    ]
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text("\n".join(lines) + "\n")
    return "\n".join(lines)


def test_markup_typed_anywhere_is_escaped_on_every_page_pdf_and_csv(client, monkeypatch, scenario):
    """The authorisation matrix's data set (its `scenario` fixture), plus the operator."""
    users = scenario["users"]
    users["service_admin"] = with_authenticator(UserFactory(is_staff=True, is_superuser=True))
    person = scenario["subject"]
    _add_what_the_matrix_lacks(scenario)
    planted = sweep.plant_everywhere()
    _plant_in_the_ledger(planted, scenario)
    result = Sweep(planted)
    _watch_weasyprint(monkeypatch, result)
    _remake_audit_statement(scenario)
    result.check_pdf_html("(background task)", "the audit statement PDF")
    urls, unreached = _urls_to_read(scenario)

    for role in ROLES:
        client.logout()
        client.force_login(users[role])
        if role in SELF:
            client.post(reverse("people:acting_for"), {"person": person.id})
        for name, url in urls + (_admin_urls() if role == "service_admin" else []):
            result.read(role, name, url, client.get(url))

    report = _write_counts(result, planted, urls, ROLES, unreached)
    print(report)
    assert result.problems == [], "\n".join(result.problems)
    assert result.pdfs >= 4, "the plan, profile, assessment and audit statement PDFs"
    assert result.pdf_html_checked >= 4, "the HTML of those PDFs, as WeasyPrint was given it"
    assert result.csvs >= 1, "the audit statement CSV"
    assert MUST_BE_SEEN <= result.seen, f"never seen: {MUST_BE_SEEN - result.seen}"
    assert planted.empty == set(), f"add rows for these fields: {sorted(planted.empty)}"
