"""A person's change history in plain English: who, acting for whom, when, what changed.

Two kinds of record go into it. Versions of a record (django-simple-history rows) are compared
with the version before, field by field. Events (a payment posted, a statement imported) happen
once and are never changed: each is one entry with its details. Other apps add theirs with
`register_history_source` from their AppConfig.ready(), so people imports none of them.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from core.formats import date_time, long_date, pounds

from .models import Organisation, Person, ProviderConsent, Representative, User

# What a person reading the history can filter by, in the order the filter offers them.
KINDS = {
    "personal": "Personal details",
    "assessments": "Assessments",
    "plan": "Support plan",
    "money": "Money",
}
# The kind of an app's records, when it registers without naming one.
APP_KINDS = {
    "people": "personal",
    "assessments": "assessments",
    "support_plans": "plan",
    "budgets": "money",
}

HIDDEN_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "person",
    "local_authority",
    "assessment",
    "plan",
    "previous",
    "transaction",
    "rates",
    "mig_base",
    "table",
}

# Labels for fields whose own names do not read well. "Model.field" wins over "field".
FIELD_LABELS = {
    "weekly_total": "Total a week",
    "weekly_la_share": "Council's share a week",
    "weekly_contribution": "Contribution a week",
    "weekly_direct_payment": "Direct payment a week",
    "direct_payment_frequency": "How often the direct payment is paid",
    "computed_weekly": "Indicative budget a week, as worked out",
    "override_weekly": "Indicative budget a week, as changed by the council",
    "override_reason": "Why the council changed it",
    "weekly_cost_of_care": "Cost of care a week",
    "weekly_charge": "Contribution a week",
    "capital": "Savings and capital",
    "full_cost": "Pays the full cost",
    "result_reason": "Reason for the result",
    "result_steps": "How the contribution was worked out",
    "explanation": "How it was worked out",
    "computed_eligible": "Eligible under the national rules",
    "assessor_agrees": "The assessor agrees",
    "disagreement_reason": "Why the assessor disagrees",
    "outcomes_not_achieved": "Outcomes they cannot achieve",
    "changes_requested_note": "Changes asked for",
    "disregarded": "Left out of the assessment",
    "disregard_reason": "Why it is left out",
    "capacity_assessed_on": "Date capacity was judged",
    "user": "Signs in as",
    "kind": "Kind",
    "legal_reference": "Reference for the legal basis",
    "dishonesty_declaration": "Declaration about convictions for dishonesty",
    "declaration_details": "Details of the declaration",
    "starts_on": "Start date",
    "ends_on": "End date",
    "agreed_on": "Date the council agreed it",
    "agreed_by": "Agreed by",
    "revoked_at": "Ended",
    "revoked_by": "Ended by",
    "revoke_reason": "Why it ended",
    "given_at": "Given",
    "given_by": "Given by",
    "withdrawn_at": "Withdrawn",
    "withdrawn_by": "Withdrawn by",
    "started_by": "Started by",
    "created_by": "Started by",
    "submitted_at": "Sent to the council",
    "submitted_by": "Sent by",
    "checked_at": "Checked",
    "checked_by": "Checked by",
    "completed_at": "Completed",
    "completed_by": "Completed by",
    "decided_at": "Decided",
    "decided_by": "Decided by",
    "set_by": "Recorded by",
    "provider_kind": "Kind of provider",
    "quantity_per_week": "How much a week",
    "unit_cost": "Cost of each",
    "weeks_a_year": "Weeks a year it runs",
    "management": "How the money is managed",
    "dp_holder": "Who holds the direct payment",
    "account_type": "Kind of account",
    "payee": "Paid to",
    "necessary_decided_by": "Decided necessary by",
    "necessary_decided_at": "Decided necessary on",
    "relationship_type": "Kind of relationship",
    "in_my_words": "In my words",
    "eligible_needs": "Eligible needs it meets",
    "first": "First column",
    "second": "Second column",
    "third": "Third column",
    "fourth": "Fourth column",
    "answered_at": "Answered",
    "answered_by": "Answered by",
    "answer": "The council's answer",
    "raised_by": "Raised by",
    "referred_by": "Referred by",
    "referred_to": "Referred to",
    "RuleFlag.rule": "What the question is about",
    "RuleFlag.message": "Question",
    "RuleFlag.explanation": "Explanation",
    "explained_by": "Explained by",
    "resolution": "The council's decision",
    "resolved_by": "Resolved by",
    "resolved_at": "Resolved",
}
# Decimal fields that are not amounts of money.
NOT_MONEY = {"quantity_per_week"}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Detail:
    label: str
    value: str


@dataclass
class HistoryEntry:
    when: datetime
    actor: User | None
    acting_for: Person | None
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    kind: str = "personal"

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class HistoryEvents:
    """Records that are events in themselves (money posted, a statement imported): each row
    is one entry. `when` names the row's datetime field; `entry(row)` words it."""

    rows: QuerySet
    when: str
    entry: Callable[[models.Model], HistoryEntry]


