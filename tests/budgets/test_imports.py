"""Statement import (docs/quality.md #4, #15, #22): all or nothing per file, the same file
twice adds
nothing, overlapping rows are left out, rows match logged payments or are offered to confirm."""

import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import StatementImport, StatementLine, StatementMapping, Transaction
from budgets.statements import services as imports
from budgets.statements.files import Columns
from budgets.statements.services import AlreadyImported, NeedsColumns
from core.errors import DomainError
from tests.builders import pay_in, spend

COLUMNS = Columns(date="Date", description="Description", amount="Amount", date_format="%d/%m/%Y")
HEADER = "Date,Description,Amount\n"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode()


def remember_columns(part, user, columns=COLUMNS):
    return imports.statement_mapping_save(part=part, user=user, columns=columns)


def run_import(part, user, data: bytes, name="statement.csv", **kwargs):
    return imports.statement_import(part=part, user=user, file_name=name, data=data, **kwargs)


@pytest.fixture
def budget(budget):
    """Sam's budget, started on 1 October 2026, so November's statement rows fall inside it."""
    budget.starts_on = date(2026, 10, 1)
    budget.save()
    return budget


@pytest.fixture
def funded(dp_part, person):
    """Sam's direct payment with £600 paid in on 2 November."""
    pay_in(dp_part, person.user, "600.00")
    return dp_part


def test_the_first_csv_asks_which_column_is_which(dp_part, person):
    with pytest.raises(NeedsColumns) as needs:
        run_import(dp_part, person.user, csv_file("03/11/2026,Jo (PA),-45.00"))
    assert needs.value.header == ["Date", "Description", "Amount"]
    assert needs.value.sample == [["03/11/2026", "Jo (PA)", "-45.00"]]
    assert StatementImport.objects.count() == 0


def test_the_columns_are_remembered_for_the_account(dp_part, person):
    remember_columns(dp_part, person.user)
    result = run_import(dp_part, person.user, csv_file("03/11/2026,Jo (PA),-45.00"))
    assert result.offered == 1
    second = run_import(dp_part, person.user, csv_file("10/11/2026,Jo (PA),-45.00"), name="b.csv")
    assert second.offered == 1
    assert StatementMapping.objects.get(part=dp_part).date_column == "Date"


def test_the_same_file_twice_adds_nothing_and_says_when_it_was_imported(dp_part, person):
    remember_columns(dp_part, person.user)
    data = csv_file("03/11/2026,Jo (PA),-45.00", "04/11/2026,Chemist,-3.20")
    run_import(dp_part, person.user, data)
    with pytest.raises(AlreadyImported, match=r"You imported this file on \d+ \w+ 2026"):
        run_import(dp_part, person.user, data, name="renamed.csv")
    assert StatementImport.objects.count() == 1 and StatementLine.objects.count() == 2


def test_rows_already_imported_from_an_overlapping_file_are_left_out(dp_part, person):
    remember_columns(dp_part, person.user)
    run_import(dp_part, person.user, csv_file("03/11/2026,Coffee,-2.50", "03/11/2026,Coffee,-2.50"))
    overlapping = csv_file(
        "03/11/2026,Coffee,-2.50",
        "03/11/2026,Coffee,-2.50",
        "03/11/2026,Coffee,-2.50",  # a third coffee that day is new
        "05/11/2026,Taxi,-12.00",
    )
    result = run_import(dp_part, person.user, overlapping, name="november.csv")
    assert (result.rows, result.already_imported, result.offered) == (4, 2, 2)
    assert StatementLine.objects.count() == 4


def test_a_file_with_a_bad_row_imports_nothing_and_names_the_row(funded, person):
    remember_columns(funded, person.user)
    rows = [f"0{day}/11/2026,Jo (PA),-15.00" for day in range(1, 6)]
    data = csv_file(*rows, "31/02/2026,Jo (PA),-15.00", "06/11/2026,Shop,twelve")
    result = run_import(funded, person.user, data)
    statement = result.statement
    assert statement.status == StatementImport.Status.REJECTED
    assert statement.problems == [
        "Row 7: the date '31/02/2026' is not a real date",
        "Row 8: the amount 'twelve' is not an amount in pounds and pence",
    ]
    assert StatementLine.objects.count() == 0
    assert not Transaction.objects.filter(kind=Transaction.Kind.SPEND).exists()


