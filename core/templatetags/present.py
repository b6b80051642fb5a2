"""Template filters for dates, money and ages (core.formats), loaded in every template."""

from django import template

from core import formats

register = template.Library()

for _name in ("long_date", "date_time", "age", "pounds"):
    register.filter(_name, getattr(formats, _name))
