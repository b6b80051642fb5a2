"""Builders for tests: records made through the real services, as a user would make them.

Fixtures that use them (eligible_person, budget, dp_part...) are in tests/conftest.py.
"""

from datetime import date
from decimal import Decimal

from assessments import services as assessment_services
from assessments.defaults import ensure_allocation_table
from assessments.models import NeedsAssessment, Outcome
from budgets import ledger
from budgets.models import Transaction
from support_plans import services
from support_plans.models import ApprovalDecision, SupportLine

UNABLE = {Outcome.PERSONAL_HYGIENE: "a_lot", Outcome.NUTRITION: "some", Outcome.COMMUNITY: "some"}


def complete_eligible_assessment(person, assessor, *, indicative_weekly=None):
    """Run a council assessment through the real services to an eligible decision."""
    ensure_allocation_table(person.local_authority, date(2020, 4, 1))
    assessment = assessment_services.needs_assessment_start(
        person=person, kind=NeedsAssessment.Kind.COUNCIL, started_by=assessor
    )
    assessment_services.needs_assessment_save(
        assessment=assessment,
        user=assessor,
        section="impairment",
        data={"impairment": "Multiple sclerosis", "needs_from_impairment": True},
    )
    assessment_services.needs_assessment_save(
        assessment=assessment,
        user=assessor,
        section="wellbeing",
        data={
            "wellbeing_areas": ["health", "control"],
            "wellbeing_significant": True,
            "wellbeing_impact_timing": "current",
        },
    )
    for outcome in Outcome.values:
        severity = UNABLE.get(outcome, "")
        assessment_services.outcome_answer_save(
            assessment=assessment,
            user=assessor,
            outcome=outcome,
            unable_meanings=["needs_assistance"] if severity else [],
            severity=severity,
            fluctuates=False,
            notes="",
        )
    assessment_services.needs_assessment_complete(assessment=assessment, user=assessor)
    assessment_services.eligibility_confirm(assessment=assessment, user=assessor, agrees=True)
    override = Decimal(indicative_weekly) if indicative_weekly is not None else None
    assessment_services.indicative_budget_set(
        assessment=assessment,
        user=assessor,
        override_weekly=override,
        reason="Agreed at the assessment meeting" if override is not None else "",
    )
    return assessment


# A council's figures for the current year, as its administrator would enter and check them on
# the charging rates pages. Test figures, not the national ones (those are in
# assessments/financial/national_rates.py, only for the years a source confirms).
TEST_MIG = {
    "Single, aged 18 to 24": "82.10",
    "Single, aged 25 to Pension Credit age": "103.65",
    "Single, Pension Credit age or over": "228.70",
    "Lone parent, aged 18 or over": "103.65",
    "Member of a couple, aged 18 or over": "81.35",
    "Member of a couple, one or both Pension Credit age or over": "174.55",
    "Disability premium, single": "47.35",
    "Disability premium, member of a couple": "33.75",
    "Enhanced disability premium, single": "23.10",
    "Enhanced disability premium, member of a couple": "16.55",
    "Carer premium": "48.15",
    "Each child in the household": "95.45",
}


def council_rates(authority, year=None, *, checked=True, standard_dre=None, **values):
    """The council's checked charging rates for a financial year (this one unless given), with
    every Minimum Income Guarantee amount; made once, then returned as they are."""
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from assessments.defaults import financial_year_of
    from assessments.financial.national_rates import KIND_OF
    from assessments.models import ChargingRates, MinimumIncomeGuarantee

    year = financial_year_of(timezone.localdate()) if year is None else year
    rates, created = ChargingRates.objects.get_or_create(
        authority=authority,
        financial_year=year,
        defaults={
            "savings_credit_disregard_single": Decimal("6.95"),
            "savings_credit_disregard_couple": Decimal("10.40"),
            "standard_dre_weekly": None if standard_dre is None else Decimal(standard_dre),
            "checked_at": timezone.now() if checked else None,
            "source": "Test figures entered by the council",
            **values,
        },
    )
    if created:  # with their history, as the rates pages keep it
        bulk_create_with_history(
            [
                MinimumIncomeGuarantee(
                    rates=rates, kind=KIND_OF[label], label=label, weekly_amount=Decimal(amount)
                )
                for label, amount in TEST_MIG.items()
            ],
            MinimumIncomeGuarantee,
        )
    return rates


