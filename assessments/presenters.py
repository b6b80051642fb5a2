"""What the assessment pages show: task list statuses, answers as rows, and what has happened.

Everything here reads what the views have already loaded (answers are passed in), so a page makes
the same number of queries however many answers there are.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .models import NeedsAssessment, Outcome, OutcomeAnswer, WellbeingArea, need_label
from .questions import (
    ABOUT,
    ADULT_SECTIONS,
    CARER_DECISION,
    CARER_HEALTH,
    CARER_OUTCOMES,
    CARER_SECTIONS,
    CARING,
    IMPAIRMENT,
    OUTCOME_SECTIONS,
    OUTCOMES,
    PREVENTION,
    WELLBEING,
    Wording,
    outcome_slug,
    outcomes_for,
)

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"
Status = NeedsAssessment.Status


def sections_for(assessment: NeedsAssessment) -> list[str]:
    """The sections this kind of assessment has, in order."""
    return CARER_SECTIONS if assessment.is_for_carer else ADULT_SECTIONS


def section_slug(section: str) -> str:
    return section.replace("_", "-")


def section_from_slug(assessment: NeedsAssessment, slug: str) -> str | None:
    """The section named in a URL, if this assessment has it (the outcomes have their own pages)."""
    section = slug.replace("-", "_")
    if section in OUTCOME_SECTIONS or section not in sections_for(assessment):
        return None
    return section


def answers_by_outcome(answers) -> dict[str, OutcomeAnswer]:
    return {answer.outcome: answer for answer in answers if answer.can_achieve is not None}


def _status(answered: list[bool]) -> str:
    if all(answered):
        return COMPLETED
    return IN_PROGRESS if any(answered) else NOT_STARTED


def section_status(assessment: NeedsAssessment, section: str, answers) -> str:
    """Not started, In progress or Completed, from what has been recorded."""
    a = assessment
    if section == ABOUT:
        return _status([bool(a.what_matters), bool(a.strengths)])
    if section == IMPAIRMENT:
        if a.needs_from_impairment is None:
            return IN_PROGRESS if a.impairment or a.fluctuation_notes else NOT_STARTED
        return COMPLETED if a.impairment or not a.needs_from_impairment else IN_PROGRESS
    if section in OUTCOME_SECTIONS:
        done = answers_by_outcome(answers)
        return _status([outcome in done for outcome in outcomes_for(assessment)])
    if section == WELLBEING:
        answered = a.wellbeing_significant is not None or a.cumulative_impact
        if not answered:
            return IN_PROGRESS if a.wellbeing_areas or a.wellbeing_notes else NOT_STARTED
        affected = a.wellbeing_significant or a.cumulative_impact
        return IN_PROGRESS if affected and not a.wellbeing_impact_timing else COMPLETED
    if section == PREVENTION:
        filled = [a.prevention_equipment, a.prevention_adaptations, a.prevention_community]
        return COMPLETED if any(filled) else NOT_STARTED
    if section == CARING:
        return _status([bool(a.caring_for), a.needs_from_caring is not None])
    if section == CARER_HEALTH:
        return COMPLETED if a.carer_health else NOT_STARTED
    raise ValueError(section)


@dataclass
class Task:
    title: str
    url: str
    status: str
    hint: str = ""


def task_list(assessment: NeedsAssessment, answers, wording: Wording) -> list[Task]:
    """The task list rows: one per section, the ten outcomes as one task."""
    tasks = []
    done = answers_by_outcome(answers)
    outcomes = outcomes_for(assessment)
    for section in sections_for(assessment):
        status = section_status(assessment, section, answers)
        if section in OUTCOME_SECTIONS:
            first_open = next((o for o in outcomes if o not in done), outcomes[0])
            url = outcome_url(assessment, first_open)
            answered = len([o for o in outcomes if o in done])
            hint = f"{answered} of {len(outcomes)} questions answered"
        else:
            url = section_url(assessment, section)
            hint = ""
        tasks.append(Task(wording.section_title(section), url, status, hint))
    return tasks


def section_url(assessment: NeedsAssessment, section: str) -> str:
    return reverse(
        "assessments:assessment_section",
        kwargs={"assessment_id": assessment.id, "section": section_slug(section)},
    )


def outcome_url(assessment: NeedsAssessment, outcome: str) -> str:
    return reverse(
        "assessments:outcome_answer",
        kwargs={"assessment_id": assessment.id, "outcome": outcome_slug(outcome)},
    )


def next_outcome(outcome: str, values=Outcome.values) -> str | None:
    position = values.index(outcome)
    return values[position + 1] if position + 1 < len(values) else None


def previous_outcome(outcome: str, values=Outcome.values) -> str | None:
    position = values.index(outcome)
    return values[position - 1] if position > 0 else None


@dataclass
class Row:
    key: str
    value: str
    change_url: str = ""


@dataclass
class AnswerSection:
    title: str
    rows: list[Row] = field(default_factory=list)


def _yes_no(value, blank: str = "Not answered") -> str:
    return blank if value is None else ("Yes" if value else "No")


def _text(value: str) -> str:
    return value or "Not answered"


def answer_sections(assessment: NeedsAssessment, answers, wording: Wording) -> list[AnswerSection]:
    """Every answer as summary-list rows, grouped by section (for check answers and the copy)."""
    builders = {
        ABOUT: _about_rows,
        IMPAIRMENT: _impairment_rows,
        OUTCOMES: _outcome_rows,
        WELLBEING: _wellbeing_rows,
        PREVENTION: _prevention_rows,
        CARING: _caring_rows,
        CARER_HEALTH: _carer_health_rows,
        CARER_OUTCOMES: _outcome_rows,
    }
    sections = []
    for section in sections_for(assessment):
        rows = builders[section](assessment, answers, wording)
        if section not in OUTCOME_SECTIONS:
            for row in rows:
                row.change_url = section_url(assessment, section)
        sections.append(AnswerSection(wording.section_title(section), rows))
    if assessment.is_for_carer and assessment.carer_eligible is not None:
        # Recorded before the carers' test was asked: shown as it was, never changed here.
        rows = _carer_rows(assessment, answers, wording)
        sections.append(AnswerSection(wording.section_title(CARER_DECISION), rows))
    return sections


def _about_rows(a, answers, w) -> list[Row]:
    return [
        Row(w.you("What matters to {name}", "What matters most to {you}"), _text(a.what_matters)),
        Row(w.you("Strengths", "What {you} {are} good at, and what helps"), _text(a.strengths)),
        Row(w.you("Circumstances", "{Your} life now"), a.circumstances or "Nothing added"),
    ]


def _impairment_rows(a, answers, w) -> list[Row]:
    return [
        Row(
            w.you(
                "Needs arise from an impairment or illness",
                "Caused by a condition, illness or disability",
            ),
            _yes_no(a.needs_from_impairment),
        ),
        Row(
            w.you("Impairment or illness", "The condition, illness or disability"),
            a.impairment or "Nothing added",
        ),
        Row(
            w.you("How needs change over time", "Good days and bad days"),
            a.fluctuation_notes or "Nothing added",
        ),
    ]


def outcome_summary(answer: OutcomeAnswer | None, wording: Wording) -> str:
    """One outcome's answer in a sentence or two."""
    if answer is None or answer.can_achieve is None:
        return "Not answered"
    if not answer.is_unable:
        summary = wording.you(
            "None of the ways of being unable: can achieve this without help",
            "None of these: {you} can do this without help",
        )
    else:
        reasons = dict(wording.unable_choices())
        severity = dict(wording.severity_choices()).get(answer.severity, "")
        why = format_html_join("; ", "{}", ((reasons.get(m, m),) for m in answer.unable_meanings))
        start = wording.you("Unable to achieve this:", "")
        summary = format_html("{} {}.", start, why).strip()
        if severity:  # a carer's outcomes have none
            summary = format_html("{} {}.", summary, severity)
    if answer.fluctuates:
        summary = format_html("{} Changes from day to day.", summary)
    if answer.notes:
        summary = format_html("{} Notes: {}", summary, answer.notes)
    return summary


