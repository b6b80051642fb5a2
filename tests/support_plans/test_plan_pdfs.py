"""The plan and the one-page profile as PDFs: downloaded, tagged, in the person's words, private."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from weasyprint.urls import FatalURLFetchingError

from support_plans import pdf, services
from support_plans.models import ApprovalDecision
from tests.builders import ready_plan

# Text is read back with poppler-utils (pdftotext, pdfinfo): `apt-get install poppler-utils`.
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed"
)

PROFILE = {
    "like_and_admire": "My terrible jokes\nI never forget a birthday",
    "matters_to_me": "My dog Bess and our walks by the canal",
    "how_to_support": "Talk to me, not about me",
}


@pytest.fixture
def approved_plan(eligible_person, social_worker, approver):
    plan = ready_plan(eligible_person, eligible_person.user)
    services.plan_save_section(
        plan=plan, user=eligible_person.user, section="profile", data=PROFILE
    )
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    plan.refresh_from_db()
    return plan


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "download.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
    return " ".join(result.stdout.decode().split())


def pdf_info(content: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


@pytest.mark.parametrize("name", ["plan_pdf", "profile_pdf"])
def test_person_downloads_a_pdf_as_an_attachment(client, approved_plan, name):
    client.force_login(approved_plan.person.user)
    response = client.get(reverse(f"plans:{name}", args=[approved_plan.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "sam-okafor-revision-1" in disposition
    assert response.content.startswith(b"%PDF")


@needs_poppler
def test_plan_pdf_has_the_persons_words_and_the_budget(client, approved_plan, tmp_path):
    client.force_login(approved_plan.person.user)
    content = client.get(reverse("plans:plan_pdf", args=[approved_plan.id])).content
    words = pdf_text(content, tmp_path)
    assert "Sam Okafor's support plan" in words
    assert "Revision 1: Approved" in words
    assert "I want to get washed and dressed by 9" in words
    assert "My sister covers if my PA is ill" in words
    assert "£150.00 a week, paid every 4 weeks, in advance" in words
    assert "My dog Bess and our walks by the canal" in words


@needs_poppler
def test_profile_pdf_is_one_page_in_the_persons_words(client, approved_plan, tmp_path):
    client.force_login(approved_plan.person.user)
    content = client.get(reverse("plans:profile_pdf", args=[approved_plan.id])).content
    words = pdf_text(content, tmp_path)
    for heading in ["What people like and admire about me", "What matters to me"]:
        assert heading in words
    assert "How best to support me" in words
    assert "I never forget a birthday" in words
    assert "Talk to me, not about me" in words
    info = pdf_info(content, tmp_path)
    assert "Pages: 1" in " ".join(info.split())


@needs_poppler
@pytest.mark.parametrize("name", ["plan_pdf", "profile_pdf"])
def test_pdfs_are_tagged_for_screen_readers(approved_plan, tmp_path, name):
    content = getattr(pdf, name)(plan=approved_plan)
    info = " ".join(pdf_info(content, tmp_path).split())
    assert "Tagged: yes" in info
    assert "Title: Sam Okafor" in info


@pytest.mark.parametrize("name", ["plan_pdf", "profile_pdf"])
def test_providers_and_strangers_cannot_download(
    client, approved_plan, provider_user, other_provider_user, other_la_staff, stranger, name
):
    url = reverse(f"plans:{name}", args=[approved_plan.id])
    for user in [provider_user, other_provider_user, other_la_staff, stranger]:
        client.force_login(user)
        assert client.get(url).status_code == 404, user


def test_council_staff_and_representatives_can_download(
    client, approved_plan, finance_officer, nominated_person, social_worker
):
    from people.models import Representative
    from tests.factories import RepresentativeFactory

    RepresentativeFactory(
        person=approved_plan.person,
        user=nominated_person,
        agreed_by=social_worker,
        kind=Representative.Kind.NOMINATED,
    )
    url = reverse("plans:plan_pdf", args=[approved_plan.id])
    client.force_login(finance_officer)
    assert client.get(url).content.startswith(b"%PDF")
    client.force_login(nominated_person)
    client.post(reverse("people:acting_for"), {"person": approved_plan.person.id})
    assert client.get(url).content.startswith(b"%PDF")


@needs_poppler
def test_text_in_the_plan_cannot_make_the_pdf_fetch_anything(approved_plan, tmp_path):
    revision = services.plan_revise(
        plan=approved_plan, user=approved_plan.person.user, reason="New"
    )
    revision = services.plan_save_section(
        plan=revision,
        user=revision.person.user,
        section="profile",
        data={"like_and_admire": '<img src="https://evil.example/x.png"> <b>bold</b>'},
    )
    words = pdf_text(pdf.profile_pdf(plan=revision), tmp_path)
    assert '<img src="https://evil.example/x.png"> <b>bold</b>' in words


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/x.png",
        "file:///etc/passwd",
        "https://pdf.invalid/static/../../config/settings/base.py",
        "https://pdf.invalid/static/build/app.css?x=1",
        "https://pdf.invalid/media/receipt.pdf",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(pdf.ResourceRefused):
        pdf.StaticFilesOnlyFetcher().fetch(url)


def test_a_template_asking_for_an_outside_resource_stops_the_render():
    with pytest.raises(FatalURLFetchingError):
        pdf.render_pdf('<html lang="en"><title>x</title><img src="https://evil.example/x.png">')


def test_the_fetcher_serves_our_own_static_files():
    response = pdf.StaticFilesOnlyFetcher().fetch("https://pdf.invalid/static/js/init.js")
    assert response.headers["Content-Type"] in {"text/javascript", "application/javascript"}
