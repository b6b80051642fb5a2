"""The financial assessment pages: a finance officer records the money and completes it; the person
and their representative read the contribution and every step; nobody else sees any of it."""

from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.financial import services as financial
from assessments.financial.views import COMPLETED_MESSAGE
from assessments.models import FinancialAssessment, FinancialItem, MinimumIncomeGuarantee
from tests.builders import council_rates

from ..authz.financial_assessment import FINANCE_SENTINEL
from ..builders import set_standard_dre
from ..factories import UserFactory, with_authenticator

# `scenario` is the matrix's fixture: every role, and the objects each area's pages need.
from ..test_authorisation_matrix import MATRIX

D = Decimal
PENSION_AGE = "Single, Pension Credit age or over"


# Helpers -----------------------------------------------------------------------------------------


def _url(name: str, assessment: FinancialAssessment, **extra) -> str:
    kwargs = {"person_id": assessment.person_id, "assessment_id": assessment.id, **extra}
    return reverse(f"financial_assessment:{name}", kwargs=kwargs)


def _mig(assessment, label=PENSION_AGE) -> MinimumIncomeGuarantee:
    return MinimumIncomeGuarantee.objects.get(rates=assessment.rates, label=label)


def _item(**changes) -> dict:
    data = {
        "item-kind": "income",
        "item-label": "State Pension",
        "item-amount": "230.25",
        "item-frequency": "weekly",
        "item-disregard_reason": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _day(name: str, day) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _details(assessment, **changes) -> dict:
    data = {
        **_day("charge_from", assessment.charge_from),
        "told_us": "yes",
        "capital": "18000.00",
        "mig_base": str(_mig(assessment).pk),
        "dre": "standard",
        "pip_without_night_care": "no",
        "has_partner": "no",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _shows_problem(response, message: str) -> bool:
    text = response.content.decode()
    return (
        response.status_code == 200
        and "There is a problem" in text
        and "govuk-error-summary" in text
        and message in text
    )


@pytest.fixture
def officer_client(client, finance_officer):
    client.force_login(finance_officer)
    return client


@pytest.fixture
def draft(person, finance_officer):
    set_standard_dre(person.local_authority)  # the council's £20 a week
    return financial.financial_assessment_start(person=person, started_by=finance_officer)


def _complete(assessment, officer, *, capital="18000.00", cost="300.00", items=()):
    for label, amount, frequency in items:
        financial.financial_item_add(
            assessment=assessment,
            user=officer,
            details={
                "kind": "income",
                "label": label,
                "amount": D(amount),
                "frequency": frequency,
                "disregarded": False,
                "disregard_reason": "",
            },
        )
    financial.financial_assessment_update(
        assessment=assessment,
        user=officer,
        data={"capital": D(capital), "mig_base": _mig(assessment)},
    )
    return financial.financial_assessment_complete(assessment=assessment, user=officer)


def _as_self(client, user, person):
    """Sign in as the person (or their representative) with their record open."""
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    return client


# The finance officer's journey ------------------------------------------------------------------


def test_finance_officer_records_the_money_sees_each_step_and_completes(officer_client, person):
    set_standard_dre(person.local_authority)
    response = officer_client.post(
        reverse("financial_assessment:start", args=[person.id]),
        _day("charge_from", timezone.localdate()),
        follow=True,
    )
    assessment = FinancialAssessment.objects.get(person=person)
    assert "You have started a financial assessment for Sam Okafor" in response.text

    officer_client.post(_url("details", assessment), _details(assessment))
    officer_client.post(_url("item_add", assessment), _item())
    officer_client.post(
        _url("item_add", assessment),
        _item(
            **{"item-label": "Private pension", "item-amount": "400", "item-frequency": "monthly"}
        ),
    )
    officer_client.post(
        _url("item_add", assessment),
        _item(
            **{
                "item-label": "PIP mobility",
                "item-amount": "77.05",
                "item-disregarded": "on",
                "item-disregard_reason": "PIP mobility component",
            }
        ),
    )
    page = officer_client.get(_url("assessment", assessment)).text
    assert "£400.00 every month" in page and "£92.31" in page  # as entered, and × 12 ÷ 52
    assert "No: PIP mobility component" in page
    # 230.25 + 92.31 (77.05 not counted) + £15 tariff − 228.70 MIG − £20 DRE = 88.86
    # Council staff read the working about Sam, by name.
    for step in [
        "Tariff income from Sam Okafor's capital",
        "Disposable income",
        "Sam Okafor's weekly charge",
    ]:
        assert step in unescape(page)
    assert "your capital" not in page.lower()
    assert "Weekly contribution so far: <strong>£88.86</strong>" in page
    assert "£15.00 a week" in page  # tariff income, shown above the working

    response = officer_client.post(_url("complete", assessment), follow=True)
    assessment.refresh_from_db()
    assert assessment.status == "completed" and assessment.weekly_charge == D("88.86")
    assert "Sam Okafor&#x27;s weekly contribution is £88.86" in response.text
    assert "Remove" not in response.text and "Add an income" not in response.text


def test_actual_disability_costs_and_the_local_pip_rule_show_as_steps(
    officer_client, draft, finance_officer
):
    draft.rates.pip_night_care_disregard_weekly = D("25.00")
    draft.rates.save()
    officer_client.post(
        _url("details", draft), _details(draft, dre="actual", pip_without_night_care="yes")
    )
    for kind, label, amount, income_type in [
        ("income", "PIP daily living", "108.55", "pip_daily_living_enhanced"),
        ("dre", "Extra heating", "12.00", ""),
        ("housing", "Rent", "90.00", ""),
    ]:
        data = _item(
            **{
                "item-kind": kind,
                "item-label": label,
                "item-amount": amount,
                "item-income_type": income_type,
            }
        )
        officer_client.post(_url("item_add", draft), data)
    page = unescape(officer_client.get(_url("assessment", draft)).text)
    assert "We do not count: part of PIP daily living" in page
    assert "no care is provided at night, so we do not count the difference" in page
    assert "to the lower rate: £25 a week." in page
    assert "Disability-related expense: Extra heating" in page
    assert "Housing cost: Rent" in page
    assert "standard allowance" not in page.split("How we worked it out")[-1]
    draft.refresh_from_db()
    assert draft.pip_enhanced_without_night_care and not draft.uses_standard_dre


def test_removing_an_item_takes_it_out_of_the_working(officer_client, draft, finance_officer):
    officer_client.post(_url("item_add", draft), _item(**{"item-label": "Wrong pension"}))
    item = draft.items.get()
    assert "Wrong pension" in officer_client.get(_url("item_remove", draft, item_id=item.id)).text
    response = officer_client.post(_url("item_remove", draft, item_id=item.id), follow=True)
    assert "Removed: Wrong pension." in response.text
    assert not draft.items.exists()


def test_the_confirmation_page_shows_the_contribution_before_completing(
    officer_client, draft, finance_officer
):
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={"mig_base": _mig(draft)},
    )
    page = officer_client.get(_url("complete", draft)).text
    assert "weekly contribution will be <strong>£0.00</strong>" in page
    assert "nobody can change it" in page


def test_completing_without_a_mig_rate_explains_what_to_do(officer_client, draft):
    response = officer_client.post(_url("complete", draft))
    assert _shows_problem(response, "Choose the Minimum Income Guarantee rate")
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_starting_a_second_one_points_to_the_one_in_progress(officer_client, draft, person):
    page = officer_client.get(reverse("financial_assessment:start", args=[person.id])).text
    assert "Carry on with it" in page and "Start the assessment" not in page
    response = officer_client.post(
        reverse("financial_assessment:start", args=[person.id]),
        _day("charge_from", timezone.localdate()),
    )
    assert _shows_problem(response, "There is already a financial assessment in progress")
    assert FinancialAssessment.objects.count() == 1


def test_list_shows_each_assessment_and_the_start_button_only_to_finance_staff(
    client, draft, finance_officer, social_worker, person
):
    url = reverse("financial_assessment:list", args=[person.id])
    client.force_login(finance_officer)
    assert "Carry on with the assessment in progress" in client.get(url).text
    client.force_login(social_worker)
    page = client.get(url).text
    assert "In progress" in page and "Start a financial assessment" not in page


def test_the_person_record_links_to_the_financial_assessments(client, person, social_worker):
    client.force_login(social_worker)
    page = client.get(reverse("people:person_detail", args=[person.id])).text
    assert reverse("financial_assessment:list", args=[person.id]) in page


# What the person and their representative see ----------------------------------------------------


def test_person_sees_their_contribution_and_every_step(client, person, draft, finance_officer):
    done = _complete(
        draft, finance_officer, items=[("State Pension", "230.25", "weekly")], capital="0"
    )
    page = _as_self(client, person.user, person).get(_url("assessment", done)).text
    assert f"Your weekly contribution is <strong>£{done.weekly_charge}</strong>" in page
    assert "This is how we worked it out" in page
    for step in done.result_steps:
        assert step["label"] in page
        assert f"£{D(step['amount']):,.2f}" in page
    assert "Remove" not in page and "Change" not in page


def test_representative_sees_the_contribution_by_the_persons_name(
    client, nominated_person, represented_person, finance_officer
):
    draft = financial.financial_assessment_start(
        person=represented_person, started_by=finance_officer
    )
    done = _complete(draft, finance_officer, items=[("Pension", "300.00", "weekly")])
    page = _as_self(client, nominated_person, represented_person).get(_url("assessment", done))
    assert "Margaret Hughes's weekly contribution is" in page.text


def test_person_sees_no_figures_while_the_council_is_still_working(
    client, person, draft, finance_officer
):
    financial.financial_assessment_update(
        assessment=draft, user=finance_officer, data={"capital": D("17777.00")}
    )
    page = _as_self(client, person.user, person).get(_url("assessment", draft)).text
    assert "The council is still working out how much you will pay" in page
    assert "17,777" not in page and "Weekly contribution" not in page


def test_declining_to_disclose_means_full_cost_and_the_page_says_so(
    officer_client, client, person, draft
):
    officer_client.post(
        _url("details", draft),
        _details(draft, told_us="no", mig_base=None),
    )
    page = officer_client.get(_url("assessment", draft)).text
    assert (
        "Sam Okafor chose not to tell us about their money, so they pay the full approved cost "
        "of their care, set when their plan is approved" in page
    )
    officer_client.post(_url("complete", draft))
    page = _as_self(client, person.user, person).get(_url("assessment", draft)).text
    assert (
        "Your weekly contribution is <strong>the full approved cost of your care</strong>. The "
        "cost will be set when your care and support plan is approved." in page
    )
    assert (
        "You chose not to tell us about your money, so you pay the full cost of your care" in page
    )


# Bad input: the error summary, the typed value kept, nothing saved, no 500 -----------------------

BAD_AMOUNTS = [
    ("", "Enter the amount, like 82.50"),
    ("   ", "Enter the amount, like 82.50"),
    ("-5", "Amounts cannot be negative"),
    ("-0.01", "Amounts cannot be negative"),
    ("abc", "Enter an amount in pounds and pence, like 82.50"),
    ("1e5", "Enter an amount in pounds and pence, like 82.50"),
    ("12.345", "Enter an amount in pounds and pence, like 82.50"),
    ("NaN", "Enter an amount in pounds and pence, like 82.50"),
    ("Infinity", "Enter an amount in pounds and pence, like 82.50"),
    ("12,34", "Enter an amount in pounds and pence, like 82.50"),
    ("99999999999", "That amount is too large"),
    ("1" + "0" * 40, "That amount is too large"),
    ("<script>alert(1)</script>", "Enter an amount in pounds and pence, like 82.50"),
    ("\x00", "Enter an amount in pounds and pence, like 82.50"),
    ("٣٤", "Enter an amount in pounds and pence, like 82.50"),
]


@pytest.mark.parametrize(("amount", "message"), BAD_AMOUNTS)
def test_a_bad_item_amount_is_explained_kept_and_nothing_saved(
    officer_client, draft, amount, message
):
    response = officer_client.post(_url("item_add", draft), _item(**{"item-amount": amount}))
    assert _shows_problem(response, message)
    assert 'value="State Pension"' in response.text
    if amount.strip() and amount.isprintable() and "<" not in amount:
        assert f'value="{amount}"' in response.text
    assert not FinancialItem.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"item-kind": None}, "Choose income, housing cost or disability-related expense"),
        ({"item-kind": "salary"}, "Choose income, housing cost or disability-related expense"),
        ({"item-frequency": None}, "Choose how often it is paid"),
        ({"item-frequency": "hourly"}, "Choose how often it is paid"),
        ({"item-label": ""}, "Enter what the income or cost is"),
        ({"item-label": "x" * 151}, "Describe it in 150 characters or fewer"),
        ({"item-disregarded": "on"}, "Say why this income is not counted"),
        (
            {"item-kind": "housing", "item-disregarded": "on", "item-disregard_reason": "x"},
            "Only income can be disregarded",
        ),
        ({"item-disregard_reason": "y" * 201}, "Give the reason in 200 characters or fewer"),
    ],
)
def test_other_item_mistakes_are_explained_and_nothing_saved(
    officer_client, draft, changes, message
):
    response = officer_client.post(_url("item_add", draft), _item(**changes))
    assert _shows_problem(response, message)
    assert 'value="230.25"' in response.text
    assert not FinancialItem.objects.exists()


