"""Matrix entries for needs assessments. Providers never reach any of these pages (404)."""

from assessments import services
from assessments.models import NeedsAssessment

from ..assessments.factories import (
    completed_council_assessment,
    fill_in_carer,
    started,
    submitted_self_assessment,
    with_decision_and_budget,
)
from . import CASE_EDIT, CASE_VIEW, PERSON, SELF, allow

Kind = NeedsAssessment.Kind


def extend_scenario(scenario) -> None:
    """Sam has a council assessment in progress, a completed one with a decision and budget, and
    a self-assessment he has sent to the council."""
    sam, assessor = scenario["subject"], scenario["users"]["social_worker"]
    scenario["council_completed"] = with_decision_and_budget(
        completed_council_assessment(sam, assessor), assessor
    )
    scenario["council_draft"] = started(sam, assessor)  # a reassessment, just begun
    scenario["self_submitted"] = submitted_self_assessment(sam, sam.user)
    # Sam also cares for his wife: a carer's assessment in each state, for CARER_VARIANTS.
    carer = services.needs_assessment_complete(
        assessment=fill_in_carer(started(sam, assessor, Kind.CARER), assessor), user=assessor
    )
    scenario["carer_completed"] = carer  # not decided: Sam's plan meets his own eligible needs
    scenario["carer_draft"] = started(sam, assessor, Kind.CARER)
    scenario["carer_self_submitted"] = services.needs_assessment_submit(
        assessment=fill_in_carer(started(sam, sam.user, Kind.CARER_SELF), sam.user), user=sam.user
    )


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

# The same pages for a carer's assessment (the carers' test, its own sections and outcomes):
# each role must get the same answer as for the adult's assessment in ENTRIES.
CARER_VARIANTS = {
    "assessments:assessment_detail": _assessment("carer_completed"),
    "assessments:assessment_section": _assessment("carer_draft", section="caring"),
    "assessments:outcome_answer": _assessment("carer_draft", outcome="carer-home"),
    "assessments:assessment_check": _assessment("carer_self_submitted"),
    "assessments:assessment_request_changes": _assessment("carer_self_submitted"),
    "assessments:assessment_complete": _assessment("carer_self_submitted"),
    "assessments:eligibility_decide": _assessment("carer_completed"),
    "assessments:assessment_copy": _assessment("carer_completed"),
    "assessments:assessment_pdf": _assessment("carer_completed"),
}
