"""PDFs for every app: WeasyPrint renders HTML, fetching nothing but the project's static files.

The URL fetcher serves only the project's own static files, so a template, or text a person typed,
can never make the server fetch anything else. PDFs are tagged PDF/UA-1 so screen readers can
follow them. The same function serves download views and background tasks.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A made-up origin: relative links in the template resolve against it, and the fetcher maps
# `<origin>/static/...` to files the staticfiles finders know. Nothing is ever fetched from it.
BASE_URL = "https://pdf.invalid/"
PDF_VARIANT = "pdf/ua-1"


class ResourceRefused(ValueError):
    """The PDF asked for something other than one of the project's static files."""


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves `<BASE_URL>/static/<path>` from the project's static files; refuses anything else."""

    def __init__(self):
        # fail_on_errors: a refused resource stops the rendering rather than being skipped quietly.
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        return URLFetcherResponse(url, self.static_file(url).read_bytes(), self._headers(url))

    @staticmethod
    def static_file(url: str) -> Path:
        """The static file a URL names, or ResourceRefused."""
        prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        parts = urlsplit(url)
        if not url.startswith(prefix) or parts.query or parts.fragment:
            raise ResourceRefused(f"Only the service's own static files may be used: {url}")
        relative = unquote(parts.path.removeprefix(settings.STATIC_URL))
        if not relative or ".." in Path(relative).parts or relative.startswith("/"):
            raise ResourceRefused(f"Not a static file: {url}")
        found = finders.find(relative)
        if not found:
            raise ResourceRefused(f"No such static file: {url}")
        return Path(found)

    @staticmethod
    def _headers(url: str) -> dict:
        content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
        return {"Content-Type": content_type}


def render_pdf(html: str) -> bytes:
    """A tagged, accessible PDF from HTML, fetching nothing but the project's static files."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)