@pytest.mark.parametrize(("amount", "message"), BAD_AMOUNTS[2:])
@pytest.mark.parametrize("field", ["capital"])
def test_bad_capital_or_cost_of_care_is_explained_and_nothing_saved(
    officer_client, draft, field, amount, message
):
    response = officer_client.post(_url("details", draft), _details(draft, **{field: amount}))
    assert _shows_problem(response, message)
    draft.refresh_from_db()
    assert draft.capital == D("0.00") and draft.mig_base is None


def test_missing_capital_and_cost_of_care_say_what_to_enter(officer_client, draft):
    response = officer_client.post(_url("details", draft), _details(draft, capital=""))
    assert _shows_problem(response, "Enter the capital, or 0 if they have none")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mig_base": "abc"}, "Choose a Minimum Income Guarantee rate from the list"),
        ({"mig_base": "9" * 30}, "Choose a Minimum Income Guarantee rate from the list"),
        ({"has_partner": "maybe"}, "Choose whether the person has a partner"),
        ({"joint_capital_share": "150"}, "share as a percentage from 0 to 100"),
        ({"dre": "both"}, "Choose the standard allowance or actual costs"),
        ({"dre": None}, "Choose the standard allowance or actual costs"),
        ({"told_us": "maybe"}, "Choose whether the person told us about their money"),
        ({"told_us": None}, "Choose whether the person told us about their money"),
        ({"pip_without_night_care": "1"}, "Choose whether care is provided at night"),
    ],
)
def test_junk_choices_are_explained_and_nothing_saved(officer_client, draft, changes, message):
    response = officer_client.post(_url("details", draft), _details(draft, **changes))
    assert _shows_problem(response, message)
    assert 'value="18000.00"' in response.text
    draft.refresh_from_db()
    assert draft.capital == D("0.00")


