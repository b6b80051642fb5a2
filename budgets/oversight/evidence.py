"""Evidence for a liability or a reply to a notice: checked like a receipt (PDF, JPEG or PNG by
content, not empty, 10 MB at most: budgets.spending.receipts.check_upload), kept privately
under PRIVATE_MEDIA_ROOT/evidence with a random name, downloaded only through a page that
checks access, always as an attachment."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

from core.errors import DomainError

from ..models import Evidence
from ..spending.receipts import SIGNATURES, CheckedFile


def evidence_root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "evidence"


def evidence_store(*, budget, checked: CheckedFile, user, written: list, **backs) -> Evidence:
    """Keep a checked file as evidence for `liability=` or `response=`. The path is appended to
    `written` so a caller whose database transaction fails can remove it (remove_written)."""
    root = evidence_root()
    root.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{checked.extension}"
    path = root / stored_name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(checked.content)
    written.append(path)
    return Evidence.objects.create(
        budget=budget,
        stored_name=stored_name,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=user,
        **backs,
    )


def evidence_response(evidence: Evidence) -> FileResponse:
    """The file as a download: an attachment, never sniffed or shown in the page."""
    path = evidence_root() / evidence.stored_name
    if not path.is_file():
        raise DomainError("This file is missing. Contact the council.")
    stem = os.path.splitext(evidence.original_name)[0] or "evidence"
    extension = next((ext for _, kind, ext in SIGNATURES if kind == evidence.content_type), "bin")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{stem[:100]}.{extension}",
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
