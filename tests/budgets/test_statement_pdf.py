"""The audit statement PDF (issue 12): a tagged table a screen reader can follow, with every
line of the account and what each column means; and the renderer's shortcuts that keep a
1,000-line statement fast (tests/perf/test_statement_pdf_speed.py) still in effect."""

import gc
import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from decimal import Decimal

import pytest
import tinyhtml5
import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.urls import FatalURLFetchingError

from budgets.audit import services
from budgets.audit.figures import Line, statement_figures
from core import pdf

from .pdf_structure import body_rows, tag_tree
from .test_audit_statements import history  # noqa: F401  (the fixture)

COLUMNS = ["Date", "What", "In", "Out", "Balance", "Evidence"]


def test_every_line_is_a_row_of_a_tagged_table_under_its_column_headers(
    history,  # noqa: F811
    tmp_path,
):
    budget = history.budget
    figures = statement_figures(budget, budget.starts_on, budget.starts_on)
    tree = tag_tree(services.statement_pdf(figures), tmp_path, with_text=True)
    [heads] = [head for head in tree.find("THead") if head.find("TH")[0].text == "Date"]
    assert [th.text for th in heads.find("TH")] == COLUMNS
    rows = [[cell.text for cell in row] for row in body_rows(tree, len(COLUMNS))]
    day = f"{budget.starts_on.day} {budget.starts_on:%B %Y}"
    assert rows[0] == [day, "Opening balance", "", "", "£0.00", ""]
    assert rows[1] == [
        day,
        "Payment from the council. Paid by the council.",
        "£600.00",
        "",
        "£600.00",
        "",
    ]
    assert rows[2][1].startswith("Paid Jo") and rows[2][1].endswith("Logged by Samuel Okafor.")
    assert rows[2][3:] == ["£45.50", "£554.50", "No receipt"]
    assert rows[3][1].startswith("Correction of 'Paid Jo") and "Typed twice." in rows[3][1]
    assert rows[3][3:5] == ["-£45.50", "£600.00"]
    assert rows[4][1] == "Paid Northby Taxis. Not linked to support in the plan. " + (
        "Logged by Samuel Okafor."
    )
    assert rows[-1] == [
        day,
        "Closing balance, and the money in and out in the period",
        "£600.00",
        "£12.00",
        "£588.00",
        "",
    ]
    assert len(rows) == len(figures.lines) + 2
    headers = {
        attribute for row in body_rows(tree, 6) for cell in row for attribute in cell.attributes
    }
    assert len(headers) == len(COLUMNS) and all(h.startswith("/Headers") for h in headers)


@pytest.mark.parametrize(
    ("what", "detail", "recorded", "description"),
    [
        (
            "Paid Jo",
            "For: Personal assistant",
            "Logged by Sam",
            "Paid Jo. For: Personal assistant. Logged by Sam.",
        ),
        ("Refund", "", "Logged by Sam", "Refund. Logged by Sam."),
        (
            "Paid Ann",
            "Was it two hours?",
            "Logged by Jo for Sam",
            "Paid Ann. Was it two hours? Logged by Jo for Sam.",
        ),
        ("Paid Bo", "Cash. ", "", "Paid Bo. Cash."),
    ],
)
def test_a_line_reads_as_one_run_of_short_sentences(what, detail, recorded, description):
    line = Line(date(2025, 4, 1), what, detail, None, Decimal("1.00"), Decimal("0"), "", recorded)
    assert line.description == description


def test_the_render_pauses_the_cyclic_collector_and_gives_it_back():
    assert gc.isenabled()
    assert pdf.render_pdf('<html lang="en"><title>x</title><p>x</p></html>').startswith(b"%PDF")
    assert gc.isenabled()
    with pytest.raises(FatalURLFetchingError):
        pdf.render_pdf('<html lang="en"><title>x</title><img src="https://evil.example/x.png">')
    assert gc.isenabled()
    gc.disable()
    try:
        pdf.render_pdf('<html lang="en"><title>x</title><p>x</p></html>')
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_lean_user_agent_stylesheet_is_still_the_one_used():
    """If WeasyPrint renames the hook or rewrites its stylesheet, this fails, rather than every
    PDF quietly becoming slower again."""
    assert "_ua_stylesheets" in vars(weasyprint.HTML)
    assert pdf.UNIVERSAL_PSEUDO_ELEMENTS.search(pdf.UA)
    assert not pdf.UNIVERSAL_PSEUDO_ELEMENTS.search(pdf.LEAN_UA)
    assert re.search(r"^li::marker ", pdf.LEAN_UA, re.MULTILINE)
    sheets = pdf.LeanHTML("<p>x</p>")._ua_stylesheets()
    assert pdf.LEAN_UA_STYLESHEET in sheets and weasyprint.html.UA_STYLESHEET not in sheets


def test_the_lean_document_is_set_up_as_weasyprint_sets_up_its_own():
    """LeanHTML sets what weasyprint.HTML's own constructor sets: if WeasyPrint adds or renames
    one, this fails rather than a PDF breaking."""
    theirs = weasyprint.HTML(string="<p>x</p>", base_url=pdf.BASE_URL)
    ours = pdf.LeanHTML("<p>x</p>")
    assert vars(ours).keys() == vars(theirs).keys()
    assert (ours.base_url, ours.media_type) == (theirs.base_url, theirs.media_type)


def test_well_formed_html_is_read_by_the_quick_parser_and_the_rest_by_the_html_one():
    well_formed = (
        '<html lang="en"><head><meta charset="utf-8" /></head><body><p>A<br />B</p></body></html>'
    )
    tree = pdf.document_tree(well_formed)
    assert isinstance(tree, ElementTree.Element) and tree.find("body/p/br") is not None
    loose = '<html lang="en"><title>x</title><p>A<br>B &nbsp;C</html>'
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring(loose)
    assert pdf.document_tree(loose).find("body/p/br") is not None
    assert pdf.render_pdf(loose).startswith(b"%PDF")


def test_both_parsers_read_a_statement_as_the_same_tree(history):  # noqa: F811
    """The quick path changes nothing WeasyPrint is given: same elements, attributes and text."""
    budget = history.budget
    figures = statement_figures(budget, budget.starts_on, budget.starts_on)
    context = {"f": figures, "person": budget.person, "produced_at": timezone.now()}
    html = render_to_string("budgets/audit/statement.html", context)

    def shape(root):
        return [
            (el.tag, el.attrib, (el.text or "").strip(), (el.tail or "").strip())
            for el in root.iter()
            if isinstance(el.tag, str)  # the HTML parser keeps comments; neither renders them
        ]

    quick = pdf.document_tree(html)
    assert isinstance(quick, ElementTree.Element)
    assert shape(quick) == shape(tinyhtml5.parse(html, namespace_html_elements=False))
