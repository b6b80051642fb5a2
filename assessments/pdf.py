"""The person's copy of their needs assessment as a PDF (Care Act s12: they must be given one).

WeasyPrint renders a template. Its URL fetcher serves only the project's own static files, so a
template (or text typed into an answer) can never make the server fetch anything else. The PDF is
tagged PDF/UA-1 so screen readers can follow it.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from core.pdf import BASE_URL, ResourceRefused, StaticFilesOnlyFetcher, render_pdf

from .models import NeedsAssessment
from .presenters import copy_context

__all__ = ["BASE_URL", "ResourceRefused", "StaticFilesOnlyFetcher", "assessment_pdf", "render_pdf"]


def assessment_pdf(*, assessment: NeedsAssessment, viewer=None) -> bytes:
    """The person's copy of their assessment, as a PDF, in the words for whoever downloads it."""
    context = {**copy_context(assessment, viewer), "produced_at": timezone.now()}
    return render_pdf(render_to_string("assessments/pdf/assessment.html", context))


def filename(assessment: NeedsAssessment) -> str:
    """needs-assessment-sam-okafor-2026-11-24.pdf"""
    day = timezone.localdate()
    return f"{slugify(assessment.get_kind_display())}-{slugify(assessment.person)}-{day}.pdf"
