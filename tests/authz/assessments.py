"""Matrix entries for needs assessments. Providers never reach any of these pages (404)."""

from ..assessments.factories import (
    completed_council_assessment,
    started,
    submitted_self_assessment,
    with_decision_and_budget,
)
from . import CASE_EDIT, CASE_VIEW, PERSON, SELF, allow


def extend_scenario(scenario) -> None:
    """Sam has a council assessment in progress, a completed one with a decision and budget, and
    a self-assessment he has sent to the council."""
    sam, assessor = scenario["subject"], scenario["users"]["social_worker"]
    scenario["council_completed"] = with_decision_and_budget(
        completed_council_assessment(sam, assessor), assessor
    )
    scenario["council_draft"] = started(sam, assessor)  # a reassessment, just begun
    scenario["self_submitted"] = submitted_self_assessment(sam, sam.user)


def _assessment(name: str, **extra):
    return lambda s: {"assessment_id": s[name].id, **extra}


COMPLETED = _assessment("council_completed")
SUBMITTED = _assessment("self_submitted")

ENTRIES = {
    "assessments:person_assessments": (PERSON, allow(SELF | CASE_VIEW)),
    "assessments:assessment_start": (PERSON, allow(SELF | CASE_EDIT)),
    "assessments:assessment_detail": (COMPLETED, allow(SELF | CASE_VIEW)),
    "assessments:assessment_section": (
        _assessment("council_draft", section="about"),
        allow(CASE_EDIT),
    ),
    "assessments:outcome_answer": (
        _assessment("council_draft", outcome="personal-hygiene"),
        allow(CASE_EDIT),
    ),
    "assessments:assessment_check": (SUBMITTED, allow(SELF | CASE_VIEW)),
    "assessments:assessment_request_changes": (SUBMITTED, allow(CASE_EDIT)),
    "assessments:assessment_complete": (SUBMITTED, allow(CASE_EDIT)),
    "assessments:eligibility_decide": (COMPLETED, allow(CASE_EDIT)),
    "assessments:indicative_budget": (COMPLETED, allow(CASE_EDIT)),
    "assessments:assessment_copy": (COMPLETED, allow(SELF | CASE_VIEW)),
    "assessments:assessment_pdf": (COMPLETED, allow(SELF | CASE_VIEW)),
}
