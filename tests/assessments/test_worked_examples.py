"""Issue 11: worked examples built from councils' published charging examples for care at home.

Each runs through the real services (start, record, complete) on the council's rates set to the
figures the example used, asserts the weekly charge to the penny, the lines of working the person
reads, and the page they see. Where a council published only a total Minimum Income Guarantee,
the split into age band and premiums is ours (it matches the national amounts of the year) and
says so. Figures are weekly unless said otherwise.
"""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.financial import charging
from assessments.financial import national_rates as national
from assessments.financial import services as financial
from tests.builders import council_rates

D = Decimal


def _rates(council, *, mig: dict, **values):
    """The council's rates this year, set to the figures the example used."""
    rates = council_rates(council)
    for name, value in values.items():
        setattr(rates, name, value)
    rates.save()
    for label, amount in mig.items():
        rates.mig_amounts.filter(label=label).update(weekly_amount=D(amount))
    return rates


def _item(kind, label, amount, frequency="weekly", income_type="other", **more) -> dict:
    return {
        "kind": kind,
        "label": label,
        "amount": D(amount),
        "frequency": frequency,
        "income_type": income_type,
        **more,
    }


def _assess(person, officer, *, items, base, premiums=(), **details):
    """Record the example through the services, as a finance officer would, and complete it."""
    draft = financial.financial_assessment_start(person=person, started_by=officer)
    for item in items:
        financial.financial_item_add(assessment=draft, user=officer, details=item)
    amounts = {m.label: m for m in draft.rates.mig_amounts.all()}
    data = {
        "mig_base": amounts[base],
        "mig_premiums": [(amounts[label], 1) for label in premiums],
        **details,
    }
    financial.financial_assessment_update(assessment=draft, user=officer, data=data)
    return financial.financial_assessment_complete(assessment=draft, user=officer)


def _steps(assessment) -> dict:
    return {s["label"]: (s["amount"], s["explanation"]) for s in assessment.result_steps}


