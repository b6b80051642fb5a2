"""Words and tables for review meeting pages, messages and the record's PDF: when and where,
everyone's answers side by side with the person's own view first, and the budget review."""

from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from core.formats import long_date

from ..models import BudgetReviewLine, ReviewAnswer, ReviewMeeting, ReviewRecord

Place = ReviewMeeting.Place
ZERO = Decimal("0.00")
SHORT_PERIOD_DAYS = 28  # under 4 weeks, a payment made in advance skews planned against spent
# The review questions, as a table of answers heads its rows.
QUESTIONS = [
    ("important_now", "What is important now"),
    ("important_future", "What will be important in future"),
    ("healthy_safe", "What is needed to stay healthy, safe and well supported"),
    ("working", "What is working"),
    ("not_working", "What is not working"),
    ("questions", "Questions to be answered"),
]


def time_words(value: time) -> str:
    """10:30am, 2pm, 12 noon."""
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    hour = value.hour % 12 or 12
    minutes = f":{value:%M}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def place_words(meeting: ReviewMeeting) -> str:
    """'at home', 'online, by video call (link to follow)', or the place named."""
    if meeting.place == Place.OTHER:
        return f"at {meeting.place_details}"
    words = {Place.HOME: "at home", Place.ONLINE: "online, by video call", Place.PHONE: "by phone"}
    found = words[meeting.place]
    return f"{found} ({meeting.place_details})" if meeting.place_details else found


def when_words(meeting: ReviewMeeting) -> str:
    """Tuesday 3 March 2027 at 10:30am."""
    return f"{meeting.meets_on:%A} {long_date(meeting.meets_on)} at {time_words(meeting.meets_at)}"


@dataclass(frozen=True)
class Perspective:
    """One person's answers before the meeting, and whose view it is."""

    who: str
    answer: ReviewAnswer
    is_the_persons_own: bool


def perspectives(meeting: ReviewMeeting, *, you: bool = False) -> list[Perspective]:
    """Every answer given, the person's own view first, then each invitee's in the order they
    were invited."""
    found = []
    answers = sorted(
        meeting.answers.select_related("invitee"),
        key=lambda a: (a.invitee_id is not None, a.invitee.created_at if a.invitee else 0),
    )
    for answer in answers:
        if answer.invitee is None:
            who = "Your own view" if you else f"{meeting.person.display_name}'s own view"
            found.append(Perspective(who, answer, True))
        else:
            found.append(Perspective(answer.invitee.described, answer, False))
    return found


def side_by_side(views: list[Perspective]) -> list[tuple[str, list[str]]]:
    """[(question, [each perspective's answer, in the same order])], questions nobody answered
    left out."""
    rows = []
    for name, label in QUESTIONS:
        cells = [getattr(view.answer, name) for view in views]
        if any(cells):
            rows.append((label, cells))
    return rows


@dataclass(frozen=True)
class BudgetLines:
    """The budget review's rows, as the meeting saw them (stored) or as they stand (live)."""

    by_support: list
    by_outcome: list
    days: int = 0  # how many days the figures cover

    @property
    def planned(self) -> Decimal:
        return sum((row.planned for row in self.by_support), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((row.spent for row in self.by_support), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.planned - self.spent

    @property
    def verdict(self) -> str:
        """Whether spending kept to the plan over the period, in plain sentences."""
        if self.difference > 0:
            said = (
                f"£{self.difference:,.2f} less was spent than the plan allowed for this time: "
                "an underspend."
            )
        elif self.difference < 0:
            said = (
                f"£{-self.difference:,.2f} more was spent than the plan allowed for this time: "
                "the support may cost more than the budget gives."
            )
        else:
            said = "Spending matched what the plan allowed for this time."
        if 0 < self.days < SHORT_PERIOD_DAYS and self.difference:
            said += (
                f" This covers only {self.days} day{'s' if self.days != 1 else ''}, so support "
                "paid for in advance, or not yet paid for, can make the difference look bigger "
                "than it is."
            )
        return said


def stored_budget(record: ReviewRecord) -> BudgetLines:
    """The budget lines the record kept."""
    lines = list(record.budget_lines.all())
    return BudgetLines(
        by_support=[row for row in lines if row.kind == BudgetReviewLine.Kind.SUPPORT],
        by_outcome=[row for row in lines if row.kind == BudgetReviewLine.Kind.OUTCOME],
        days=(record.budget_to - record.budget_from).days + 1,
    )


DECIDED = [
    ("no_change", "no change"),
    ("revise_plan", "the support plan will be revised"),
    ("reassess", "a reassessment starts"),
    ("budget_change", "the budget will change"),
    ("dp_change", "the direct payment arrangements will change"),
]


def decided_words(record: ReviewRecord) -> str:
    """'the support plan will be revised; the budget will change': what the review decided."""
    return "; ".join(words for name, words in DECIDED if getattr(record, name))
