"""The employer's checks: what keeps a person who employs personal assistants, and the people
they employ, safe and within the law. Each check says, kindly, what to do about it.

Checks are worked out from the records each time, never stored. A few matter to the council
too (COUNCIL_SEES): pay below the minimum wage, no employer's liability insurance, a DBS
check missing or too old, holiday not being taken. The council sees only those, with the
person's own explanation, never every timesheet.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import prefetch_related_objects
from django.utils import timezone

from core.formats import long_date, pounds
from people.council_settings.services import council_settings_in_force_for

from ..spending.rules import restricted_relative
from . import minimum_wage
from .holiday import anniversary, not_being_taken
from .models import CheckCode, Employer, RateBand, WageRate, Worker, WorkerLine
from .rates import ensure_wage_rates
from .summaries import holidays_for

ACT, SOON, TIP = "act", "soon", "tip"
LEVELS = {ACT: "Do this now", SOON: "Coming up", TIP: "Good to know"}
SOON_DAYS = 30
HMRC_STATUS_TOOL = "https://www.gov.uk/guidance/check-employment-status-for-tax"
COUNCIL_SEES = {CheckCode.MINIMUM_WAGE, CheckCode.INSURANCE, CheckCode.DBS, CheckCode.HOLIDAY}


@dataclass(frozen=True)
class Check:
    code: str
    level: str
    title: str
    todo: str
    worker: Worker | None = None
    due_on: date | None = None

    @property
    def level_label(self) -> str:
        return LEVELS[self.level]

    @property
    def council_sees(self) -> bool:
        return self.level == ACT and self.code in COUNCIL_SEES

    @property
    def key(self) -> tuple:
        """What an explanation is recorded against: the worker (or none) and the check."""
        return (self.worker.id if self.worker else None, self.code)


@dataclass
class Facts:
    """Everything the checks read for one budget, loaded once."""

    today: date
    rates: list
    dbs_years: int
    employer: Employer | None
    plan: object
    workers: list
    holidays: dict = field(default_factory=dict)
    decided: dict = field(default_factory=dict)  # worker id: relationship ids decided for


def wage_rates() -> list[minimum_wage.Rate]:
    """Every National Minimum Wage rate held, as data (the published ones, if none are)."""
    rows = list(WageRate.objects.all())
    if not rows:
        ensure_wage_rates()
        rows = list(WageRate.objects.all())
    return [minimum_wage.Rate(r.band, r.from_date, r.hourly, r.source) for r in rows]


def current_workers(budget, today: date):
    """People working for the budget today or starting later (not those who have left)."""
    return [w for w in budget.workers.all() if w.left_on is None or w.left_on >= today]


def facts_for(budget, today: date | None = None) -> Facts:
    today = today or timezone.localdate()
    authority_id = budget.person.local_authority_id
    settings = council_settings_in_force_for([authority_id], today)[authority_id]
    workers = current_workers(budget, today)
    prefetch_related_objects([budget.plan], "relationships")
    return Facts(
        today=today,
        rates=wage_rates(),
        dbs_years=settings.dbs_max_age_years,
        employer=Employer.objects.filter(budget=budget).first(),
        plan=budget.plan,
        workers=workers,
        holidays=holidays_for(workers, today),
        decided=decided_relationships(workers),
    )


def decided_relationships(workers) -> dict:
    """{worker id: ids of the relationships a council decision covers on the lines they do}."""
    decided: dict = {}
    rows = WorkerLine.objects.filter(worker__in=workers).select_related("line")
    for row in rows:
        if row.line.necessary_decision.strip() and row.line.payee_id:
            decided.setdefault(row.worker_id, set()).add(row.line.payee_id)
    return decided


def employer_checks(budget, today: date | None = None) -> list[Check]:
    """Every check for the budget's employer, the most urgent first."""
    return checks_from(facts_for(budget, today))


def checks_from(facts: Facts) -> list[Check]:
    found = []
    employed = [w for w in facts.workers if w.is_employed]
    if employed:
        found += _insurance(facts)
    for worker in facts.workers:
        if worker.is_employed:
            found += _for_employee(worker, facts)
        elif worker.engagement == Worker.Engagement.SELF_EMPLOYED:
            found += _status(worker)
        found += _relative(worker, facts)
    if employed:
        found += _payroll(facts)
    order = {ACT: 0, SOON: 1, TIP: 2}
    return sorted(found, key=lambda c: (order[c.level], c.due_on or facts.today))


def _for_employee(worker, facts: Facts) -> list[Check]:
    return [
        *_minimum_wage(worker, facts),
        *_dbs(worker, facts),
        *_contract(worker, facts),
        *_right_to_work(worker, facts),
        *_holiday(worker, facts),
        *_good_practice(worker),
    ]


