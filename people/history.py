"""A person's change history in plain English: who, acting for whom, when, what changed."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models

from core.formats import date_time, long_date

from .models import Organisation, Person, ProviderConsent, Representative, User

HIDDEN_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "person",
    "local_authority",
    "assessment",
    "plan",
}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    actor: User | None
    acting_for: Person | None
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)


_other_sources = []


def register_history_source(source) -> None:
    """Let another app add its records to a person's history.

    `source(person)` returns a list of (historical queryset, model, subject function) for that
    person. Apps register in their AppConfig.ready(), so people imports none of them.
    """
    _other_sources.append(source)


def person_history(person: Person) -> list[HistoryEntry]:
    """Every recorded change to the person and everything held about them, newest first."""
    sources = [
        (person.history.all(), Person, lambda r: "Personal details"),
        (
            Representative.history.filter(person_id=person.id),
            Representative,
            lambda r: f"Representative: {r.full_name}",
        ),
        (
            ProviderConsent.history.filter(person_id=person.id),
            ProviderConsent,
            lambda r: "Consent for a provider to see outcomes",
        ),
    ]
    sources += [item for source in _other_sources for item in source(person)]
    records = []
    for queryset, model, subject in sources:
        rows = queryset.select_related("history_user", "history_acting_for").order_by(
            "history_date"
        )
        records.extend((row, model, subject) for row in rows)
    names = _related_names(records)
    entries = _entries(records, names)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _entries(records, names) -> list[HistoryEntry]:
    previous: dict = {}
    entries = []
    for row, model, subject in records:
        before = previous.get((model, row.id))
        previous[(model, row.id)] = row
        entries.append(
            HistoryEntry(
                when=row.history_date,
                actor=row.history_user,
                acting_for=row.history_acting_for,
                subject=subject(row),
                action={"+": "Added", "~": "Changed", "-": "Removed"}[row.history_type],
                changes=_changes(model, before, row, names) if before else [],
            )
        )
    return entries


def _changes(model, before, after, names) -> list[Change]:
    delta = after.diff_against(before)
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS:
            continue
        model_field = model._meta.get_field(change.field)
        changes.append(
            Change(
                label=str(model_field.verbose_name).capitalize(),
                before=_show(model_field, change.old, names),
                after=_show(model_field, change.new, names),
            )
        )
    return changes


def _show(model_field, value, names) -> str:
    """A stored value as a person would read it."""
    if value in (None, ""):
        return "(blank)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return names.get(str(value), "(see the record)")
    if isinstance(value, datetime):
        return date_time(value)
    if isinstance(value, date):
        return long_date(value)
    return str(value)


def _related_names(records) -> dict:
    """Names for the users and organisations that history rows point at, in two queries."""
    user_ids, org_ids = set(), set()
    for row, model, _subject in records:
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.ForeignKey):
                value = getattr(row, model_field.attname, None)
                if value and model_field.related_model is User:
                    user_ids.add(value)
                elif value and model_field.related_model is Organisation:
                    org_ids.add(value)
    names = {
        str(pk): name
        for pk, name in User.objects.filter(id__in=user_ids).values_list("id", "full_name")
    }
    names.update(
        {
            str(pk): name
            for pk, name in Organisation.objects.filter(id__in=org_ids).values_list("id", "name")
        }
    )
    return names
