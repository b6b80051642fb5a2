"""Hours on a timesheet: reading times as people type them, and checking a week's shifts.

Pure functions. A shift is a day and two times on a 24-hour clock; it finishes by midnight
(24:00). A shift past midnight is two shifts, one each side of it. Every problem is a sentence
that says how to put it right.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.formats import long_date

DAY_MINUTES = 24 * 60
WEEK_DAYS = 7
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
TIME_EXAMPLE = "like 09:00 or 17:30"


class HoursProblem(ValueError):
    """A time or a shift that cannot be right; the message says how to fix it."""


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=n) for n in range(WEEK_DAYS)]


def week_text(monday: date) -> str:
    """'2 to 8 March 2026', or '30 March to 5 April 2026' across a month."""
    sunday = monday + timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day} to {long_date(sunday)}"
    if monday.year == sunday.year:
        return f"{monday.day} {monday:%B} to {long_date(sunday)}"
    return f"{long_date(monday)} to {long_date(sunday)}"


def day_text(day: date) -> str:
    """'Monday 2 March'."""
    return f"{day:%A} {day.day} {day:%B}"


def parse_time(text: str, *, finish: bool = False) -> int:
    """Minutes after midnight from '9', '09:30', '9.30', '9:30pm' or (to finish) '24:00'."""
    found = TIME.match((text or "").strip())
    if not found:
        raise HoursProblem(f"Enter the time on a 24-hour clock, {TIME_EXAMPLE}")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    half = (found.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise HoursProblem(f"Enter the time on a 24-hour clock, {TIME_EXAMPLE}")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise HoursProblem(f"Enter a real time on a 24-hour clock, {TIME_EXAMPLE}")
    if hour == 24 and not finish:
        raise HoursProblem("A shift cannot start at 24:00: enter 00:00 on the next day")
    return hour * 60 + minute


def clock(minutes: int) -> str:
    """09:30 from 570 minutes after midnight."""
    return f"{minutes // 60:02}:{minutes % 60:02}"


def hours_text(minutes: int) -> str:
    """'7.5 hours', '1 hour', '45 minutes'."""
    if minutes < 60 and minutes % 60:
        return f"{minutes} minutes"
    value = Decimal(minutes) / 60
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{shown} hour{'' if value == 1 else 's'}"


@dataclass(frozen=True)
class Shift:
    day: date
    starts: int
    ends: int

    @property
    def minutes(self) -> int:
        return self.ends - self.starts


def check_shift(n: int, day: date, starts: int, ends: int) -> Shift:
    """One shift, or a HoursProblem naming it (shift n)."""
    if ends == starts:
        raise HoursProblem(
            f"Shift {n} starts and finishes at {clock(starts)}: enter the time it finished"
        )
    if ends < starts:
        raise HoursProblem(
            f"Shift {n} finishes ({clock(ends)}) before it starts ({clock(starts)}). "
            "For a shift past midnight, enter two shifts: one finishing at 24:00, and one "
            "starting at 00:00 the next day"
        )
    return Shift(day, starts, ends)


def check_week(monday: date, shifts: list[Shift]) -> list[str]:
    """Problems with a week's shifts as a whole: days outside the week, more than 24 hours in
    a day, and shifts that overlap. An empty list means the week is fine."""
    days = set(week_days(monday))
    problems = []
    outside = sorted({s.day for s in shifts if s.day not in days})
    if outside:
        shown = ", ".join(long_date(day) for day in outside)
        problems.append(
            f"A timesheet covers one week of 7 days, {week_text(monday)}: {shown} "
            f"{'is' if len(outside) == 1 else 'are'} not in it. Put those hours on the "
            "timesheet for that week"
        )
    for day in sorted({s.day for s in shifts if s.day in days}):
        on_day = sorted((s for s in shifts if s.day == day), key=lambda s: s.starts)
        if sum(s.minutes for s in on_day) > DAY_MINUTES:
            problems.append(f"The shifts on {day_text(day)} add up to more than 24 hours")
            continue
        for earlier, later in zip(on_day, on_day[1:], strict=False):
            if later.starts < earlier.ends:
                problems.append(
                    f"Two shifts on {day_text(day)} overlap: {clock(earlier.starts)} to "
                    f"{clock(earlier.ends)} and {clock(later.starts)} to {clock(later.ends)}. "
                    "Change the times so each hour is entered once"
                )
    return problems


def check_holiday_hours(value: Decimal) -> None:
    if value < 0:
        raise HoursProblem("Holiday hours cannot be less than 0. Enter 0 if none was taken")
    if value > WEEK_DAYS * 24:
        raise HoursProblem("Holiday hours cannot be more than 168, the hours in a week")