def test_another_councils_mig_rate_is_refused(officer_client, draft, other_council):
    foreign_rates = council_rates(other_council, draft.rates.financial_year)
    foreign = MinimumIncomeGuarantee.objects.filter(rates=foreign_rates, kind="base").first()
    response = officer_client.post(_url("details", draft), _details(draft, mig_base=foreign.pk))
    assert _shows_problem(response, "Choose a Minimum Income Guarantee rate from the list")
    draft.refresh_from_db()
    assert draft.mig_base is None


def test_amounts_with_a_pound_sign_and_commas_are_understood(officer_client, draft):
    officer_client.post(_url("details", draft), _details(draft, capital="£18,000"))
    draft.refresh_from_db()
    assert draft.capital == D("18000.00")


# A completed assessment is read-only ------------------------------------------------------------


def test_changes_to_a_completed_assessment_are_refused_kindly(
    officer_client, draft, finance_officer
):
    done = _complete(draft, finance_officer, items=[("State Pension", "230.25", "weekly")])
    item = done.items.get()
    attempts = [
        (_url("details", done), _details(done, capital="1.00")),
        (_url("item_add", done), _item()),
        (_url("item_remove", done, item_id=item.id), {}),
        (_url("complete", done), {}),
    ]
    for url, data in attempts:
        response = officer_client.post(url, data, follow=True)
        assert response.redirect_chain[-1][0] == _url("assessment", done)
        assert COMPLETED_MESSAGE in response.text.replace("&#x27;", "'")
    done.refresh_from_db()
    assert done.capital == D("18000.00") and done.items.count() == 1


