"""The support plan and the one-page profile as PDFs the person can keep, print and share.

WeasyPrint renders a template. Its URL fetcher serves only the project's own static files, so a
template, or anything typed into the plan, can never make the server fetch anything else. The PDFs
are tagged PDF/UA-1 (WeasyPrint supports it since version 63) so screen readers can follow them.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .contents import plan_contents
from .models import SupportPlan

# A made-up origin: relative links resolve against it and the fetcher maps `<origin>/static/...`
# to files the staticfiles finders know. Nothing is ever fetched from it.
BASE_URL = "https://pdf.invalid/"
PDF_VARIANT = "pdf/ua-1"


class ResourceRefused(ValueError):
    """The PDF asked for something other than one of the project's static files."""


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves `<BASE_URL>/static/<path>` from the project's static files; refuses anything else."""

    def __init__(self):
        # fail_on_errors: a refused resource stops the rendering instead of being skipped quietly.
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        path = static_file(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_file(url: str) -> Path:
    """The project static file a URL names, or ResourceRefused."""
    prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    parts = urlsplit(url)
    if not url.startswith(prefix) or parts.query or parts.fragment:
        raise ResourceRefused(f"Only the service's own static files may be used: {url}")
    relative = unquote(parts.path.removeprefix(settings.STATIC_URL))
    if not relative or relative.startswith("/") or ".." in Path(relative).parts:
        raise ResourceRefused(f"Not a static file: {url}")
    found = finders.find(relative)
    if not found:
        raise ResourceRefused(f"No such static file: {url}")
    return Path(found)


def render_pdf(html: str) -> bytes:
    """A tagged, accessible PDF from HTML, fetching nothing but the project's static files."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _context(plan: SupportPlan) -> dict:
    return {"plan": plan, "person": plan.person, "produced_at": timezone.now()}


def plan_pdf(*, plan: SupportPlan) -> bytes:
    """The whole plan: what matters, outcomes, support and costs, decisions and the budget."""
    context = _context(plan) | plan_contents(plan)
    return render_pdf(render_to_string("support_plans/pdf/plan.html", context))


PROFILE_FIELDS = ["like_and_admire", "matters_to_me", "how_to_support"]


def _points(text: str) -> list[str]:
    """Each line the person wrote, as one point."""
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


def profile_pdf(*, plan: SupportPlan) -> bytes:
    """The one-page profile: what people like and admire, what matters, how best to support."""
    points = {name: _points(getattr(plan, name)) for name in PROFILE_FIELDS}
    context = _context(plan) | {"points": points}
    return render_pdf(render_to_string("support_plans/pdf/profile.html", context))


def filename(plan: SupportPlan, what: str) -> str:
    """support-plan-sam-okafor-revision-2-2026-11-24.pdf"""
    name = slugify(plan.person.display_name)
    return f"{what}-{name}-revision-{plan.revision}-{timezone.localdate()}.pdf"
