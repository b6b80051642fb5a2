"""Issue 9, item 13: a representative is not spoken to as if they were the person.

David Hughes fills in his mother Margaret's self-assessment and reads her financial assessment:
the pages speak about Margaret by name ("Can Margaret Hughes ...", "Margaret Hughes pays"), while
Margaret's own pages (here Sam's, who signs in himself) still say "you".
"""

import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse

from assessments.financial import services as financial
from assessments.financial.charging import (
    ChargingInput,
    ChargingRates,
    ExpenseItem,
    IncomeItem,
    assess,
)
from assessments.financial.presenters import about_the_person
from assessments.models import MinimumIncomeGuarantee, NeedsAssessment, Outcome
from assessments.voice import Voice

from .factories import fill_in, started

Kind = NeedsAssessment.Kind
# Words that speak to the person about their own life or money.
SECOND_PERSON = re.compile(
    r"\b(you pay|your (care|life|money|health|home|capital|income|disability|weekly charge|"
    r"outcomes|own words|day-to-day|self-assessment)|Can you|About you|helps you|to you\b)",
    re.IGNORECASE,
)


def _as(client, user, person):
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    return client


def _page(client, name, assessment, **kwargs) -> str:
    url = reverse(f"assessments:{name}", kwargs={"assessment_id": assessment.id, **kwargs})
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def _main(page: str) -> str:
    """The page's main content, without the header and footer (which are not ours)."""
    return page.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.fixture
def margarets_self_assessment(represented_person, nominated_person):
    return started(represented_person, nominated_person, Kind.SELF)


def test_the_voice_says_you_to_the_person_and_the_name_to_anyone_else(person, nominated_person):
    to_sam = Voice.for_viewer(person.user, person)
    about_sam = Voice.for_viewer(nominated_person, person)
    text = "What {you} pay{s} towards {their} care, and what {are} {you} good at"
    assert to_sam.fill(text) == "What you pay towards your care, and what are you good at"
    assert about_sam.fill(text) == (
        "What Sam Okafor pays towards their care, and what is Sam Okafor good at"
    )
    assert about_sam["your"] == "Sam Okafor's" and to_sam["your"] == "your"


def test_the_name_is_escaped_where_forms_show_words_as_html(person, nominated_person):
    person.preferred_name = "<b>Sam</b>"
    voice = Voice.for_viewer(nominated_person, person)
    assert voice.fill("Can {you} do it?") == "Can &lt;b&gt;Sam&lt;/b&gt; Okafor do it?"
    assert voice["your"] == "&lt;b&gt;Sam&lt;/b&gt; Okafor's"


def test_a_representative_filling_in_a_self_assessment_reads_about_the_person_by_name(
    client, represented_person, nominated_person, margarets_self_assessment
):
    client = _as(client, nominated_person, represented_person)
    assessment = margarets_self_assessment
    detail = _main(_page(client, "assessment_detail", assessment))
    assert "Help fill in Margaret Hughes's self-assessment" in detail
    assert "About Margaret Hughes" in detail and "Margaret Hughes's health" in detail
    assert "Margaret Hughes can have a copy of this assessment" in detail

    about = _main(_page(client, "assessment_section", assessment, section="about"))
    assert "What matters most to Margaret Hughes?" in about
    assert "What is Margaret Hughes good at, and what already helps them?" in about
    assert "Margaret Hughes's self-assessment" in about

    meals = _main(_page(client, "outcome_answer", assessment, outcome="nutrition"))
    assert (
        "Thinking about getting, preparing and eating meals and drinks, which of these are true "
        "for Margaret Hughes?" in meals
    )
    assert "None of these: Margaret Hughes can do this without help" in meals
    assert "Margaret Hughes cannot do it without help, or without someone reminding them" in meals
    assert "I cannot do it" not in meals
    wash = _main(_page(client, "outcome_answer", assessment, outcome="personal-hygiene"))
    assert "Thinking about washing and keeping clean, which of these are true for Margaret" in wash
    assert "washing their hair" in wash

    wellbeing = _main(_page(client, "assessment_section", assessment, section="wellbeing"))
    assert "a big effect on their life?" in wellbeing
    assert "Which parts of Margaret Hughes's life are affected?" in wellbeing
    assert "Their physical and mental health, and how they feel" in wellbeing

    fill_in(assessment, nominated_person)
    check = _main(_page(client, "assessment_check", assessment))
    assert "What Margaret Hughes is good at, and what helps" in check
    assert "Margaret Hughes cannot do it without help" in check
    assert "None of these: Margaret Hughes can do this without help" in check
    for page in [detail, about, meals, wash, wellbeing, check]:
        assert not SECOND_PERSON.search(page), SECOND_PERSON.search(page)[0]


def test_the_person_filling_in_their_own_self_assessment_is_still_spoken_to(client, person):
    assessment = started(person, person.user, Kind.SELF)
    client = _as(client, person.user, person)
    detail = _main(_page(client, "assessment_detail", assessment))
    assert "Fill in your assessment" in detail and "About you" in detail
    meals = _main(_page(client, "outcome_answer", assessment, outcome="nutrition"))
    assert (
        "Thinking about getting, preparing and eating meals and drinks, which of these are true "
        "for you?" in meals
    )
    assert "I cannot do it without help, or without someone reminding me" in meals
    assert "None of these: I can do this without help" in meals


