"""The person's copy of their assessment as a PDF: tagged, in Arial, and fetching nothing but
the project's own static files."""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from weasyprint.urls import FatalURLFetchingError

from assessments import pdf

from .factories import completed_council_assessment, with_decision_and_budget

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def assessment(person, social_worker):
    return with_decision_and_budget(
        completed_council_assessment(person, social_worker), social_worker
    )


def _pdfinfo(data: bytes, tmp_path) -> str:
    path = tmp_path / "copy.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def _pdftext(data: bytes, tmp_path) -> str:
    path = tmp_path / "copy.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_the_copy_is_a_tagged_pdf_with_a_title(assessment, tmp_path):
    data = pdf.assessment_pdf(assessment=assessment)
    assert data.startswith(b"%PDF-1.7")
    info = _pdfinfo(data, tmp_path)
    assert "Tagged:          yes" in info
    assert "Title:           Needs assessment by the council: copy for Sam Okafor" in info
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "assessment-copy.pdf").write_bytes(data)


def test_the_copy_uses_arial_or_its_metric_twin_and_embeds_it(assessment, tmp_path):
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf.assessment_pdf(assessment=assessment))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    font_lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert font_lines, fonts
    assert all("Liberation-Sans" in line or "Arial" in line for line in font_lines), fonts
    assert all(" yes " in line for line in font_lines), "every font is embedded"


def test_the_copy_says_what_was_decided_and_how_the_budget_was_worked_out(assessment, tmp_path):
    text = _pdftext(pdf.assessment_pdf(assessment=assessment), tmp_path)
    assert "Eligible for care and support" in text
    assert "Unable to achieve 2 of the 10 outcomes" in text
    assert "£104.00" in text  # 2 outcomes × 8 points × £6.50
    assert "It may go up or down" in text
    assert "Seeing my grandchildren on Sundays." in text


def test_a_draft_copy_says_it_is_not_finished(person, social_worker, tmp_path):
    from .factories import started

    text = _pdftext(pdf.assessment_pdf(assessment=started(person, social_worker)), tmp_path)
    assert "This assessment is not finished" in text


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        f"{pdf.BASE_URL}static/../../config/settings/base.py",
        f"{pdf.BASE_URL}static/%2e%2e/%2e%2e/config/settings/base.py",
        f"{pdf.BASE_URL}static//etc/passwd",
        f"{pdf.BASE_URL}static/no-such-file.css",
        f"{pdf.BASE_URL}media/anything.png",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(pdf.ResourceRefused):
        pdf.StaticFilesOnlyFetcher().fetch(url)


def test_the_fetcher_serves_our_own_static_files():
    response = pdf.StaticFilesOnlyFetcher().fetch(f"{pdf.BASE_URL}static/build/app.css")
    assert response.content_type == "text/css"
    assert b"govuk" in response.read()


def test_a_template_that_points_elsewhere_fails_instead_of_fetching_it():
    html = '<html lang="en"><title>x</title><img src="https://example.org/x.png" alt="x"></html>'
    with pytest.raises(FatalURLFetchingError):
        pdf.render_pdf(html)


def test_a_template_may_use_our_own_static_files():
    html = (
        '<html lang="en"><title>x</title>'
        '<link rel="stylesheet" href="/static/build/app.css"></html>'
    )
    assert pdf.render_pdf(html).startswith(b"%PDF")


def test_the_person_downloads_their_copy_as_an_attachment(client, person, assessment):
    client.force_login(person.user)
    response = client.get(reverse("assessments:assessment_pdf", args=[assessment.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="needs-assessment-by-the-council-sam-okafor-'
    )
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF")


def test_a_representative_downloads_the_copy_once_acting_for_the_person(
    client, represented_person, nominated_person, social_worker
):
    assessment = completed_council_assessment(represented_person, social_worker)
    client.force_login(nominated_person)
    response = client.get(reverse("assessments:assessment_pdf", args=[assessment.id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_provider_cannot_download_the_copy(client, provider_user, assessment):
    client.force_login(provider_user)
    response = client.get(reverse("assessments:assessment_pdf", args=[assessment.id]))
    assert response.status_code == 404
