"""Support lines across revisions of a plan: the same support carried from one revision to the
next (SupportLine.carried_from), so what was spent on it before a revision still counts."""

from decimal import Decimal

from .models import SupportLine, SupportPlan


def carried_lines(plan: SupportPlan) -> dict[int, int]:
    """{id of any line of the person's plans: id of the line in `plan` it became}, for the lines
    carried into `plan` (each of its own lines maps to itself). One query."""
    rows = SupportLine.objects.filter(plan__person_id=plan.person_id).values_list(
        "id", "carried_from_id", "plan_id"
    )
    carried_from = {line_id: earlier for line_id, earlier, _ in rows}
    current = {}
    for line_id in [line_id for line_id, _, plan_id in rows if plan_id == plan.pk]:
        earlier, seen = line_id, set()
        while earlier is not None and earlier not in seen:
            seen.add(earlier)
            current[earlier] = line_id
            earlier = carried_from.get(earlier)
    return current


def spent_on_plan_lines(plan: SupportPlan, spent: dict, lines=None) -> dict:
    """{line id in `plan`, None (not linked) or "earlier" (support since removed): amount}
    from {any line id or None: amount}: spending on a line's earlier versions counts for it.

    `lines`: the plan's own lines, where the caller has read them already. When all the
    spending is on them (or on no line), nothing is carried and no query is needed."""
    own = {line.id for line in lines} if lines is not None else set()
    if lines is not None and all(line_id is None or line_id in own for line_id in spent):
        carried = {line_id: line_id for line_id in own}
    else:
        carried = carried_lines(plan)
    totals: dict = {}
    for line_id, amount in spent.items():
        key = None if line_id is None else carried.get(line_id, "earlier")
        totals[key] = totals.get(key, Decimal("0.00")) + amount
    return totals
