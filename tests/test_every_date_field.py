"""Issue 10 item 5: every date anyone can type goes through the one GOV.UK date field, and a
20-digit day, month or year gets a plain message, never a 500."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateField

APPS = ["people", "assessments", "support_plans", "budgets", "notifications", "reviews"]
HUGE = "9" * 20


def _form_classes():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "migrations" in info.name or info.name.endswith((".tests", ".demo")):
                continue
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def _date_fields():
    found = []
    for cls in _form_classes():
        for name, field in getattr(cls, "base_fields", {}).items():
            if isinstance(field, (forms.DateField, forms.DateTimeField, forms.MultiValueField)):
                found.append((f"{cls.__module__}.{cls.__name__}.{name}", field))
    return found


DATE_FIELDS = _date_fields()


def test_the_date_fields_were_found():
    assert len(DATE_FIELDS) >= 8  # the issue counted 8 forms with dates


@pytest.mark.parametrize("where,field", DATE_FIELDS, ids=[w for w, _ in DATE_FIELDS])
def test_every_date_is_the_one_date_field(where, field):
    assert isinstance(field, DateField), f"{where} is not core.forms.DateField"


@pytest.mark.parametrize("where,field", DATE_FIELDS, ids=[w for w, _ in DATE_FIELDS])
@pytest.mark.parametrize(
    "typed", [[HUGE, "1", "2026"], ["1", HUGE, "2026"], ["1", "1", HUGE], ["1e5", "1", "2026"]]
)
def test_a_huge_number_gets_a_plain_message(where, field, typed):
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert "must be a real date, for example" in " ".join(refused.value.messages)