_other_sources: list[tuple[Callable, str]] = []


def register_history_source(source, *, kind: str | None = None) -> None:
    """Let another app add its records to a person's history.

    `source(person)` returns a list of (historical queryset, model, subject function) for that
    person, and may also return HistoryEvents. `kind` (one of KINDS) is what the history can be
    filtered by; it defaults to the registering app's. Apps register in AppConfig.ready(), so
    people imports none of them.
    """
    kind = kind or APP_KINDS.get(source.__module__.split(".")[0], "personal")
    if kind not in KINDS:
        raise ValueError(f"History kind must be one of {sorted(KINDS)}, not {kind!r}")
    _other_sources.append((source, kind))


def _own_records(person: Person) -> list:
    return [
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


def person_history(
    person: Person,
    *,
    kinds: set[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[HistoryEntry]:
    """Every recorded change to the person and everything held about them, newest first:
    only the `kinds` asked for (all of them by default), on or between the dates given."""
    kinds = set(KINDS) if kinds is None else kinds
    sources = [(_own_records, "personal")] + _other_sources
    versions, entries = [], []
    for source, kind in sources:
        if kind not in kinds:
            continue
        for item in source(person):
            if isinstance(item, HistoryEvents):
                entries += _events(item, kind, since, until)
            else:
                queryset, model, subject = item
                rows = queryset.select_related("history_user", "history_acting_for").order_by(
                    "history_date"
                )
                versions.extend((row, model, subject, kind) for row in rows)
    entries += _entries(versions, _related_names(versions))
    entries = [entry for entry in entries if _on_or_between(entry.when, since, until)]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _on_or_between(when: datetime, since: date | None, until: date | None) -> bool:
    day = timezone.localtime(when).date()
    return (since is None or day >= since) and (until is None or day <= until)


def _events(events: HistoryEvents, kind: str, since, until) -> list[HistoryEntry]:
    rows = events.rows
    if since:
        rows = rows.filter(**{f"{events.when}__date__gte": since})
    if until:
        rows = rows.filter(**{f"{events.when}__date__lte": until})
    found = []
    for row in rows:
        entry = events.entry(row)
        entry.kind = kind
        found.append(entry)
    return found


def _entries(records, names) -> list[HistoryEntry]:
    previous: dict = {}
    entries = []
    for row, model, subject, kind in records:
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
                kind=kind,
            )
        )
    return entries


def field_label(model, model_field) -> str:
    """What a field is called in the history: the label map, else its verbose name."""
    name = model_field.name
    label = FIELD_LABELS.get(f"{model.__name__}.{name}") or FIELD_LABELS.get(name)
    return label or str(model_field.verbose_name).capitalize()


def _changes(model, before, after, names) -> list[Change]:
    delta = after.diff_against(before)
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS or change.field.endswith("_currency"):
            continue
        model_field = model._meta.get_field(change.field)
        changes.append(
            Change(
                label=field_label(model, model_field),
                before=show(model, model_field, change.old, names),
                after=show(model, model_field, change.new, names),
            )
        )
    return changes


def show(model, model_field, value, names=None) -> str:
    """A stored value as a person would read it."""
    if value in (None, "", [], {}):
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return (names or {}).get(str(value), "(see the record)")
    if isinstance(model_field, models.JSONField):
        return _show_json(model, value)
    if isinstance(value, datetime):
        return date_time(value)
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Decimal) and model_field.name not in NOT_MONEY:
        return pounds(value)
    return str(value)


def _show_json(model, value) -> str:
    """A list of choices as their labels joined by commas; other JSON as its words."""
    if isinstance(value, dict):
        return " ".join(str(item) for item in value.values() if item not in (None, ""))
    if not isinstance(value, list):
        return str(value)
    if all(isinstance(item, str) for item in value):
        labels = _choice_labels(model, value)
        return ", ".join(labels.get(item, _humanise(item)) for item in value)
    return "; ".join(
        ", ".join(str(part) for part in item.values() if part not in (None, ""))
        if isinstance(item, dict)
        else str(item)
        for item in value
    )


def _choice_labels(model, values: list[str]) -> dict:
    """Labels for a list of choice values kept as JSON: from the choices, defined or imported
    in the model's own module, that hold every one of the values."""
    module = sys.modules.get(model.__module__)
    for candidate in vars(module).values() if module else ():
        if (
            isinstance(candidate, type)
            and issubclass(candidate, models.Choices)
            and set(values) <= set(candidate.values)
        ):
            return dict(candidate.choices)
    return {}


def _humanise(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _related_names(records) -> dict:
    """Names for the users and organisations that history rows point at, in two queries."""
    user_ids, org_ids = set(), set()
    for row, model, _subject, _kind in records:
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