def test_editing_the_rates_later_does_not_change_what_a_completed_assessment_shows(
    client, person, draft, finance_officer
):
    done = _complete(draft, finance_officer, items=[("State Pension", "330.25", "weekly")])
    before = done.weekly_charge
    MinimumIncomeGuarantee.objects.filter(pk=done.mig_base_id).update(weekly_amount=D("999.99"))
    page = _as_self(client, person.user, person).get(_url("assessment", done)).text
    assert f"Your weekly contribution is <strong>£{before}</strong>" in page
    assert "£228.70" in page and "£999.99" not in page


# Nobody else sees or changes it --------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["person", "social_worker", "provider_user", "other_la_staff", "stranger"]
)
def test_only_finance_staff_can_post_changes(client, draft, role, request):
    user = request.getfixturevalue(role)
    user = user.user if role == "person" else user
    client.force_login(user)
    if role == "person":
        client.post(reverse("people:acting_for"), {"person": draft.person_id})
    financial.financial_item_add(
        assessment=draft,
        user=request.getfixturevalue("finance_officer"),
        details={
            "kind": "income",
            "label": "Pension",
            "amount": D("1.00"),
            "frequency": "weekly",
            "disregarded": False,
            "disregard_reason": "",
        },
    )
    item = draft.items.get()
    for url, data in [
        (_url("details", draft), _details(draft)),
        (_url("item_add", draft), _item()),
        (_url("item_remove", draft, item_id=item.id), {}),
        (_url("complete", draft), {}),
        (reverse("financial_assessment:start", args=[draft.person_id]), {}),
    ]:
        assert client.post(url, data).status_code == 404, url
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.capital == D("0.00") and draft.items.count() == 1
    assert FinancialAssessment.objects.count() == 1


