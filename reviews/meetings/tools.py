"""The plan's other person-centred tools at a review: the relationship circle, the communication
chart and the decision-making chart. The record starts from the plan in force (or the last
review, when that is newer), is edited at the meeting and keeps its own copy; a revision the
review starts begins with it (support_plans.services.plan_revision_start_from_review)."""

from dataclasses import dataclass

from core.errors import DomainError
from support_plans.tools import RELATIONSHIP_KINDS, plan_tools, relationship_kind_words

from ..models import ReviewMeeting, ReviewRecord
from .services import latest_approved_plan

SPARE_ROWS = 2  # empty rows under each tool on the form, to add someone or something new


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # on the form; "{name}" is the person's name
    heading: str  # on the record, in the person's own voice as the plan has it
    limit: int = 1000
    kind: str = "text"  # text, choice (how someone is related) or yes (a tick box)


@dataclass(frozen=True)
class Tool:
    key: str  # as support_plans.tools names it
    field: str  # the ReviewRecord field that keeps it
    title: str
    intro: str
    row: str  # "{n}" is the row's number
    remove: str  # the tick box that takes a row carried forward out
    columns: tuple[Column, ...]

    @property
    def first(self) -> Column:
        return self.columns[0]


TOOLS = (
    Tool(
        "circle",
        "circle",
        "Relationship circle",
        "The people in {name}'s life.",
        "Person {n}",
        "Take them out of {name}'s circle",
        (
            Column("name", "Their name", "Name", 150),
            Column(
                "relationship_type",
                "How are they related to {name}?",
                "How they are related",
                kind="choice",
            ),
            Column("how_they_know_me", "How they know {name} (optional)", "How they know me", 200),
            Column("role", "Their role in {name}'s life (optional)", "Their role in my life", 200),
            Column("lives_with_me", "They live with {name}", "Lives with me", kind="yes"),
        ),
    ),
    Tool(
        "communication",
        "communication_chart",
        "Communication chart",
        "How {name} lets people know what they want or how they feel.",
        "Row {n}",
        "Take this row out of the chart",
        (
            Column("first", "When this happens", "When this happens"),
            Column("second", "{name} does this", "I do this"),
            Column("third", "It means", "It means"),
            Column("fourth", "And you should", "And you should"),
        ),
    ),
    Tool(
        "decisions",
        "decision_chart",
        "Decision-making chart",
        "The decisions in {name}'s life, how they want to be involved in each, and who makes "
        "the final decision.",
        "Row {n}",
        "Take this row out of the chart",
        (
            Column("first", "The decision", "The decision"),
            Column("second", "How {name} must be involved", "How I must be involved"),
            Column("third", "Who makes the final decision", "Who makes the final decision"),
        ),
    ),
)
KINDS = dict(RELATIONSHIP_KINDS)


def _last_review_record(meeting: ReviewMeeting) -> ReviewRecord | None:
    return (
        ReviewRecord.objects.filter(
            meeting__person=meeting.person, meeting__status=ReviewMeeting.Status.COMPLETED
        )
        .exclude(meeting=meeting)
        .order_by("-decided_at")
        .first()
    )


def starting_point(meeting: ReviewMeeting):
    """Where a new record's one-page profile and tools start: the last review's record when it
    was decided after the plan in force was written (and did not start that plan), else the
    plan. None when there is neither."""
    plan = latest_approved_plan(meeting.person)
    last = _last_review_record(meeting)
    if last is not None and (
        plan is None or (last.decided_at > plan.created_at and last.revision_id != plan.id)
    ):
        return last
    return plan


def starting_tools(meeting: ReviewMeeting) -> dict[str, list[dict]]:
    """The rows each tool starts with on the record form."""
    record = getattr(meeting, "record", None)
    source = record if record is not None else starting_point(meeting)
    if isinstance(source, ReviewRecord):
        return tools_of(source)
    return plan_tools(source)


def tools_of(record: ReviewRecord) -> dict[str, list[dict]]:
    """The record's own tools, keyed as support_plans.tools keys them."""
    return {tool.key: list(getattr(record, tool.field) or []) for tool in TOOLS}


def _row_checked(tool: Tool, n: int, row: dict) -> dict | None:
    """A row as kept (None for an empty one or one taken out), or a DomainError naming the box
    to fix."""
    if row.get("remove"):
        return None
    kept = {}
    for column in tool.columns:
        value = row.get(column.key)
        kept[column.key] = bool(value) if column.kind == "yes" else str(value or "").strip()
    if not any(v for k, v in kept.items() if k != "lives_with_me"):
        return None
    where = f"{tool.title}, {tool.row.format(n=n + 1).lower()}"
    if not kept[tool.first.key]:
        what = "their name" if tool.key == "circle" else f"'{tool.first.label.lower()}'"
        raise DomainError(
            f"{where}: fill in {what}, or clear the row", field=f"{tool.key}_{n}_{tool.first.key}"
        )
    if tool.key == "circle" and kept["relationship_type"] not in KINDS:
        raise DomainError(
            f"{where}: choose how {kept['name']} is related",
            field=f"{tool.key}_{n}_relationship_type",
        )
    for column in tool.columns:
        if column.kind == "text" and len(kept[column.key]) > column.limit:
            raise DomainError(
                f"{where}: keep this to {column.limit:,} characters or fewer",
                field=f"{tool.key}_{n}_{column.key}",
            )
    return kept


def tools_checked(tools: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each tool's rows as the record keeps them: empty rows dropped, every other row complete."""
    checked = {}
    for tool in TOOLS:
        rows = [_row_checked(tool, n, row) for n, row in enumerate(tools.get(tool.key) or [])]
        checked[tool.key] = [row for row in rows if row is not None]
    return checked


@dataclass(frozen=True)
class ShownTool:
    title: str
    headings: list[str]
    rows: list[list[str]]


def tools_shown(record: ReviewRecord) -> list[ShownTool]:
    """Each tool as a table for the record's page and PDF, headed as the plan heads it."""
    shown = []
    for tool in TOOLS:
        rows = [
            [_cell(column, row.get(column.key)) for column in tool.columns]
            for row in getattr(record, tool.field) or []
        ]
        shown.append(ShownTool(tool.title, [c.heading for c in tool.columns], rows))
    return shown


def _cell(column: Column, value) -> str:
    if column.kind == "choice":
        return relationship_kind_words(value)
    if column.kind == "yes":
        return "Yes" if value else "No"
    return value or ""