def test_a_rejected_file_can_be_tried_again_once_the_columns_are_fixed(dp_part, person):
    remember_columns(dp_part, person.user, Columns("Date", "Description", "%Y-%m-%d", "Amount"))
    data = csv_file("03/11/2026,Jo (PA),-45.00")
    rejected = run_import(dp_part, person.user, data).statement
    assert rejected.problems == [
        "Row 2: the date '03/11/2026' is not written like 2026-12-31 (year-month-day)"
    ]
    remember_columns(dp_part, person.user)
    retried = run_import(dp_part, person.user, data).statement
    assert retried.pk == rejected.pk and retried.status == StatementImport.Status.CHECKED
    assert retried.problems == [] and retried.lines.count() == 1


def test_rows_match_logged_payments_within_three_days_and_only_once(funded, person):
    remember_columns(funded, person.user)
    logged, _ = spend(funded, person.user, "45.00", "jo-1", on=date(2026, 11, 3))
    data = csv_file(
        "06/11/2026,JO SMITH PA,-45.00",  # 3 days later: matches the logged payment
        "06/11/2026,JO SMITH PA,-45.00",  # the same amount again: nothing left to match
        "01/11/2026,Refund from shop,12.00",
    )
    result = run_import(funded, person.user, data)
    assert (result.matched, result.offered) == (1, 2)
    matched = StatementLine.objects.get(status=StatementLine.Status.MATCHED)
    assert matched.transaction == logged and matched.row_number == 2
    assert result.statement.status == StatementImport.Status.CHECKED


def test_rows_four_days_away_are_offered_not_matched(funded, person):
    remember_columns(funded, person.user)
    spend(funded, person.user, "45.00", "jo-1", on=date(2026, 11, 3))
    result = run_import(funded, person.user, csv_file("07/11/2026,Jo,-45.00"))
    assert (result.matched, result.offered) == (0, 1)


def test_the_council_payment_on_the_statement_matches_the_payment_run(funded, person):
    remember_columns(funded, person.user)
    result = run_import(funded, person.user, csv_file("02/11/2026,NORTHSHIRE CC DP,600.00"))
    assert (result.matched, result.offered) == (1, 0)
    assert result.statement.status == StatementImport.Status.IMPORTED


def test_confirming_an_offered_row_logs_it_once(funded, person):
    remember_columns(funded, person.user)
    run_import(funded, person.user, csv_file("04/11/2026,Chemist,-3.20"))
    line = StatementLine.objects.get()
    txn = imports.statement_line_confirm(line=line, user=person.user)
    again = imports.statement_line_confirm(line=line, user=person.user)
    assert txn == again and txn.idempotency_key == f"import:{line.id}"
    assert txn.kind == Transaction.Kind.SPEND and txn.amount == Decimal("3.20")
    line.refresh_from_db()
    assert line.status == StatementLine.Status.CONFIRMED and line.transaction == txn
    assert line.statement.status == StatementImport.Status.IMPORTED
    assert Transaction.objects.filter(kind=Transaction.Kind.SPEND).count() == 1


def test_money_in_is_confirmed_as_what_the_person_says_it_was(funded, person):
    spend(funded, person.user, "20.00", "chemist", payee="Chemist")
    remember_columns(funded, person.user)
    run_import(funded, person.user, csv_file("04/11/2026,Shop refund,8.00"))
    line = StatementLine.objects.get()
    with pytest.raises(DomainError, match="Choose what the money coming in was"):
        imports.statement_line_confirm(line=line, user=person.user)
    txn = imports.statement_line_confirm(line=line, user=person.user, kind="refund")
    assert txn.kind == Transaction.Kind.REFUND and txn.amount == Decimal("8.00")


