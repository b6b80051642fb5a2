"""The support plan and the one-page profile as PDFs the person can keep, print and share.

WeasyPrint renders a template. Its URL fetcher serves only the project's own static files, so a
template, or anything typed into the plan, can never make the server fetch anything else. The PDFs
are tagged PDF/UA-1 (WeasyPrint supports it since version 63) so screen readers can follow them.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from core.pdf import BASE_URL, ResourceRefused, StaticFilesOnlyFetcher, render_pdf

from .contents import plan_contents
from .models import SupportPlan

__all__ = ["BASE_URL", "ResourceRefused", "StaticFilesOnlyFetcher", "plan_pdf", "render_pdf"]


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
