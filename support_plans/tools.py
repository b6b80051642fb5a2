"""The plan's person-centred tools as plain rows, for other apps (reviews carries them forward and
edits them at a review): the relationship circle, the communication chart and the
decision-making chart. Rows are dicts with the same keys as the plan's own rows."""

from .models import ChartRow, RelationshipType, SupportPlan

# The keys of a row of each tool, as the plan stores them.
CIRCLE_KEYS = ("name", "relationship_type", "how_they_know_me", "role", "lives_with_me")
COMMUNICATION_KEYS = ("first", "second", "third", "fourth")
DECISIONS_KEYS = ("first", "second", "third")
RELATIONSHIP_KINDS = RelationshipType.choices


def relationship_kind_words(value: str) -> str:
    """'Brother or sister' for 'sibling' (blank for a value the plan does not know)."""
    return dict(RELATIONSHIP_KINDS).get(value, "")


def plan_tools(plan: SupportPlan | None) -> dict[str, list[dict]]:
    """The plan's relationship circle, communication chart and decision-making chart."""
    if plan is None:
        return {"circle": [], "communication": [], "decisions": []}
    circle = [{key: getattr(r, key) for key in CIRCLE_KEYS} for r in plan.relationships.all()]
    charts = [ChartRow.Chart.COMMUNICATION, ChartRow.Chart.DECISIONS]
    rows = list(plan.chart_rows.filter(chart__in=charts))
    return {
        "circle": circle,
        "communication": [
            {key: getattr(r, key) for key in COMMUNICATION_KEYS}
            for r in rows
            if r.chart == ChartRow.Chart.COMMUNICATION
        ],
        "decisions": [
            {key: getattr(r, key) for key in DECISIONS_KEYS}
            for r in rows
            if r.chart == ChartRow.Chart.DECISIONS
        ],
    }
