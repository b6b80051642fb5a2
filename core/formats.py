"""Dates, money and ages in plain English: one of each, for Python code and for templates."""

from datetime import date, datetime

from django.utils import timezone


def long_date(value) -> str:
    """24 November 2026 (a datetime is shown as its local date)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def date_time(value) -> str:
    """24 November 2026 at 3:05pm."""
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


def clock_time(value) -> str:
    """3:05pm, local time; with the date too (24 November 2026 at 3:05pm) if not today."""
    local = timezone.localtime(value)
    if local.date() != timezone.localdate():
        return date_time(value)
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def age(born: date | None) -> str:
    """Whole years from the date of birth to today."""
    if not born:
        return ""
    today = timezone.localdate()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


def pounds(value) -> str:
    """£1,234.50 from a Money or a Decimal; -£5.00 below zero; "" for nothing."""
    if value is None or value == "":
        return ""
    amount = getattr(value, "amount", value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