def _minimum_wage(worker, facts: Facts) -> list[Check]:
    answers = minimum_wage.answers_of(worker)
    day = max(facts.today, worker.starts_on)
    now = minimum_wage.minimum_on(facts.rates, answers, day)
    if now is not None and worker.hourly_rate < now.hourly:
        band = RateBand(now.band).label.lower()
        return [
            Check(
                CheckCode.MINIMUM_WAGE,
                ACT,
                f"{worker.name} is paid {pounds(worker.hourly_rate)} an hour: less than the "
                f"minimum wage for them, {pounds(now.hourly)} an hour ({band}).",
                f"Raise {worker.first_name}'s hourly rate to at least {pounds(now.hourly)} on "
                f"their page, and pay them the difference for any hours already worked at the "
                "lower rate. Every employer must pay at least the minimum wage; your council's "
                "direct payments team can help.",
                worker,
            )
        ]
    rise = minimum_wage.next_rise(facts.rates, answers, worker.hourly_rate, facts.today)
    if rise is None:
        return []
    return [
        Check(
            CheckCode.MINIMUM_WAGE,
            SOON,
            f"From {long_date(rise.day)} the minimum wage for {worker.name} is "
            f"{pounds(rise.minimum.hourly)} an hour.",
            f"Raise {worker.first_name}'s hourly rate to at least {pounds(rise.minimum.hourly)} "
            f"from {long_date(rise.day)}. If the direct payment will not cover it, tell the "
            "council now so the budget can be looked at.",
            worker,
            rise.day,
        )
    ]


def dbs_due_on(worker, years: int) -> date | None:
    return anniversary(worker.dbs_checked_on, years) if worker.dbs_checked_on else None


def _dbs(worker, facts: Facts) -> list[Check]:
    due = dbs_due_on(worker, facts.dbs_years)
    if due is None:
        return [
            Check(
                CheckCode.DBS,
                ACT,
                f"There is no DBS check recorded for {worker.name}.",
                f"A DBS check tells you whether {worker.first_name} has a criminal record or is "
                "barred from working with adults who need care. Ask for an enhanced check with a "
                "check of the adults' barred list: the council's direct payments team can tell "
                "you how. Then record the date on the certificate here.",
                worker,
            )
        ]
    years = f"{facts.dbs_years} year{'s' if facts.dbs_years != 1 else ''}"
    if due <= facts.today:
        return [
            Check(
                CheckCode.DBS,
                ACT,
                f"{worker.name}'s DBS check is from {long_date(worker.dbs_checked_on)}: "
                f"more than {years} ago.",
                f"Your council asks for a new DBS check every {years}. Ask "
                f"{worker.first_name} to apply for a new one (or look them up on the DBS "
                "Update Service if they have joined it), then record the new date here.",
                worker,
                due,
            )
        ]
    if due <= facts.today + timedelta(days=SOON_DAYS * 2):
        return [
            Check(
                CheckCode.DBS,
                SOON,
                f"{worker.name}'s DBS check needs renewing by {long_date(due)}.",
                f"Ask {worker.first_name} to apply for a new check now: it can take a few weeks.",
                worker,
                due,
            )
        ]
    return []


def _contract(worker, facts: Facts) -> list[Check]:
    given = worker.contract_issued_on
    if given is not None and given <= worker.starts_on:
        return []
    if given is not None:
        return [
            Check(
                CheckCode.CONTRACT,
                TIP,
                f"{worker.name}'s contract was given on {long_date(given)}, after their first "
                f"day ({long_date(worker.starts_on)}).",
                "Nothing more to do now. Next time, give the contract on or before the first day.",
                worker,
            )
        ]
    started = worker.starts_on <= facts.today
    return [
        Check(
            CheckCode.CONTRACT,
            ACT if started else SOON,
            f"{worker.name} {'started' if started else 'starts'} on "
            f"{long_date(worker.starts_on)} and no written contract is recorded.",
            "The law says an employee gets a written statement of their job, pay, hours and "
            "holiday (a contract) on or before their first day. Your council's direct payments "
            "support service or a payroll provider can give you a template. Give "
            f"{worker.first_name} a copy, keep one, and record the date here.",
            worker,
            worker.starts_on,
        )
    ]


def _right_to_work(worker, facts: Facts) -> list[Check]:
    checked = worker.right_to_work_checked_on
    if checked is not None:
        return []
    started = worker.starts_on <= facts.today
    return [
        Check(
            CheckCode.RIGHT_TO_WORK,
            ACT if started else SOON,
            f"{worker.name}'s right to work in the UK is not recorded as checked.",
            f"Before someone starts work, check they are allowed to work in the UK: see "
            f"{worker.first_name}'s passport, or their share code on GOV.UK, keep a copy, and "
            "record the date here.",
            worker,
            worker.starts_on,
        )
    ]