def _outcome_rows(a, answers, w) -> list[Row]:
    done = answers_by_outcome(answers)
    return [
        Row(
            w.outcome_heading(outcome),
            outcome_summary(done.get(outcome), w),
            outcome_url(a, outcome),
        )
        for outcome in w.outcomes
    ]


def _wellbeing_rows(a, answers, w) -> list[Row]:
    labels = dict(w.wellbeing_choices())
    if a.wellbeing_significant:
        impact = w.you("Yes, a significant impact", "Yes, a big effect")
    elif a.cumulative_impact:
        impact = w.you(
            "Yes: several smaller needs together have a significant impact",
            "Yes: small things together have a big effect",
        )
    elif a.wellbeing_significant is False:
        impact = w.you("No significant impact", "No big effect")
    else:
        impact = "Not answered"
    areas = [labels.get(area, WellbeingArea(area).label) for area in a.wellbeing_areas]
    rows = [
        Row(w.you("Significant impact on wellbeing", "Big effect on {your} life"), impact),
        Row(w.you("Areas affected", "Parts of {your} life affected"), "; ".join(areas) or "None"),
        Row("Notes", a.wellbeing_notes or "Nothing added"),
    ]
    if a.wellbeing_significant or a.cumulative_impact:
        timing = dict(w.impact_timing_choices()).get(a.wellbeing_impact_timing, "Not recorded")
        rows.insert(1, Row(w.you("Now or likely", "Happening now or likely"), timing))
    return rows