def _page_the_person_reads(client, person, assessment) -> str:
    client.force_login(person.user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    url = reverse(
        "financial_assessment:assessment",
        kwargs={"person_id": person.id, "assessment_id": assessment.id},
    )
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_knowsley_client_a_night_care_disregard_and_disability_related_expenditure(
    client, council, person, finance_officer
):
    """Knowsley Council, 'Examples of financial assessments for care provided in your home or the
    community', Example 1 (Client A, 22, learning difficulty, supported accommodation; care
    £391.95 a week), https://knowsley.gov.uk/adult-social-care/paying-adult-social-care/
    examples-financial-assessments-care-provided-your-home (2024/25 benefit rates).

    Income £352.26 (Universal Credit £167.96, PIP daily living enhanced £108.55, PIP mobility
    enhanced £75.75); disregarded £111.65 ('no night care element' £35.90, PIP mobility
    £75.75); DRE £12.60 (laundry £6.42, clothing £6.18); MIG £160.30 (ours: 18 to 24 £87.65, the
    2024/25 national amount, plus disability premium £48.80 and enhanced disability premium
    £23.85). Published contribution: £67.71."""
    _rates(
        council,
        mig={
            national.SINGLE_18_24: "87.65",
            national.DISABILITY_SINGLE: "48.80",
            national.ENHANCED_SINGLE: "23.85",
        },
        pip_night_care_disregard_weekly=D("35.90"),  # £108.55 enhanced − £72.65 standard
    )
    done = _assess(
        person,
        finance_officer,
        items=[
            _item("income", "Universal Credit", "167.96", income_type="universal_credit"),
            _item("income", "PIP daily living", "108.55", income_type="pip_daily_living_enhanced"),
            _item("income", "PIP mobility", "75.75", income_type="pip_mobility"),
            _item("dre", "Laundry and bedding", "6.42"),
            _item("dre", "Clothing and footwear", "6.18"),
        ],
        base=national.SINGLE_18_24,
        premiums=[national.DISABILITY_SINGLE, national.ENHANCED_SINGLE],
        uses_standard_dre=False,
        pip_enhanced_without_night_care=True,
    )

    assert done.weekly_charge == D("67.71") and not done.full_cost
    steps = _steps(done)
    assert steps["Total weekly income"][0] == "352.26"
    amount, why = steps["We do not count: part of PIP daily living"]
    assert amount == "35.90"
    assert why == (
        "You get the top rate of this benefit, which includes care at night, but no care is "
        "provided at night, so we do not count the difference to the lower rate: £35.90 a week."
    )
    assert steps["We do not count: PIP mobility"] == (
        "75.75",
        "The rules say we do not count the mobility part of Personal Independence Payment.",
    )
    assert steps["Total disability-related expenses"][0] == "12.60"
    assert steps["Your weekly charge"] == (
        "67.71",
        "You pay £67.71 a week: 100% of your disposable income of £67.71.",
    )
    page = _page_the_person_reads(client, person, done)
    assert "Your weekly contribution is <strong>£67.71</strong>" in page
    assert "We do not count: part of PIP daily living" in page
    assert "so we do not count the difference to the lower rate: £35.90 a week." in page


def test_devon_peter_disability_related_expenditure_paid_monthly(
    client, council, person, finance_officer
):
    """Devon County Council, 'Examples of common financial assessments', Example 1 (Peter, 37,
    learning difficulty, rented flat; personal budget £454.00 a week), 2023/24 rates,
    https://www.devon.gov.uk/adult-social-care/factsheet/financial-assessment-for-community-
    services/examples-of-common-financial-assessments/.

    Income £354.10 (ESA £225.45, PIP daily living enhanced £101.75, PIP mobility standard
    £26.90, disregarded); housing £17.27 (top-up rent £10.00, council tax £6.00, contents
    insurance £1.27); DRE £28.08 (cleaner £20.00; mobile £10.00 a month = £2.31; broadband
    £25.00 a month = £5.77); MIG £171.75 (ours: 25 to Pension Credit age £103.65, the 2023/24
    national amount, plus premiums £45.75 and £22.35). Devon counts PIP daily living in full.
    Published contribution: £110.10."""
    _rates(
        council,
        mig={
            national.SINGLE_25_PCA: "103.65",
            national.DISABILITY_SINGLE: "45.75",
            national.ENHANCED_SINGLE: "22.35",
        },
    )
    done = _assess(
        person,
        finance_officer,
        items=[
            _item("income", "ESA", "225.45", income_type="esa"),
            _item("income", "PIP daily living", "101.75", income_type="pip_daily_living_enhanced"),
            _item("income", "PIP mobility", "26.90", income_type="pip_mobility"),
            _item("housing", "Top-up rent", "10.00"),
            _item("housing", "Council Tax", "6.00"),
            _item("housing", "Contents insurance", "1.27"),
            _item("dre", "Cleaner", "20.00"),
            _item("dre", "Mobile phone", "10.00", frequency="monthly"),
            _item("dre", "Broadband", "25.00", frequency="monthly"),
        ],
        base=national.SINGLE_25_PCA,
        premiums=[national.DISABILITY_SINGLE, national.ENHANCED_SINGLE],
        uses_standard_dre=False,
    )

    assert done.weekly_charge == D("110.10")
    steps = _steps(done)
    assert steps["Disability-related expense: Mobile phone"][0] == "2.31"  # 10 × 12 ÷ 52
    assert steps["Disability-related expense: Broadband"][0] == "5.77"  # 25 × 12 ÷ 52
    assert steps["Total disability-related expenses"] == ("28.08", "We take these off.")
    assert steps["Total housing costs"][0] == "17.27"
    assert steps["Minimum Income Guarantee"] == (
        "103.65",
        "The law says you must be left with at least this much each week.",
    )
    assert steps["Disposable income"][0] == "110.10"
    page = _page_the_person_reads(client, person, done)
    assert "Disability-related expense: Broadband" in page and "£110.10" in page


def test_kingston_joan_pays_nothing_when_her_income_is_below_her_allowances(
    client, council, person, finance_officer
):
    """Royal Borough of Kingston, 'Pay for care at home: examples of what people pay for care
    and support', Example 1 (Joan, 85, state pension, no savings; 10 hours' care at £18.01,
    £180.10 a week), https://kingston.gov.uk/paying-social-care/support-pay-care-home/3
    (2023/24 rates).

    Income £305.60 (State Pension £203.85, Attendance Allowance higher rate £101.75, counted in
    full: Kingston does not use the night-care disregard); allowances £319.35 (MIG £214.35, the
    2023/24 national amount for Pension Credit age; household bills £100; disability-related
    costs £5). Published: 'She will not have to pay for her care at all.'"""
    _rates(council, mig={national.SINGLE_PCA: "214.35"})
    done = _assess(
        person,
        finance_officer,
        items=[
            _item("income", "State Pension", "203.85", income_type="state_pension"),
            _item("income", "Attendance Allowance", "101.75", income_type="aa_higher"),
            _item("housing", "Household bills", "100.00"),
            _item("dre", "Disability-related costs", "5.00"),
        ],
        base=national.SINGLE_PCA,
        uses_standard_dre=False,
    )

    assert done.weekly_charge == D("0.00")
    steps = _steps(done)
    assert steps["Disposable income"] == (
        "0.00",
        "Income we count plus tariff income (£305.60), less housing costs, the Minimum Income "
        "Guarantee and disability-related expenses (£319.35). That comes to -£13.75, and it "
        "cannot be less than £0.",
    )
    assert steps["Your weekly charge"][1] == (
        "After your costs and allowances you have no income left to charge, so you pay £0."
    )
    page = _page_the_person_reads(client, person, done)
    assert "you have no income left to charge, so you pay £0" in page


@pytest.mark.parametrize(
    "details, reason",
    [
        (
            {"capital": D("30000.00")},
            "Your capital of £30,000 is more than the upper limit of £23,250, so you pay the "
            "full cost of your care",
        ),
        (
            {"declined_to_disclose": True},
            "You chose not to tell us about your money, so you pay the full cost of your care",
        ),
    ],
)
def test_a_full_cost_payer_pays_the_approved_cost(
    client, council, person, finance_officer, details, reason
):
    """Westmorland and Furness Council, 'Financial assessments': 'If you have more than £23,250
    in savings or investments then you will have to pay the full cost of your care' and 'If you
    would rather not tell us about your financial circumstances ... you will be responsible for
    the full cost', https://westmorlandandfurness.gov.uk/health-and-social-care/adult-social-
    care/financial-assessments; the cost is Kingston's Joan's (10 hours at £18.01 = £180.10).

    With £30,000 of savings (or no details given) Joan pays the approved cost: £180.10 a week,
    set when her plan is approved, never a figure from before the plan."""
    _rates(council, mig={national.SINGLE_PCA: "214.35"})
    done = _assess(
        person,
        finance_officer,
        items=[_item("income", "State Pension", "203.85", income_type="state_pension")],
        base=national.SINGLE_PCA,
        **details,
    )

    assert done.full_cost and done.weekly_charge is None
    assert done.result_steps == [
        {
            "label": "Your weekly charge",
            "amount": None,
            "explanation": f"{reason}. {charging.COST_SET_AT_APPROVAL}",
        }
    ]
    contribution = financial.weekly_contribution(person=person, weekly_cost=D("180.10"))
    assert contribution.weekly == D("180.10")
    assert contribution.reason == f"{reason}: the approved cost of your care is £180.10 a week."
    page = _page_the_person_reads(client, person, done)
    assert "the full approved cost of your care" in page and reason in page


@pytest.mark.parametrize(
    "pension, private, attendance, expected",
    [
        ("122.00", "60.00", "55.10", "63.63"),  # 2016/17
        ("125.05", "61.50", "55.65", "68.73"),  # 2017/18
    ],
)
def test_a_woman_living_with_her_partner_is_charged_on_her_own_income_and_half_their_savings(
    client, council, person, finance_officer, pension, private, attendance, expected
):
    """A council's cabinet report, Appendix 1 'Examples of impact on individuals', Example 1
    (woman aged 85 living with her partner as a couple; care at home), 2016/17 and 2017/18
    figures; published copy at https://paperzz.com/doc/8682845/maximum-assessed-weekly-charge
    (the council is not named there).

    Her State Pension, private pension and Attendance Allowance (lower rate, counted); the
    couple's joint savings of £9,500 (half, £4,750, is hers: below the lower limit, so no tariff
    income); MIG £148.47 (the council's figure over pension age); disability- and
    housing-related expenses £25.00. Published: £63.63 (2016/17), £68.73 (2017/18)."""
    _rates(council, mig={national.COUPLE_PCA: "148.47"})
    done = _assess(
        person,
        finance_officer,
        items=[
            _item("income", "State Pension", pension, income_type="state_pension"),
            _item("income", "Private pension", private, income_type="private_pension"),
            _item("income", "Attendance Allowance", attendance, income_type="aa_lower"),
            _item("dre", "Disability and housing-related expenses", "25.00"),
        ],
        base=national.COUPLE_PCA,
        uses_standard_dre=False,
        has_partner=True,
        joint_capital=D("9500.00"),
    )
    assert done.weekly_charge == D(expected)
    steps = _steps(done)
    assert steps["Your share of joint capital"] == (
        "4750.00",
        "Joint capital of £9,500. We count your share: half.",
    )
    assert steps["Tariff income from your capital"] == (
        "0.00",
        "Your capital of £4,750 is not more than £14,250, so we ignore it.",
    )
    assert steps["Minimum Income Guarantee"][0] == "148.47"
    page = _page_the_person_reads(client, person, done)
    assert "Your share of joint capital" in page and f"£{expected}" in page


def test_a_partners_own_income_is_recorded_and_not_counted(person, finance_officer, council):
    """The same couple (2016/17), with her partner's own £122.00 State Pension added by us: it is
    on the assessment and in the working, not counted, and the charge is still £63.63."""
    _rates(council, mig={national.COUPLE_PCA: "148.47"})
    draft = financial.financial_assessment_start(person=person, started_by=finance_officer)
    amounts = {m.label: m for m in draft.rates.mig_amounts.all()}
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={
            "mig_base": amounts[national.COUPLE_PCA],
            "uses_standard_dre": False,
            "has_partner": True,
            "joint_capital": D("9500.00"),
        },
    )
    for item in [
        _item("income", "State Pension", "122.00", income_type="state_pension"),
        _item("income", "Private pension", "60.00", income_type="private_pension"),
        _item("income", "Attendance Allowance", "55.10", income_type="aa_lower"),
        _item("income", "State Pension", "122.00", income_type="state_pension", owner="partner"),
        _item("dre", "Disability and housing-related expenses", "25.00"),
    ]:
        financial.financial_item_add(assessment=draft, user=finance_officer, details=item)
    done = financial.financial_assessment_complete(assessment=draft, user=finance_officer)
    assert done.weekly_charge == D("63.63")
    assert _steps(done)["Your partner's income: State Pension"] == (
        "0.00",
        "Your partner's income: £122 a week. We only count your own income and your share of "
        "joint income, so we do not count this.",
    )


def test_st_helens_tariff_income_on_15000_of_capital():
    """St Helens Council, 'How does financial assessment work?': 'If you have £15,000 capital,
    £14,250 is disregarded and tariff income of £3 per week is taken into account as income'
    (£750 above the limit: 3 steps of £250), https://sthelens.gov.uk/article/2961/Will-I-have-
    to-pay."""
    rates = charging.ChargingRates(mig_weekly=D("0.00"))
    assert charging.tariff_income(D("15000.00"), rates) == D("3.00")
    assert charging.tariff_income(D("15000.01"), rates) == D("4.00")  # a part of £250 counts