def _holiday(worker, facts: Facts) -> list[Check]:
    holiday = facts.holidays.get(worker.id)
    if holiday is None or not not_being_taken(holiday):
        return []
    return [
        Check(
            CheckCode.HOLIDAY,
            ACT,
            f"{worker.name} has taken {holiday.taken_hours} of the {holiday.built_up_hours} "
            f"hours of paid holiday built up since {long_date(holiday.year_start)}.",
            f"Everyone needs time off, and the law gives {worker.first_name} 5.6 weeks a year. "
            "Agree some dates with them, and record the holiday on their timesheets: it is paid "
            "at their usual rate.",
            worker,
        )
    ]


def _good_practice(worker) -> list[Check]:
    found = []
    if not worker.references.strip():
        found.append(
            Check(
                CheckCode.REFERENCES,
                TIP,
                f"No references are recorded for {worker.name}.",
                "References from a past employer help you feel sure about someone. Note who "
                "gave them and when.",
                worker,
            )
        )
    if not worker.backup_cover.strip():
        found.append(
            Check(
                CheckCode.COVER,
                TIP,
                f"There is no emergency cover recorded for when {worker.name} cannot come.",
                "Plan who helps if they are ill or on holiday: another PA, family, or an agency. "
                "Your support plan's contingency plan can say the same.",
                worker,
            )
        )
    return found


SELF_EMPLOYED_SIGNS = ["own_business", "decides_how", "can_send_substitute", "own_insurance"]


def looks_employed(worker) -> bool:
    """Most answers about what makes someone self-employed are 'No' or 'Not sure'."""
    answers = [getattr(worker, name) for name in SELF_EMPLOYED_SIGNS + ["invoices"]]
    return sum(answer == Worker.Answer.YES for answer in answers) < 3


def _status(worker) -> list[Check]:
    if not any(getattr(worker, name) for name in SELF_EMPLOYED_SIGNS + ["invoices"]):
        return [
            Check(
                CheckCode.STATUS,
                SOON,
                f"What makes {worker.name} self-employed is not recorded.",
                "Answer five short questions about how they work for you. They help you see "
                "whether someone is really self-employed; HMRC decides.",
                worker,
            )
        ]
    if not looks_employed(worker):
        return []
    return [
        Check(
            CheckCode.STATUS,
            SOON,
            f"{worker.name} may count as employed, not self-employed.",
            "Your answers show few of the signs of being self-employed. HMRC decides, not you or "
            f"{worker.first_name}: use HMRC's Check employment status for tax tool "
            f"({HMRC_STATUS_TOOL}). If they are employed, you need a payroll, insurance and a "
            "contract, as for any employee.",
            worker,
        )
    ]


def _relative(worker, facts: Facts) -> list[Check]:
    if facts.plan is None:
        return []
    found = restricted_relative(facts.plan, worker.name, facts.decided.get(worker.id, set()))
    if found is None:
        return []
    who = found.get_relationship_type_display().lower()
    return [
        Check(
            CheckCode.RELATIVE,
            ACT,
            f"{worker.name} looks like {found.name} in the support plan ({who}).",
            "A direct payment can pay a husband, wife or partner, or a close relative who lives "
            "with the person, only when the council has decided it is necessary. Ask the social "
            "worker to record the council's decision on the support they give. Until then, "
            "each payment to them will be asked about.",
            worker,
        )
    ]


def _insurance(facts: Facts) -> list[Check]:
    renews = facts.employer.insurance_renews_on if facts.employer else None
    if renews is None:
        return [
            Check(
                CheckCode.INSURANCE,
                ACT,
                "There is no employer's liability insurance recorded.",
                "By law an employer needs employer's liability insurance from the first day "
                "someone works for them (unless they employ only close family). Many insurers "
                "have a policy for people who employ a PA with a direct payment, and it can "
                "usually be paid from the direct payment. Record the insurer and the renewal "
                "date here.",
            )
        ]
    if renews < facts.today:
        return [
            Check(
                CheckCode.INSURANCE,
                ACT,
                f"The employer's liability insurance ran out on {long_date(renews)}.",
                "Renew it now, then record the new renewal date here. Without it you are not "
                "covered if someone you employ is hurt at work.",
                due_on=renews,
            )
        ]
    if renews <= facts.today + timedelta(days=SOON_DAYS):
        return [
            Check(
                CheckCode.INSURANCE,
                SOON,
                f"The employer's liability insurance renews on {long_date(renews)}.",
                "Check the renewal with your insurer, then record the new date here.",
                due_on=renews,
            )
        ]
    return []


def _payroll(facts: Facts) -> list[Check]:
    employer = facts.employer
    if employer is not None and employer.payroll_provider.strip():
        return []
    return [
        Check(
            CheckCode.PAYROLL,
            TIP,
            "No payroll provider is recorded.",
            "A payroll provider works out tax, National Insurance and workplace pension for the "
            "people you employ, sends their payslips and tells you what to pay. This service "
            "does not work those out. Most councils pay for a payroll service from the direct "
            "payment: record it here, with the support in the plan that pays its fees.",
        )
    ]