def test_a_row_that_would_overdraw_is_refused_clearly(dp_part, person):
    remember_columns(dp_part, person.user)
    run_import(dp_part, person.user, csv_file("04/11/2026,Chemist,-3.20"))
    with pytest.raises(DomainError, match="not enough for this £3.20"):
        imports.statement_line_confirm(line=StatementLine.objects.get(), user=person.user)
    assert StatementLine.objects.get().status == StatementLine.Status.OFFERED


def test_a_row_left_out_is_not_offered_again(funded, person):
    remember_columns(funded, person.user)
    data = csv_file("04/11/2026,Chemist,-3.20")
    run_import(funded, person.user, data)
    imports.statement_line_leave_out(line=StatementLine.objects.get(), user=person.user)
    later = run_import(funded, person.user, data + b"05/11/2026,Bus,-2.00\n", name="b.csv")
    assert (later.already_imported, later.offered) == (1, 1)


def test_paid_out_and_paid_in_columns(funded, person):
    columns = Columns("Date", "Details", "%d/%m/%Y", paid_out="Paid out", paid_in="Paid in")
    remember_columns(funded, person.user, columns)
    header = "Date,Details,Paid out,Paid in,Balance\n"
    data = csv_file(
        "04/11/2026,Chemist,3.20,,596.80", "05/11/2026,Refund,,£1.00,597.80", header=header
    )
    run_import(funded, person.user, data)
    assert sorted(StatementLine.objects.values_list("amount", flat=True)) == [
        Decimal("-3.20"),
        Decimal("1.00"),
    ]
    both = csv_file("06/11/2026,Odd,1.00,2.00,0", header=header)
    result = run_import(funded, person.user, both, name="b.csv")
    assert (
        "Row 2: there are amounts in both 'Paid out' and 'Paid in'" in result.statement.problems[0]
    )


SGML_OFX = b"""OFXHEADER:100
DATA:OFXSGML
VERSION:102
ENCODING:USASCII

<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261104120000[0:GMT]<TRNAMT>-3.20<FITID>1
<NAME>CHEMIST &amp; CO</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261102<TRNAMT>600.00<FITID>2<MEMO>Northshire CC</STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""

XML_OFX = b"""<?xml version="1.0" encoding="UTF-8"?>
<?OFX OFXHEADER="200" VERSION="220"?>
<OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><BANKTRANLIST>
  <STMTTRN>
    <TRNTYPE>DEBIT</TRNTYPE>
    <DTPOSTED>20261105</DTPOSTED>
    <TRNAMT>-12.00</TRNAMT>
    <NAME>Taxi</NAME>
  </STMTTRN>
  <STMTTRN>
    <TRNTYPE>DEBIT</TRNTYPE>
    <DTPOSTED>20261131</DTPOSTED>
    <TRNAMT>-1.00</TRNAMT>
    <NAME>Bad date</NAME>
  </STMTTRN>