def test_the_copy_and_its_pdf_name_the_person_for_the_representative(
    client, represented_person, nominated_person, margarets_self_assessment, tmp_path
):
    fill_in(margarets_self_assessment, nominated_person)
    client = _as(client, nominated_person, represented_person)
    copy = _main(_page(client, "assessment_copy", margarets_self_assessment))
    assert "What matters most to Margaret Hughes" in copy
    assert not SECOND_PERSON.search(copy)
    url = reverse(
        "assessments:assessment_pdf", kwargs={"assessment_id": margarets_self_assessment.id}
    )
    assert client.get(url)["Content-Type"] == "application/pdf"


# The financial assessment.


def _completed_financial(person, officer):
    draft = financial.financial_assessment_start(person=person, started_by=officer)
    financial.financial_item_add(
        assessment=draft,
        user=officer,
        details={
            "kind": "income",
            "label": "Pension",
            "amount": D("300.00"),
            "frequency": "weekly",
            "disregarded": False,
            "disregard_reason": "",
        },
    )
    base = MinimumIncomeGuarantee.objects.filter(
        rates=draft.rates, kind=MinimumIncomeGuarantee.Kind.BASE
    ).first()
    financial.financial_assessment_update(
        assessment=draft,
        user=officer,
        data={"capital": D("18000"), "mig_base": base, "weekly_cost_of_care": D("300")},
    )
    return financial.financial_assessment_complete(assessment=draft, user=officer)


def _financial_page(client, assessment) -> str:
    url = reverse(
        "financial_assessment:assessment",
        kwargs={"person_id": assessment.person_id, "assessment_id": assessment.id},
    )
    return _main(unescape(client.get(url).content.decode()))


def test_a_representative_reads_the_financial_assessment_about_the_person(
    client, represented_person, nominated_person, finance_officer
):
    done = _completed_financial(represented_person, finance_officer)
    page = _financial_page(_as(client, nominated_person, represented_person), done)
    assert "Margaret Hughes's financial assessment" in page
    assert "Margaret Hughes's weekly contribution is" in page
    assert "what Margaret Hughes pays each week towards their care and support" in page
    assert "Tariff income from Margaret Hughes's capital" in page
    assert "Margaret Hughes's weekly charge" in page
    assert "The law says Margaret Hughes must be left with at least this much" in page
    assert not SECOND_PERSON.search(page), SECOND_PERSON.search(page)[0]
    listing = unescape(
        client.get(reverse("financial_assessment:list", args=[represented_person.id])).text
    )
    assert "how much Margaret Hughes pays each week towards their care" in listing


def test_the_person_reads_their_own_financial_assessment_as_you(client, person, finance_officer):
    done = _completed_financial(person, finance_officer)
    page = _financial_page(_as(client, person.user, person), done)
    assert "Your weekly contribution is" in page and "what you pay each week" in page
    assert "Tariff income from your capital" in page and "Your weekly charge" in page


def test_every_sentence_the_charging_rules_write_can_be_said_about_the_person():
    """Every branch of charging.assess, read about Margaret: no "you" or "your" is left."""
    rates = ChargingRates(
        upper_capital_limit=D("23250"),
        lower_capital_limit=D("14250"),
        tariff_step=D("250"),
        mig_weekly=D("228.70"),
        local_mig_buffer=D("5.00"),
        standard_dre_weekly=D("20.00"),
        charge_percentage=D("90"),
        minimum_weekly_charge=D("2.00"),
        night_care_disregard_weekly=D("25.00"),
    )
    base = {
        "capital": D("18000"),
        "income_items": [
            IncomeItem("PIP daily living", D("108.55"), False),
            IncomeItem("PIP mobility", D("28.70"), True),
        ],
        "housing_costs": [ExpenseItem("Rent", D("90"))],
        "dre_items": [],
        "use_standard_dre": True,
        "no_night_care_provided": True,
        "weekly_cost_of_care": D("300"),
        "declined_to_disclose": False,
        "rates": rates,
    }
    cases = [
        base,
        base | {"declined_to_disclose": True},
        base | {"capital": D("30000")},
        base | {"capital": D("0"), "income_items": [IncomeItem("Pension", D("900"), False)]},
        base | {"income_items": [IncomeItem("Pension", D("345.00"), False)]},  # under the minimum
        base
        | {
            "income_items": [IncomeItem("Pension", D("1000"), False)],
            "weekly_cost_of_care": D("5"),
        },
        base | {"use_standard_dre": False, "dre_items": [ExpenseItem("Extra heating", D("12"))]},
    ]
    said = []
    for case in cases:
        result = assess(_charging_input(case))
        said += [result.reason] + [s.label for s in result.steps]
        said += [s.explanation for s in result.steps]
    about = [about_the_person(text, "Margaret Hughes") for text in said if text]
    leftover = [text for text in about if re.search(r"\byou(r)?\b", text, re.IGNORECASE)]
    assert leftover == []
    assert (
        "Margaret Hughes chose not to tell us about their money, so they pay the full cost of "
        "their care" in about
    )
    assert "We take off what Margaret Hughes's home costs them." in about


def _charging_input(case: dict) -> ChargingInput:
    return ChargingInput(**case)


def test_outcome_names_are_for_whoever_reads_them(person, nominated_person):
    from assessments.questions import Wording

    assessment = started(person, person.user, Kind.SELF)
    to_sam = Wording.for_assessment(assessment, person.user)
    about_sam = Wording.for_assessment(assessment, nominated_person)
    assert to_sam.outcome_heading(Outcome.HOME_SAFETY) == "Moving around your home safely"
    assert about_sam.outcome_heading(Outcome.HOME_SAFETY) == (
        "Moving around Sam Okafor's home safely"
    )
