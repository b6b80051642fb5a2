"""Worked examples of the fair surplus, built from councils' published direct payment rules, each
asserting the amount to the penny and the explanation the person sees on their budget.

Sources (read December 2026):
- St Helens, "Recovering Direct Payments": money may be reclaimed where "a surplus of more than
  8 weeks funding has accumulated"; the council writes first and requests repayment "within two
  weeks after writing to you". https://sthelens.gov.uk/article/4464/Recovering-Direct-Payments
- Durham, "Auditing your Direct Payments": "any surplus funding in your account will be
  calculated, taking into consideration any unpaid wages or invoices and an appropriate
  contingency amount". https://durham.gov.uk/article/25790/Auditing-your-Direct-Payments
- Trafford, "Auditing documentation examples": the amount retained is "usually between 6 – 8
  weeks of the gross weekly direct payment amount and any further funds – such as Respite – that
  have been allocated but not fully used". https://www.trafford.gov.uk/residents/
  adults-and-older-people/Direct-Payments/Auditing-document-examples.aspx
- Gateshead, "Direct payments reviews and monitoring": "Any overpaid assessed contribution will
  be refunded to you and any overpaid council contribution will be recouped ... following
  notification". https://www.gateshead.gov.uk/article/36119/
  Direct-payments-reviews-and-monitoring
"""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from budgets import ledger
from budgets.oversight import notices, services
from budgets.oversight.surplus import surplus_for
from budgets.payments import contributions

from .oversight_helpers import TODAY, fund, settings_from


def weekly(budget, part, *, gross: str, contribution: str = "0.00") -> None:
    """The budget's direct payment at `gross` a week, of which the person pays `contribution`."""
    gross, contribution = Decimal(gross), Decimal(contribution)
    part.weekly_amount = gross
    part.save()
    budget.weekly_total, budget.weekly_contribution = gross, contribution
    budget.weekly_la_share = gross - contribution
    budget.starts_on = TODAY - timedelta(weeks=8)
    budget.save()


def owe(budget, user, kind: str, amount: str, what: str, key: str):
    return services.liability_record(
        budget=budget,
        user=user,
        details=services.LiabilityDetails(kind=kind, description=what, amount=Decimal(amount)),
        submission_key=key,
    )


def page_text(client, user, budget) -> str:
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": budget.person_id})
    response = client.get(reverse("oversight:surplus", args=[budget.id]))
    assert response.status_code == 200
    return " ".join(unescape(response.content.decode()).split())


def test_st_helens_8_weeks_and_two_weeks_notice(
    client, budget, dp_part, person, council, finance_officer
):
    settings_from(council, weeks=8, basis="gross", notice_days=14)
    weekly(budget, dp_part, gross="200.00")
    fund(dp_part, finance_officer, "2400.00")
    surplus = surplus_for(budget)
    assert (surplus.threshold, surplus.amount) == (Decimal("1600.00"), Decimal("800.00"))
    text = page_text(client, person.user, budget)
    assert "£800.00 more than the council's limit of £1,600.00 is held" in text
    assert "8 weeks of the whole weekly budget paid into the account (gross): 8 × £200.00" in text
    notice = notices.repayment_propose(
        budget=budget,
        officer=finance_officer,
        repayment=notices.Repayment(
            Decimal("800.00"),
            "A surplus of more than 8 weeks",
            "£2,400 less £1,600",
            "take",
            TODAY + timedelta(days=15),
        ),
        submission_key="st-helens",
    )
    assert notice.respond_by == TODAY + timedelta(days=14)


