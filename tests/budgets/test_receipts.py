"""docs/quality.md #11: receipts are PDF, JPEG or PNG by their content (not name or browser type),
non-empty and at most 10 MB; kept outside static and media serving under a random name; served
only through an access-checked download. A bad file gets a clear message and nothing is kept,
and the payment it came with is not logged either."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from budgets.models import Receipt, Transaction
from budgets.spending import receipts
from budgets.spending import services as spending
from core.errors import DomainError

from .test_spending import _form_data, _open, entry, fund


def image(kind: str) -> bytes:
    """A real, tiny file made by Pillow: PNG, JPEG or PDF."""
    data = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(data, kind)
    return data.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


GOOD = [
    ("receipt.png", "PNG", "image/png", "png"),
    ("photo.JPG", "JPEG", "image/jpeg", "jpg"),
    ("invoice.pdf", "PDF", "application/pdf", "pdf"),
    ("no-extension", "PNG", "image/png", "png"),  # the content decides, not the name
]
BAD = {
    "a renamed program": (
        "invoice.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64,
        "application/pdf",
        receipts.WRONG_TYPE,
    ),
    "HTML disguised as a PNG": (
        "receipt.png",
        b"<html><script>alert(1)</script></html>",
        "image/png",
        receipts.WRONG_TYPE,
    ),
    "SVG (can carry scripts)": (
        "receipt.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
        receipts.WRONG_TYPE,
    ),
    "a PNG signature cut short": ("receipt.png", b"\x89PNG\r\n", "image/png", receipts.WRONG_TYPE),
    "empty": ("receipt.pdf", b"", "application/pdf", receipts.EMPTY),
    "10 MB and 1 byte": (
        "big.pdf",
        b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1 - 9),
        "application/pdf",
        receipts.TOO_BIG,
    ),
}


@pytest.mark.parametrize(("name", "kind", "content_type", "extension"), GOOD)
def test_real_pdf_jpeg_and_png_files_are_accepted_by_their_content(
    name, kind, content_type, extension
):
    content = image(kind)
    checked = receipts.check_upload(upload(name, content))
    assert (checked.content_type, checked.extension) == (content_type, extension)
    assert checked.content == content and checked.original_name == name


def test_exactly_10_mb_is_accepted():
    content = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 9)
    assert receipts.check_upload(upload("big.pdf", content)).extension == "pdf"


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_are_refused_with_a_clear_message(case):
    name, content, content_type, message = BAD[case]
    with pytest.raises(DomainError) as refused:
        receipts.check_upload(upload(name, content, content_type))
    assert refused.value.message == message


def test_names_lose_their_folders_and_control_characters():
    checked = receipts.check_upload(upload("x.png", image("PNG")))
    assert receipts._clean_name("../../etc/pass\x00wd.png") == "passwd.png"
    assert receipts._clean_name("C:\\Users\\sam\\receipt.pdf") == "receipt.pdf"
    assert checked.original_name == "x.png"


# Through the pages.


@pytest.fixture
def funded(dp_part, finance_officer):
    fund(dp_part, finance_officer)
    return dp_part


@pytest.fixture
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT / "receipts"


def _files(root: Path) -> list[Path]:
    return sorted(root.glob("*")) if root.exists() else []


def _log_with(client, part, person, name, content, content_type="image/png", rows=None):
    _open(client, person.user, person)
    data = _form_data(1, rows=rows or {1: {}})
    data["receipt_1"] = upload(name, content, content_type)
    return client.post(reverse("spending:log_payments", args=[part.budget.id]), data)


def test_a_good_receipt_is_kept_privately_under_a_random_name(client, funded, person, private_root):
    content = image("PNG")
    response = _log_with(client, funded, person, "my receipt.png", content)
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert receipt.original_name == "my receipt.png" and receipt.content_type == "image/png"
    assert receipt.stored_name != receipt.original_name and receipt.stored_name.endswith(".png")
    [stored] = _files(private_root)
    assert stored.name == receipt.stored_name and stored.read_bytes() == content
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    for public in [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]:
        assert not str(stored).startswith(str(public))


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_receipt_logs_nothing_and_keeps_nothing(client, funded, person, private_root, case):
    name, content, content_type, message = BAD[case]
    response = _log_with(client, funded, person, name, content, content_type)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert not Transaction.objects.filter(kind="spend").exists()
    assert not Receipt.objects.exists() and _files(private_root) == []


def test_a_payment_refused_after_its_receipt_was_written_leaves_no_file(
    funded, person, private_root
):
    checked = receipts.check_upload(upload("r.png", image("PNG")))
    entries = [entry(receipt=checked), entry(amount=funded.budget.weekly_total * 100)]
    with pytest.raises(DomainError, match="not enough"):
        spending.spending_log(
            part=funded, user=person.user, acting_for=None, entries=entries, submission_key="k"
        )
    assert not Receipt.objects.exists() and _files(private_root) == []


def test_a_replayed_form_keeps_no_second_copy(client, funded, person, private_root):
    _open(client, person.user, person)
    data = _form_data(1, rows={1: {}})
    url = reverse("spending:log_payments", args=[funded.budget.id])
    for _ in range(2):
        client.post(url, {**data, "receipt_1": upload("r.png", image("PNG"), "image/png")})
    assert Receipt.objects.count() == 1 and len(_files(private_root)) == 1


def test_the_download_is_an_attachment_that_is_never_sniffed(
    client, funded, person, private_root, social_worker
):
    content = image("JPEG")
    _log_with(client, funded, person, 'evil"name.jpg', content, "text/html")
    receipt = Receipt.objects.get()
    url = reverse("spending:receipt", args=[funded.budget.id, receipt.id])
    for user in [person.user, social_worker]:
        client.force_login(user)
        if user == person.user:
            client.post(reverse("people:acting_for"), {"person": person.id})
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert (
            response["Cache-Control"].startswith("no-store")
            or "no-store" in response["Cache-Control"]
        )
        assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize("who", ["provider_user", "other_la_staff", "stranger"])
def test_nobody_else_can_download_a_receipt(client, funded, person, private_root, request, who):
    _log_with(client, funded, person, "r.png", image("PNG"))
    receipt = Receipt.objects.get()
    client.force_login(request.getfixturevalue(who))
    url = reverse("spending:receipt", args=[funded.budget.id, receipt.id])
    assert client.get(url).status_code == 404


def test_a_receipt_added_later_is_checked_the_same_way(client, funded, person, private_root):
    [logged] = spending.spending_log(
        part=funded, user=person.user, acting_for=None, entries=[entry()], submission_key="k"
    )
    _open(client, person.user, person)
    url = reverse("spending:receipt_add", args=[funded.budget.id, logged.txn.id])
    empty = client.post(url, {}).content.decode()
    assert "Choose a photo or PDF of the receipt" in empty
    html = upload("r.png", b"<html></html>", "image/png")
    assert receipts.WRONG_TYPE in client.post(url, {"receipt": html}).content.decode()
    assert _files(private_root) == []
    pdf = upload("invoice.pdf", image("PDF"), "application/pdf")
    assert client.post(url, {"receipt": pdf}).status_code == 302
    assert logged.txn.receipts.get().content_type == "application/pdf"
