"""Receipts and invoices: checked by their content, kept privately, served only to those allowed.

A file is accepted only if its first bytes are those of a PDF, JPEG or PNG (never by its name or
the content type the browser sent), it is not empty and it is no larger than 10 MB. Accepted files
are written under PRIVATE_MEDIA_ROOT/receipts with a random name, outside static and media serving.
"""

import hashlib
import json
import os
import secrets
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

from core.errors import DomainError
from core.text import plain_text

from ..models import Receipt, Transaction

MAX_BYTES = 10 * 1024 * 1024
# (magic bytes, content type, extension). The content decides the type, nothing else.
SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
]
WRONG_TYPE = "The selected file must be a PDF, JPG or PNG"
TOO_BIG = "The selected file must be smaller than 10 MB"
EMPTY = "The selected file is empty. Choose a photo or PDF of the receipt"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, read into memory once."""

    content: bytes
    original_name: str
    content_type: str
    extension: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _clean_name(name: str) -> str:
    """The file's own name without folders, control or invisible characters, for the page."""
    base = os.path.basename((name or "").replace("\\", "/"))
    printable = "".join(ch for ch in plain_text(base) if unicodedata.category(ch)[0] != "C")
    return (printable or "receipt")[-200:]


def download_name(receipt: Receipt) -> str:
    """The name a receipt downloads under: its own name's stem with the extension its content
    has (a PNG named receipt.exe downloads as receipt.png)."""
    stem = os.path.splitext(receipt.original_name)[0] or "receipt"
    extension = next((ext for _, kind, ext in SIGNATURES if kind == receipt.content_type), "bin")
    return f"{stem[:100]}.{extension}"


def check_upload(upload) -> CheckedFile:
    """Read an uploaded file and accept it only if it is a non-empty PDF, JPEG or PNG ≤ 10 MB."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise DomainError(TOO_BIG, field="receipt")
    upload.seek(0)
    content = upload.read(MAX_BYTES + 1)
    if not content:
        raise DomainError(EMPTY, field="receipt")
    if len(content) > MAX_BYTES:
        raise DomainError(TOO_BIG, field="receipt")
    for magic, content_type, extension in SIGNATURES:
        if content.startswith(magic):
            return CheckedFile(content, _clean_name(upload.name), content_type, extension)
    raise DomainError(WRONG_TYPE, field="receipt")


def receipts_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "receipts"


def _write_new(path: Path, content: bytes) -> None:
    """Write a file that must not exist yet, readable by this process only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def receipt_store(*, txn: Transaction, checked: CheckedFile, user, written: list) -> Receipt:
    """Keep a checked file for a transaction. Appends the path to `written` so a caller whose
    database transaction fails can remove it again (nothing is kept for a payment not logged)."""
    root = receipts_root()
    root.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{checked.extension}"
    path = root / stored_name
    _write_new(path, checked.content)
    written.append(path)
    return Receipt.objects.create(
        transaction=txn,
        stored_name=stored_name,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=user,
    )


def remove_written(paths: list) -> None:
    """Remove files written for a database transaction that was rolled back."""
    for path in paths:
        Path(path).unlink(missing_ok=True)


def receipt_response(receipt: Receipt) -> FileResponse:
    """The receipt as a download: always an attachment, never sniffed or shown in the page."""
    path = receipts_root() / receipt.stored_name
    if not path.is_file():
        raise DomainError("This receipt file is missing. Contact the council.")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=download_name(receipt),
        content_type=receipt.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# A receipt chosen on a form that is shown again (another payment added, or a mistake to put
# right) is kept here, by a random token only its uploader can use, until the payment is logged.
STAGED_HOURS = 24
TOKEN_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def _staged_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "staged-receipts"


def receipt_keep(checked: CheckedFile, user) -> str:
    """Keep a checked receipt while its form is shown again; the token that finds it."""
    root = _staged_root()
    root.mkdir(parents=True, exist_ok=True)
    _forget_stale(root)
    token = secrets.token_urlsafe(24)
    _write_new(root / f"{token}.file", checked.content)
    meta = {
        "user": str(user.pk),
        "name": checked.original_name,
        "type": checked.content_type,
        "extension": checked.extension,
    }
    _write_new(root / f"{token}.json", json.dumps(meta).encode())
    return token


def receipt_kept(token: str, user) -> CheckedFile | None:
    """The receipt kept under a token for this user, or None (unknown, someone else's, stale)."""
    if not token or len(token) > 64 or not set(token) <= TOKEN_CHARS:
        return None
    root = _staged_root()
    try:
        meta = json.loads((root / f"{token}.json").read_text())
        content = (root / f"{token}.file").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != str(user.pk):
        return None
    return CheckedFile(content, meta["name"], meta["type"], meta["extension"])


def receipt_forget(token: str) -> None:
    """Remove a kept receipt once its payment is logged (or it is replaced)."""
    if token and set(token) <= TOKEN_CHARS:
        for suffix in (".file", ".json"):
            (_staged_root() / f"{token}{suffix}").unlink(missing_ok=True)


def _forget_stale(root: Path) -> None:
    cutoff = time.time() - STAGED_HOURS * 3600
    for path in root.iterdir():
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
