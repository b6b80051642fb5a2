"""The council's short list: only the employer's checks that matter to it (pay below the
minimum wage, no employer's liability insurance, a DBS check missing or too old, holiday not
being taken), with the person's own explanation. Never every timesheet.

Worked out for every budget of the council's in a fixed number of queries, whatever its size.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from people.council_settings.services import council_settings_in_force_for

from ..models import PersonalBudget
from .checks import Check, Facts, checks_from, decided_relationships, wage_rates
from .models import CheckExplanation, Employer, Worker
from .summaries import holidays_for


@dataclass(frozen=True)
class CouncilException:
    budget: PersonalBudget
    check: Check
    explanation: CheckExplanation | None


def _budgets(user, authority_ids, today: date):
    current = Worker.objects.exclude(left_on__lt=today)
    return (
        PersonalBudget.objects.visible_to(user)
        .filter(
            person__local_authority_id__in=authority_ids,
            status=PersonalBudget.Status.ACTIVE,
            workers__engagement=Worker.Engagement.EMPLOYED,
        )
        .distinct()
        .select_related("person", "plan")
        .prefetch_related("plan__relationships", Prefetch("workers", queryset=current))
        .order_by("person__last_name", "person__first_name")
    )


def council_exceptions(user, authority_ids, today: date | None = None) -> list[CouncilException]:
    """Each check that needs the council's look, person by person."""
    today = today or timezone.localdate()
    budgets = list(_budgets(user, authority_ids, today))
    workers = [w for b in budgets for w in b.workers.all()]
    settings = council_settings_in_force_for(list(authority_ids), today)
    employers = {e.budget_id: e for e in Employer.objects.filter(budget__in=budgets)}
    rates, holidays = wage_rates(), holidays_for(workers, today)
    decided = decided_relationships(workers)
    said = {
        (e.budget_id, e.worker_id, e.check_code): e
        for e in CheckExplanation.objects.filter(budget__in=budgets).select_related("explained_by")
    }
    found = []
    for budget in budgets:
        facts = Facts(
            today=today,
            rates=rates,
            dbs_years=settings[budget.person.local_authority_id].dbs_max_age_years,
            employer=employers.get(budget.id),
            plan=budget.plan,
            workers=list(budget.workers.all()),
            holidays=holidays,
            decided=decided,
        )
        for check in checks_from(facts):
            if check.council_sees:
                found.append(CouncilException(budget, check, said.get((budget.id, *check.key))))
    return found