def test_durham_less_unpaid_wages_invoices_and_a_contingency(
    client, budget, dp_part, person, council, finance_officer
):
    settings_from(council, weeks=8, basis="gross")
    weekly(budget, dp_part, gross="200.00")
    fund(dp_part, finance_officer, "3100.00")
    owe(budget, person.user, "unpaid_wages", "420.00", "Jo's wages, 17 to 30 November", "w")
    owe(budget, person.user, "unpaid_invoice", "95.50", "Northby Taxis, November", "i")
    owe(budget, finance_officer, "contingency", "250.00", "Agreed at the review", "c")
    surplus = surplus_for(budget)
    assert surplus.owed_total == Decimal("515.50")
    assert surplus.set_aside_total == Decimal("250.00")
    assert surplus.free == Decimal("2334.50")
    assert surplus.amount == Decimal("734.50")
    assert surplus.retained == Decimal("2365.50")
    text = page_text(client, person.user, budget)
    assert "£734.50 more than the council's limit of £1,600.00 is held" in text
    assert "Less: Wages not paid yet: Jo's wages, 17 to 30 November" in text
    assert "Recorded by Samuel Okafor on" in text and "-£95.50" in text
    assert "Less: An agreed contingency for emergencies: Agreed at the review" in text
    assert "Recorded by Chris Doyle on" in text


@pytest.mark.parametrize(
    "basis, surplus_amount, words",
    [
        (
            "gross",
            "0.00",
            "There is no surplus: after what is owed and set aside, £1,400.00 is "
            "held, £100.00 under the council's limit of £1,500.00.",
        ),
        ("net", "140.00", "£140.00 more than the council's limit of £1,260.00 is held"),
    ],
)
def test_trafford_6_weeks_gross_or_net_and_respite_not_yet_used(
    client, budget, dp_part, person, council, finance_officer, basis, surplus_amount, words
):
    settings_from(council, weeks=6, basis=basis)
    weekly(budget, dp_part, gross="250.00", contribution="40.00")
    fund(dp_part, finance_officer, "2000.00")
    owe(budget, person.user, "ring_fenced", "600.00", "Saving for a respite week in March", "r")
    surplus = surplus_for(budget)
    assert surplus.amount == Decimal(surplus_amount)
    assert surplus.retained == Decimal("2000.00") - Decimal(surplus_amount)
    text = page_text(client, person.user, budget)
    assert words in text
    assert (
        "Less: Saved for something in the plan (respite, a one-off purchase): Saving for a "
        "respite week in March" in text
    )


def test_gateshead_overpaid_contributions_are_the_persons_and_paid_back(
    client, budget, dp_part, person, council, finance_officer
):
    settings_from(council, weeks=8, basis="net")
    weekly(budget, dp_part, gross="150.00", contribution="20.00")
    for weeks_ago in (8, 4):  # two 4-week cycles: £80 due each
        contributions.contributions_generate(
            authority=council, cycle_start=TODAY - timedelta(weeks=weeks_ago)
        )
    fund(dp_part, finance_officer, "1200.00")
    for n in range(3):
        contributions.contribution_log(
            budget=budget,
            user=person.user,
            amount=Decimal("80.00"),
            paid_on=TODAY - timedelta(days=n),
            submission_key=f"c{n}",
        )
    surplus = surplus_for(budget)
    assert (surplus.contributions_paid, surplus.contributions_due) == (
        Decimal("240.00"),
        Decimal("160.00"),
    )
    assert surplus.own_money == Decimal("80.00")
    assert surplus.threshold == Decimal("1040.00")  # 8 weeks of the £130 the council pays
    assert surplus.amount == Decimal("320.00")  # £1,440 held - £80 his own - £1,040
    text = page_text(client, person.user, budget)
    assert "£240.00 paid in, £160.00 due so far. This is your own money" in text
    with pytest.raises(Exception, match="from £0.01 to £80.00"):
        services.contribution_refund(
            budget=budget, officer=finance_officer, amount=Decimal("80.01"), submission_key="x"
        )
    services.contribution_refund(
        budget=budget, officer=finance_officer, amount=Decimal("80.00"), submission_key="back"
    )
    after = surplus_for(budget)
    assert after.own_money == Decimal("0.00") and after.amount == Decimal("320.00")
    assert ledger.held_balance(budget=budget) == Decimal("1360.00")
    assert not ledger.check_invariants()