def test_an_item_of_another_assessment_cannot_be_removed_through_this_one(
    officer_client, draft, finance_officer, other_person
):
    theirs = financial.financial_assessment_start(person=other_person, started_by=finance_officer)
    item = financial.financial_item_add(
        assessment=theirs,
        user=finance_officer,
        details={
            "kind": "income",
            "label": "Pension",
            "amount": D("1.00"),
            "frequency": "weekly",
            "disregarded": False,
            "disregard_reason": "",
        },
    )
    assert officer_client.post(_url("item_remove", draft, item_id=item.id)).status_code == 404
    assert theirs.items.exists()


def test_providers_never_see_the_sentinel_on_any_page_they_can_reach(client, request):
    world = request.getfixturevalue("scenario")  # every role and every area's objects
    person = world["subject"]
    _as_self(client, person.user, person)
    assert FINANCE_SENTINEL in client.get(_url("assessment", world["finances"])).text
    for role in ["provider_user", "other_provider_user"]:
        client.force_login(world["users"][role])
        for url_name, (kwargs_for, _expected) in MATRIX.items():
            url = reverse(url_name, kwargs=kwargs_for(world) if kwargs_for else None)
            response = client.get(url, follow=True)
            assert FINANCE_SENTINEL not in response.content.decode(errors="replace"), (role, url)
        # Still signed in as the provider: no page above signed them out.
        assert "People you support" in client.get(reverse("people:dashboard")).text


# Pages stay fast as the data grows ------------------------------------------------------------


def _add_items(assessment, officer, n):
    for i in range(n):
        financial.financial_item_add(
            assessment=assessment,
            user=officer,
            details={
                "kind": ["income", "housing", "dre"][i % 3],
                "label": f"Item {i}",
                "amount": D("10.00"),
                "frequency": ["weekly", "monthly"][i % 2],
                "disregarded": False,
                "disregard_reason": "",
            },
        )


def _queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_working_page_queries_do_not_grow_with_the_items(
    officer_client, draft, finance_officer, django_assert_max_num_queries
):
    financial.financial_assessment_update(
        assessment=draft,
        user=finance_officer,
        data={"mig_base": _mig(draft), "mig_premiums": [_mig(draft, "Disability premium, single")]},
    )
    url = _url("assessment", draft)
    _add_items(draft, finance_officer, 3)
    few = _queries(officer_client, url, django_assert_max_num_queries)
    _add_items(draft, finance_officer, 30)
    assert _queries(officer_client, url, django_assert_max_num_queries) == few


def test_result_page_queries_do_not_grow_with_the_items(
    client, person, finance_officer, django_assert_max_num_queries
):
    counts = []
    for n in (2, 20):
        draft = financial.financial_assessment_start(person=person, started_by=finance_officer)
        _add_items(draft, finance_officer, n)
        done = _complete(draft, finance_officer)
        _as_self(client, person.user, person)
        counts.append(_queries(client, _url("assessment", done), django_assert_max_num_queries))
    assert counts[0] == counts[1]


# The rates are edited in the service administration -------------------------------------------


def test_only_superusers_edit_the_rates_in_the_admin(client, draft, finance_officer):
    url = reverse("admin:assessments_chargingrates_change", args=[draft.rates.pk])
    client.force_login(finance_officer)
    assert client.get(url).status_code == 302
    client.force_login(with_authenticator(UserFactory(is_staff=True, is_superuser=True)))
    page = client.get(url)
    assert page.status_code == 200 and PENSION_AGE in page.text
    assert client.get(reverse("admin:assessments_chargingrates_changelist")).status_code == 200
    assert client.get(reverse("admin:assessments_resourceallocationtable_add")).status_code == 200