def set_standard_dre(authority, weekly="20.00"):
    """Set this year's standard disability-related expenditure, as a council does (a council
    that never sets one has none). Leaves a figure the council already set alone."""
    rates = council_rates(authority)
    if rates.standard_dre_weekly is None:
        rates.standard_dre_weekly = Decimal(weekly)
        rates.save(update_fields=["standard_dre_weekly"])
    return rates


def pension_assessment_ready(person, officer):
    """A financial assessment ready to complete: £260 a week pension, pension-age MIG, £150
    a week care. Completed, it charges £11.30 a week (260 − 228.70 MIG − 20 standard DRE): the
    council's standard DRE is set to £20 here, as a council sets it (there is no default)."""

    from assessments.financial import services as financial
    from assessments.models import MinimumIncomeGuarantee

    set_standard_dre(person.local_authority)
    draft = financial.financial_assessment_start(person=person, started_by=officer)
    financial.financial_item_add(
        assessment=draft,
        user=officer,
        details={
            "kind": "income",
            "label": "Pension",
            "amount": Decimal("260.00"),
            "frequency": "weekly",
            "disregarded": False,
            "disregard_reason": "",
        },
    )
    base = MinimumIncomeGuarantee.objects.get(
        rates=draft.rates, label="Single, Pension Credit age or over"
    )
    financial.financial_assessment_update(
        assessment=draft,
        user=officer,
        data={"mig_base": base},
    )
    return draft


def pension_assessment_complete(person, officer):
    """The pension assessment above, completed: £11.30 a week."""
    from assessments.financial import services as financial

    draft = pension_assessment_ready(person, officer)
    return financial.financial_assessment_complete(assessment=draft, user=officer)


def add_line(
    plan,
    user,
    *,
    description="Personal assistant",
    quantity="10",
    unit="hour",
    cost="15.00",
    management=SupportLine.Management.DIRECT_PAYMENT,
    payee=None,
    provider=None,
    provider_kind=None,
    weeks_a_year=52,
):
    outcome = plan.outcomes.first() or services.outcome_add(
        plan=plan,
        user=user,
        in_my_words="I want to get washed and dressed by 9",
        eligible_needs=[Outcome.PERSONAL_HYGIENE],
    )
    details = {
        "description": description,
        "provider_kind": provider_kind or ("provider" if provider else "personal_assistant"),
        "provider": provider,
        "payee": payee,
        "quantity_per_week": Decimal(quantity),
        "unit": unit,
        "unit_cost": Decimal(cost),
        "weeks_a_year": weeks_a_year,
        "management": management,
        "dp_holder": "person" if management == "direct_payment" else "",
        "account_type": "bank" if management == "direct_payment" else "",
    }
    return services.support_line_add(plan=plan, user=user, details=details, outcomes=[outcome])


def ready_plan(person, writer):
    """A plan with an outcome, a £150-a-week line and a contingency plan, not yet sent."""
    plan = services.plan_start(person=person, user=writer)
    add_line(plan, writer)
    services.plan_save_section(
        plan=plan,
        user=writer,
        section="contingency",
        data={"contingency_plan": "My sister covers if my PA is ill", "risks": ""},
    )
    return plan


def approve(plan, *, writer, checker, approver):
    """Send, check and approve a plan through the real services."""
    services.plan_submit(plan=plan, user=writer)
    services.plan_check(plan=plan, user=checker)
    services.plan_decide(plan=plan, user=approver, decision=ApprovalDecision.Decision.APPROVED)
    plan.refresh_from_db()
    return plan


def pay_in(part, user, amount, key="pay-1", on=date(2026, 11, 2)):
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.PAYMENT_IN,
            amount=Decimal(amount),
            occurred_on=on,
            recorded_by=user,
            idempotency_key=key,
        )
    )


def spend(
    part, user, amount, key, on=date(2026, 11, 3), payee="Jo (PA)", *, acting_for=None, note=""
):
    """A payment for support, logged by `user` (for `acting_for`, when on someone's behalf)."""
    return ledger.post(
        ledger.Posting(
            part=part,
            kind=Transaction.Kind.SPEND,
            amount=Decimal(amount),
            occurred_on=on,
            recorded_by=user,
            idempotency_key=key,
            payee=payee,
            acting_for=acting_for,
            note=note,
        )
    )
