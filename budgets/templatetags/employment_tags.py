"""Words for hours and days on the employer's pages (budgets.employment.hours)."""

from django import template

from budgets.employment import hours

register = template.Library()

register.filter("clock", hours.clock)
register.filter("hours_text", hours.hours_text)
register.filter("day_text", hours.day_text)
register.filter("week_text", hours.week_text)


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for dictionaries keyed by tuples."""
    return mapping.get(key) if mapping else None
