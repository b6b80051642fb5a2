"""The National Minimum Wage and National Living Wage: which band a worker is in on a day, and
the least they may be paid an hour then. Pure functions: the rates come in as data
(WageRate rows, or Rate values in tests), never constants here.

The rules (https://www.gov.uk/national-minimum-wage-rates): the National Living Wage is for
workers aged 21 and over; 18 to 20 and under 18 have their own rates; an apprentice gets the
apprentice rate while under 19, or in the first year of the apprenticeship, and the rate for
their age after that. Rates change on 1 April each year.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .models import RateBand, Worker

AgeBand = Worker.AgeBand


@dataclass(frozen=True)
class Rate:
    band: str
    from_date: date
    hourly: Decimal
    source: str = ""


@dataclass(frozen=True)
class AgeAnswers:
    """What the employer told us about a worker's age: only what the rate depends on."""

    age_band: str
    born: date | None = None
    apprenticeship_from: date | None = None


def answers_of(worker) -> AgeAnswers:
    return AgeAnswers(worker.age_band, worker.date_of_birth, worker.apprenticeship_started_on)


def age_on(born: date, day: date) -> int:
    """Whole years from the date of birth to the day (a 29 February birthday counts on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return date(start.year + years, 3, 1)


def _band_for_age(age: int) -> str:
    if age >= 21:
        return RateBand.AGED_21_AND_OVER
    return RateBand.AGED_18_TO_20 if age >= 18 else RateBand.UNDER_18


def band_on(answers: AgeAnswers, day: date) -> str:
    """The worker's band on the day worked."""
    if answers.age_band == AgeBand.ADULT or answers.born is None:
        return RateBand.AGED_21_AND_OVER
    age = age_on(answers.born, day)
    if answers.age_band == AgeBand.APPRENTICE:
        first_year = answers.apprenticeship_from is None or day < _anniversary(
            answers.apprenticeship_from, 1
        )
        if age < 19 or first_year:
            return RateBand.APPRENTICE
    return _band_for_age(age)


def rate_on(rates, band: str, day: date) -> Rate | None:
    """The rate in force for the band on the day: the latest that started on or before it."""
    found = [r for r in rates if r.band == band and r.from_date <= day]
    return max(found, key=lambda r: r.from_date) if found else None


def minimum_on(rates, answers: AgeAnswers, day: date) -> Rate | None:
    """The least this worker may be paid an hour for work on the day."""
    return rate_on(rates, band_on(answers, day), day)


@dataclass(frozen=True)
class Shortfall:
    """A day worked at less than the minimum for the worker's band that day."""

    day: date
    minimum: Rate


def days_below_minimum(rates, answers: AgeAnswers, hourly: Decimal, days) -> list[Shortfall]:
    """Each day worked (in order) on which `hourly` is less than the minimum then."""
    found = []
    for day in sorted(set(days)):
        minimum = minimum_on(rates, answers, day)
        if minimum is not None and hourly < minimum.hourly:
            found.append(Shortfall(day, minimum))
    return found


def next_rise(rates, answers: AgeAnswers, hourly: Decimal, today: date, within_days: int = 92):
    """The first day in the coming months on which `hourly` falls below the minimum (a new
    April's rate, or a birthday that moves the worker up a band), or None."""
    changes = sorted({r.from_date for r in rates if today < r.from_date})
    if answers.born is not None and answers.age_band != AgeBand.ADULT:
        changes += [_anniversary(answers.born, n) for n in (18, 19, 21)]
    if answers.apprenticeship_from is not None:
        changes.append(_anniversary(answers.apprenticeship_from, 1))
    for day in sorted(d for d in changes if today < d <= _days_after(today, within_days)):
        minimum = minimum_on(rates, answers, day)
        if minimum is not None and hourly < minimum.hourly:
            return Shortfall(day, minimum)
    return None


def _days_after(day: date, days: int) -> date:
    from datetime import timedelta

    return day + timedelta(days=days)