</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>
"""


def test_an_sgml_ofx_file_needs_no_columns(funded, person):
    result = run_import(funded, person.user, SGML_OFX, name="card.ofx")
    assert (result.rows, result.matched, result.offered) == (2, 1, 1)
    offered = StatementLine.objects.get(status=StatementLine.Status.OFFERED)
    assert (offered.occurred_on, offered.amount, offered.description) == (
        date(2026, 11, 4),
        Decimal("-3.20"),
        "CHEMIST & CO",
    )


def test_an_xml_ofx_file_with_a_bad_date_imports_nothing(funded, person):
    result = run_import(funded, person.user, XML_OFX, name="card.ofx")
    assert result.statement.status == StatementImport.Status.REJECTED
    assert result.statement.problems == [
        "Transaction 2 (line 10): the date '20261131' is not a real date"
    ]
    good = XML_OFX.replace(b"20261131", b"20261106")
    assert run_import(funded, person.user, good, name="card.ofx").offered == 2


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffDate,Description,Amount\n04/11/2026,Café Rosé,-3.20\n".encode(),
        "Date,Description,Amount\n04/11/2026,Café Rosé,-3.20\n".encode("cp1252"),
    ],
    ids=["utf-8 with BOM", "windows-1252"],
)
def test_utf8_with_a_bom_and_windows_1252_files_are_read(funded, person, data):
    remember_columns(funded, person.user)
    run_import(funded, person.user, data)
    assert StatementLine.objects.get().description == "Café Rosé"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("statement.pdf", b"%PDF-1.7", "must be a CSV or OFX statement"),
        ("statement.xlsx", b"PK\x03\x04", "Save it as CSV first"),
        ("statement.csv", b"PK\x03\x04\x00\x00", "is not a CSV or OFX statement"),
        ("statement.csv", b"   \n", "The file is empty"),
        ("statement.csv", b"x" * (5 * 1024 * 1024 + 1), "smaller than 5 MB"),
        ("statement.csv", b"Date,Amount\n\x81\x8d\x8f,1\n", "could not read the letters"),
    ],
)
def test_files_that_are_not_statements_get_a_clear_message(dp_part, person, name, data, message):
    remember_columns(dp_part, person.user)
    with pytest.raises(DomainError, match=message):
        run_import(dp_part, person.user, data, name=name)
    assert StatementImport.objects.count() == 0


def test_a_missing_column_says_to_choose_the_columns_again(dp_part, person):
    remember_columns(dp_part, person.user)
    data = csv_file("04/11/2026,Chemist,-3.20", header="When,What,How much\n")
    with pytest.raises(DomainError, match="no column called 'Date', 'Description', 'Amount'"):
        run_import(dp_part, person.user, data)
    with pytest.raises(NeedsColumns):
        run_import(dp_part, person.user, data, choose_columns_again=True)


def test_strangers_and_providers_cannot_import(dp_part, stranger, provider_user):
    for user in (stranger, provider_user):
        with pytest.raises(DomainError, match="Only the person"):
            run_import(dp_part, user, csv_file("04/11/2026,Chemist,-3.20"))


def statement_rows(count: int, start=date(2026, 1, 1)) -> bytes:
    lines = [
        f"{(start + timedelta(days=n % 300)):%d/%m/%Y},Shop {n % 97},-{1 + n % 50}.{n % 100:02d}"
        for n in range(count)
    ]
    return csv_file(*lines)


def test_two_thousand_rows_import_well_inside_the_time_allowed(funded, person):
    remember_columns(funded, person.user)
    pay_in(funded, person.user, "5000.00", key="more")
    for n in range(40):  # some logged payments to match against
        spend(funded, person.user, f"{1 + n % 50}.{n % 100:02d}", f"s{n}", on=date(2026, 11, 3))
    data = statement_rows(2000)
    started = time.perf_counter()
    result = run_import(funded, person.user, data)
    elapsed = time.perf_counter() - started
    assert result.rows == 2000 and result.matched + result.offered == 2000
    assert StatementLine.objects.count() == 2000
    # 10,000 rows must take at most 10 s (docs/quality.md #22): 2,000 rows get a fifth of that.
    assert elapsed < 2.0, f"2,000 rows took {elapsed:.2f} s"


# The pages.


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def statements_url(budget) -> str:
    return reverse("statements:statements", kwargs={"budget_id": budget.id})


COLUMN_CHOICES = {
    "step": "columns",
    "header": ["Date", "Description", "Amount"],
    "date_column": "Date",
    "description_column": "Description",
    "amount_layout": "one",
    "amount_column": "Amount",
    "date_format": "%d/%m/%Y",
}


def test_a_person_uploads_chooses_the_columns_and_confirms_a_row(client, funded, person):
    client.force_login(person.user)
    url = statements_url(funded.budget)
    data = csv_file("04/11/2026,Chemist,-3.20", "02/11/2026,Northshire CC,600.00")
    first = client.post(url, {"file": upload("nov.csv", data)}).content.decode()
    assert (
        "Which column is which?" in first
        and '<th scope="col" class="govuk-table__header">Description</th>' in first
    )
    assert not StatementImport.objects.exists()
    response = client.post(url, {**COLUMN_CHOICES, "file": upload("nov.csv", data)}, follow=True)
    page = response.content.decode()
    assert "2 rows read: 1 match payments already logged and 1 are new for you to check" in page
    line = StatementLine.objects.get(status=StatementLine.Status.OFFERED)
    statement_url = response.redirect_chain[-1][0]
    support = funded.budget.plan.support_lines.get()
    fields = {"line": line.id, "action": "confirm", "support_line": support.pk}
    done = client.post(statement_url, fields, follow=True).content.decode()
    assert "Row 2 is logged: payment for support, £3.20 on 4 November 2026." in done
    assert "The council may ask" not in done
    txn = Transaction.objects.get(kind=Transaction.Kind.SPEND)
    assert txn.recorded_by == person.user and txn.acting_for is None
    assert txn.support_line == support and not txn.flags.exists()
    again = client.post(url, {"file": upload("nov-copy.csv", data)}).content.decode()
    assert "You imported this file on" in again and "See the statement you imported before" in again


def test_a_representative_confirms_a_row_for_the_person(
    client, funded, person, nominated_person, social_worker
):
    from ..factories import RepresentativeFactory

    RepresentativeFactory(person=person, user=nominated_person, agreed_by=social_worker)
    remember_columns(funded, person.user)
    run_import(funded, person.user, csv_file("04/11/2026,Chemist,-3.20"))
    client.force_login(nominated_person)
    client.post(reverse("people:acting_for"), {"person": person.id})
    line = StatementLine.objects.get()
    url = reverse("statements:statement", args=[funded.budget.id, line.statement.id])
    client.post(url, {"line": line.id, "action": "confirm", "support_line": "none"})
    txn = Transaction.objects.get(kind=Transaction.Kind.SPEND)
    assert txn.recorded_by == nominated_person and txn.acting_for == person


def test_a_rejected_import_lists_its_problems_on_its_page(client, funded, person):
    remember_columns(funded, person.user)
    client.force_login(person.user)
    data = csv_file("04/11/2026,Chemist,-3.20", "31/02/2026,Jo (PA),-15.00")
    page = client.post(
        statements_url(funded.budget), {"file": upload("bad.csv", data)}, follow=True
    )
    text = page.content.decode()
    assert "Nothing was imported, because some rows could not be read" in text
    assert "Row 3: the date &#x27;31/02/2026&#x27; is not a real date" in text
    assert not StatementLine.objects.exists()


@pytest.mark.parametrize(
    "name, data, message",
    [
        (None, None, "Choose the statement file"),
        ("statement.pdf", b"%PDF-1.4", "must be a CSV or OFX statement"),
        ("statement.csv", b"", "The file is empty"),
        ("statement.csv", b"\x00\x01\x02binary", "is not a CSV or OFX statement"),
        ("statement.csv", b"x" * (5 * 1024 * 1024 + 10), "smaller than 5 MB"),
        ("statement.csv", b"just one column\nvalue\n", "must name the columns"),
    ],
)
def test_bad_uploads_are_explained(client, funded, person, name, data, message):
    client.force_login(person.user)
    fields = {"file": upload(name, data)} if name else {}
    response = client.post(statements_url(funded.budget), fields)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not StatementImport.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date_column": ""}, "Choose the date column"),
        ({"amount_column": ""}, "Choose the column that has the amount"),
        (
            {"amount_layout": "two", "amount_column": ""},
            "Choose the column that has money paid out",
        ),
        ({"description_column": "Date"}, "Choose a different column from the date"),
        ({"date_column": "Nonsense"}, "Select a valid choice"),
        ({"date_format": "%s"}, "Select a valid choice"),
        ({"file": None}, "Choose the statement file again"),
        ({"file": "other"}, "different columns from the one you uploaded first"),
    ],
)
def test_bad_column_choices_are_explained_and_kept(client, funded, person, changes, message):
    client.force_login(person.user)
    fields = {**COLUMN_CHOICES, "file": upload("nov.csv", csv_file("04/11/2026,Chemist,-3.20"))}
    if changes.get("file") == "other":
        changes = {"file": upload("other.csv", b"When,What,Sum\n04/11/2026,Chemist,-3.20\n")}
    fields.update(changes)
    if fields["file"] is None:
        del fields["file"]
    response = client.post(statements_url(funded.budget), fields)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert '<option value="Description" selected>' in page or "description_column" in changes
    assert not StatementImport.objects.exists() and not StatementMapping.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"line": "x", "action": "confirm"},
        {"line": "999999", "action": "confirm"},
        {"action": "steal"},
    ],
)
def test_bad_row_decisions_change_nothing(client, funded, person, fields):
    remember_columns(funded, person.user)
    statement = run_import(funded, person.user, csv_file("04/11/2026,Chemist,-3.20")).statement
    client.force_login(person.user)
    url = reverse("statements:statement", args=[funded.budget.id, statement.id])
    page = client.post(url, {"line": StatementLine.objects.get().id, **fields}, follow=True)
    assert page.status_code == 200 and "Choose a row from the statement" in page.content.decode()
    assert StatementLine.objects.get().status == StatementLine.Status.OFFERED


def test_money_in_confirmed_without_saying_what_it_was_is_explained(client, funded, person):
    remember_columns(funded, person.user)
    statement = run_import(funded, person.user, csv_file("04/11/2026,Refund,5.00")).statement
    client.force_login(person.user)
    url = reverse("statements:statement", args=[funded.budget.id, statement.id])
    line = StatementLine.objects.get()
    page = client.post(url, {"line": line.id, "action": "confirm", "kind": "spend"}, follow=True)
    assert "Row 2: Choose what the money coming in was" in page.content.decode()
    client.post(url, {"line": line.id, "action": "confirm", "kind": "contribution"})
    assert Transaction.objects.filter(kind=Transaction.Kind.CONTRIBUTION).count() == 1


def test_import_pages_are_for_the_person_and_finance_staff(
    client, funded, person, social_worker, provider_user, other_person, finance_officer
):
    url = statements_url(funded.budget)
    for user in (social_worker, provider_user, other_person.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"file": upload("a.csv", csv_file("04/11/2026,A,-1.00"))}).status_code
            == 404
        )
    client.force_login(finance_officer)
    assert client.get(url).status_code == 200
    assert not StatementImport.objects.exists()


@pytest.mark.parametrize(
    "choice, message",
    [
        ("", "Choose the support this payment was for, or &#x27;Something not in the plan&#x27;"),
        ("12345678", "Choose the support this payment was for from the list"),
        ("x' OR 1=1", "Choose the support this payment was for from the list"),
    ],
)
def test_a_payment_out_needs_the_support_it_was_for(client, funded, person, choice, message):
    remember_columns(funded, person.user)
    statement = run_import(funded, person.user, csv_file("04/11/2026,Chemist,-3.20")).statement
    client.force_login(person.user)
    url = reverse("statements:statement", args=[funded.budget.id, statement.id])
    line = StatementLine.objects.get()
    fields = {"line": line.id, "action": "confirm", "support_line": choice}
    page = client.post(url, fields, follow=True).content.decode()
    assert f"Row 2: {message}" in page
    assert not Transaction.objects.filter(kind=Transaction.Kind.SPEND).exists()


def test_confirmed_rows_get_the_same_rule_checks_as_payments_logged_by_hand(
    client, funded, person, council
):
    from budgets.models import DisallowedSpending

    DisallowedSpending.objects.create(authority=council, label="Gambling", keywords="betting")
    remember_columns(funded, person.user)
    statement = run_import(
        funded, person.user, csv_file("04/11/2026,Betting shop,-20.00")
    ).statement
    client.force_login(person.user)
    url = reverse("statements:statement", args=[funded.budget.id, statement.id])
    fields = {"line": StatementLine.objects.get().id, "action": "confirm", "support_line": "none"}
    page = client.post(url, fields, follow=True).content.decode()
    assert "The council may ask about it:" in page
    rules = set(Transaction.objects.get(kind="spend").flags.values_list("rule", flat=True))
    assert rules == {"not_allowed", "not_in_plan"}
