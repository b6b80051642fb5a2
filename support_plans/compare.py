"""Side-by-side comparison of two revisions of a support plan: what changed."""

from dataclasses import dataclass

from .contents import how_often
from .costing import cost_of, plan_totals
from .models import SupportPlan
from .services import PLAN_TEXT_FIELDS


@dataclass
class Difference:
    what: str
    before: str
    after: str


def _line_summary(line) -> str:
    cost = cost_of(line)
    every = "one-off" if line.unit == "one_off" else "a week"
    amount = cost.one_off or cost.weekly
    return f"{how_often(line)}: £{amount:,.2f} {every}; {line.get_management_display().lower()}"


def _keyed(items, key, show) -> dict:
    return {key(item): show(item) for item in items}


def _compare_sets(label: str, old: dict, new: dict) -> list[Difference]:
    differences = []
    for key in sorted(set(old) | set(new)):
        before, after = (
            old.get(key, "(not in this revision)"),
            new.get(key, "(not in this revision)"),
        )
        if before != after:
            differences.append(Difference(f"{label}: {key}", before, after))
    return differences


def compare_revisions(old: SupportPlan, new: SupportPlan) -> list[Difference]:
    """Every difference between two revisions: sections, outcomes, support lines and totals."""
    differences = [
        Difference(
            str(SupportPlan._meta.get_field(name).verbose_name).capitalize(),
            getattr(old, name) or "(blank)",
            getattr(new, name) or "(blank)",
        )
        for name in PLAN_TEXT_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    differences += _compare_sets(
        "Outcome",
        _keyed(old.outcomes.all(), lambda o: o.in_my_words, lambda o: "included"),
        _keyed(new.outcomes.all(), lambda o: o.in_my_words, lambda o: "included"),
    )
    differences += _compare_sets(
        "Support",
        _keyed(old.support_lines.all(), lambda s: s.description, _line_summary),
        _keyed(new.support_lines.all(), lambda s: s.description, _line_summary),
    )
    old_total, new_total = (
        plan_totals(old.support_lines.all()),
        plan_totals(new.support_lines.all()),
    )
    if old_total != new_total:
        differences.append(
            Difference("Total a year", f"£{old_total.annual:,.2f}", f"£{new_total.annual:,.2f}")
        )
    return differences