def _prevention_rows(a, answers, w) -> list[Row]:
    return [
        Row("Equipment", a.prevention_equipment or "Nothing added"),
        Row("Adaptations to the home", a.prevention_adaptations or "Nothing added"),
        Row("Support in the community", a.prevention_community or "Nothing added"),
    ]


def _caring_rows(a, answers, w) -> list[Row]:
    return [
        Row(w.you("Who they care for, and the care", "Who {you} care{s} for"), _text(a.caring_for)),
        Row(
            w.you(
                "Needs arise from providing necessary care for an adult",
                "Caused by the care {you} give{s}",
            ),
            _yes_no(a.needs_from_caring),
        ),
    ]


def _carer_health_rows(a, answers, w) -> list[Row]:
    labels = dict(w.carer_health_choices())
    return [
        Row(
            w.you("Health deteriorating, or at risk", "Is caring making {your} health worse"),
            labels.get(a.carer_health, "Not answered"),
        ),
        Row("Notes", a.carer_health_notes or "Nothing added"),
    ]


def _carer_rows(a, answers, w) -> list[Row]:
    return [
        Row("Carer's needs are eligible", _yes_no(a.carer_eligible)),
        Row("Reason", _text(a.carer_decision_reason)),
    ]


@dataclass
class Event:
    what: str
    who: str
    when: object
    note: str = ""


STATUS_EVENTS = {
    Status.SUBMITTED: "Sent to the council",
    Status.CHANGES_REQUESTED: "Changes asked for",
    Status.COMPLETED: "Completed",
}


def timeline(assessment: NeedsAssessment, history_rows) -> list[Event]:
    """Who started, sent, asked for changes, completed and decided, and when (oldest first)."""
    events = [Event("Started", str(assessment.started_by), assessment.created_at)]
    # Changes made outside a web request have no history user: fall back to the recorded actor.
    recorded = {
        Status.SUBMITTED: assessment.submitted_by,
        Status.CHANGES_REQUESTED: None,
        Status.COMPLETED: assessment.completed_by,
    }
    previous = Status.DRAFT
    for row in history_rows:
        if row["status"] != previous and row["status"] in STATUS_EVENTS:
            who = row["history_user__full_name"] or str(recorded[row["status"]] or "The council")
            note = (
                row["changes_requested_note"] if row["status"] == Status.CHANGES_REQUESTED else ""
            )
            events.append(Event(STATUS_EVENTS[row["status"]], who, row["history_date"], note))
        previous = row["status"]
    decision = getattr(assessment, "eligibility", None)
    if decision is not None:
        events.append(Event("Eligibility decided", str(decision.decided_by), decision.decided_at))
    budget = getattr(assessment, "indicative_budget", None)
    if budget is not None:
        events.append(Event("Indicative budget recorded", str(budget.set_by), budget.updated_at))
    return events


def history_rows(assessment: NeedsAssessment):
    """The assessment's saved versions, oldest first, with only what the timeline needs."""
    return assessment.history.order_by("history_date", "history_id").values(
        "status", "history_user__full_name", "history_date", "changes_requested_note"
    )


REASON_HEADINGS = {
    # An adult: regulation 2(1).
    "impairment": "1. Needs from an impairment or illness",
    "outcomes": "2. Unable to achieve 2 or more outcomes",
    # A carer: regulation 3(1).
    "caring": "1. Needs from providing necessary care for an adult",
    "effect": "2. Health at risk, or unable to achieve 1 or more outcomes",
    # Both.
    "wellbeing": "3. Significant impact on wellbeing",
}


def reasons_in_order(reasons: dict) -> list[tuple[str, str]]:
    """The three conditions' reasons with plain headings, in the order of the regulations."""
    return [(heading, reasons[key]) for key, heading in REASON_HEADINGS.items() if key in reasons]


def outcome_labels(values) -> list[str]:
    return [need_label(value) for value in values]


def copy_context(assessment: NeedsAssessment, viewer=None) -> dict:
    """Everything in the person's copy of their assessment (the page and the PDF), in the words
    for `viewer` (without one, about the person by name)."""
    answers = list(assessment.outcome_answers.all())
    wording = Wording.for_assessment(assessment, viewer)
    decision = getattr(assessment, "eligibility", None)
    return {
        "assessment": assessment,
        "wording": wording,
        "voice": wording.voice,
        "sections": answer_sections(assessment, answers, wording),
        "decision": decision,
        "reasons": reasons_in_order(decision.reasons) if decision else [],
        "not_achieved": outcome_labels(decision.outcomes_not_achieved) if decision else [],
        "budget": getattr(assessment, "indicative_budget", None),
        "events": timeline(assessment, history_rows(assessment)),
    }
