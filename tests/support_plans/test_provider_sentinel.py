"""docs/quality.md #8: a provider sees the agreed outcomes and their own support, and nothing else.

A sentinel is planted in every private part of Sam's approved plan, in another provider's line, in
the costs, in the relationship circle and in Sam's financial assessment. The provider user then
opens every page they can reach, and every URL in the service filled in with Sam's ids: each answer
is a 404 or a page without the sentinel. The plan PDFs (when they exist) are a 404 for providers.
"""

import importlib.util
import itertools
import re
from decimal import Decimal
from uuid import uuid4

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from people import services as people_services
from support_plans import services
from support_plans.models import ChartRow, SupportPlan
from tests.builders import add_line

SENTINEL = "SENTINEL-PRIVATE-9Z"
UNIT_COST = "987.65"  # a cost nobody should see but the person and the council
OUTCOME = "I want to get washed and dressed by 9"
OUR_LINE = "Morning visits to help me get up"
SUBJECT_PARAMS = {"person_id", "plan_id", "challenge_id", "assessment_id", "consent_id", "line_id"}


def _plant_financial_sentinel(person, officer):
    from assessments.financial import services as financial
    from assessments.models import MinimumIncomeGuarantee

    assessment = financial.financial_assessment_start(person=person, started_by=officer)
    item = financial.financial_item_add(
        assessment=assessment,
        user=officer,
        details={
            "kind": "income",
            "label": f"Private pension {SENTINEL}",
            "amount": Decimal("412.34"),
            "frequency": "weekly",
            "disregarded": False,
            "disregard_reason": "",
        },
    )
    # SQLite keeps decimals as floats, so the budget's CHECK that the shares add up can fail by a
    # float's width for some figures (1966.61 + 308.69): this age band's figures add up exactly.
    base = MinimumIncomeGuarantee.objects.get(rates=assessment.rates, label="Single, aged 18 to 24")
    financial.financial_assessment_update(
        assessment=assessment, user=officer, data={"mig_base": base}
    )
    return financial.financial_assessment_complete(assessment=assessment, user=officer), item


def _private_plan(person, provider, other_provider, social_worker, approver) -> dict:
    """An approved plan with the sentinel in every part a provider must not see."""
    writer = person.user
    plan = services.plan_start(person=person, user=writer)
    for section, names in services.SECTION_FIELDS.items():
        services.plan_save_section(
            plan=plan,
            user=writer,
            section=section,
            data={name: f"{name} {SENTINEL}" for name in names},
        )
    relative = services.relationship_add(
        plan=plan,
        user=writer,
        details={
            "name": f"Grace {SENTINEL}",
            "relationship_type": "sibling",
            "lives_with_me": True,
            "how_they_know_me": f"Sister {SENTINEL}",
        },
    )
    for chart in ChartRow.Chart.values:
        services.chart_row_add(
            plan=plan,
            user=writer,
            details={"chart": chart, "first": f"{chart} {SENTINEL}", "second": SENTINEL},
        )
    add_line(plan, writer, description=f"Personal assistant {SENTINEL}", payee=relative)
    ours = add_line(
        plan,
        writer,
        description=OUR_LINE,
        quantity="2",
        unit="day",
        cost=UNIT_COST,
        management="council_managed",
        provider=provider,
    )
    add_line(
        plan,
        writer,
        description=f"Day centre {SENTINEL}",
        management="council_managed",
        provider=other_provider,
    )
    services.plan_submit(plan=plan, user=writer)
    services.plan_check(plan=plan, user=social_worker)
    for line in services.lines_needing_necessary_decision(plan):
        services.necessary_decision_record(
            ground="care", line=line, user=social_worker, decision=f"Only Grace can help {SENTINEL}"
        )
    services.plan_decide(plan=plan, user=approver, decision="approved")
    challenge = services.challenge_raise(
        plan=plan, user=writer, what_is_wrong=f"My evenings {SENTINEL}"
    )
    plan.refresh_from_db()
    return {"plan": plan, "line": ours, "challenge": challenge}


@pytest.fixture
def planted(
    eligible_person,
    provider_user,
    provider_org,
    other_provider_org,
    social_worker,
    approver,
    finance_officer,
):
    finances, item = _plant_financial_sentinel(eligible_person, finance_officer)
    made = _private_plan(eligible_person, provider_org, other_provider_org, social_worker, approver)
    assert made["plan"].status == SupportPlan.Status.APPROVED
    return {**made, "finances": finances, "item": item, "person": eligible_person}


def _assert_private(text: str, where: str) -> None:
    assert SENTINEL not in text, f"{where} shows a private detail"
    # Only whole amounts: a bare "987" could turn up by chance in a CSRF token or a UUID.
    for cost in [UNIT_COST, "1,975.30", "1975.30"]:  # the unit cost and its line's weekly cost
        assert cost not in text, f"{where} shows a cost"


def test_provider_sees_only_outcomes_and_their_own_support(client, planted, provider_user):
    client.force_login(provider_user)
    dashboard = client.get(reverse("people:dashboard")).content.decode()
    person_url = reverse("plan_approval:provider_person", args=[planted["person"].id])
    assert person_url in dashboard
    listing = client.get(reverse("plan_approval:provider_people")).content.decode()
    page = client.get(person_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert OUTCOME in text and OUR_LINE in text and "2 days a week" in text
    assert "Sam Okafor" in text
    for where, html in [("dashboard", dashboard), ("list", listing), ("person page", text)]:
        _assert_private(html, where)
    for private in ["£", "Direct payment", "Day centre", "Grace", "12 Mill Lane", "contribution"]:
        assert private not in text, private


def _params(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _all_patterns() -> list[tuple[str, list[str]]]:
    """(url name, parameter names) for every named URL outside the admin."""
    found = []

    def walk(resolver, namespace="", prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if ns != "admin:":
                    walk(pattern, ns, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((f"{namespace}{pattern.name}", _params(route)))

    walk(get_resolver())
    return found


def _candidates(planted) -> dict:
    """Values for each URL parameter: Sam's ids first, then plausible slugs."""
    person, plan = planted["person"], planted["plan"]
    return {
        "person_id": [person.id],
        "plan_id": [plan.id],
        "challenge_id": [planted["challenge"].id],
        "assessment_id": [
            planted["finances"].id,
            *person.needs_assessments.values_list("id", flat=True),
        ],
        "consent_id": list(person.provider_consents.values_list("id", flat=True)),
        "line_id": list(plan.support_lines.values_list("id", flat=True)),
        "item_id": [planted["item"].id],
        "section": [*services.SECTION_FIELDS, "impairment", "wellbeing", "about"],
        "chart": list(ChartRow.Chart.values),
        "kind": ["relationship", "chart", "outcome", "line", "support"],
    }


def _urls_for(name: str, params: list[str], candidates: dict) -> list[str]:
    options = [candidates.get(param) or [uuid4(), 1, "x"] for param in params]
    urls = []
    for values in itertools.islice(itertools.product(*options), 40):
        try:
            urls.append(reverse(name, kwargs=dict(zip(params, values, strict=True))))
        except NoReverseMatch:
            continue
    return urls


def test_no_url_filled_with_sams_ids_shows_the_provider_anything_private(
    client, planted, provider_user
):
    client.force_login(provider_user)
    candidates = _candidates(planted)
    allowed = {"plan_approval:provider_person", "plan_approval:provider_people"}
    checked = 0
    for name, params in _all_patterns():
        for url in _urls_for(name, params, candidates):
            response = client.get(url)
            checked += 1
            body = response.content.decode(errors="replace")
            _assert_private(body, url)
            if set(params) & SUBJECT_PARAMS and name not in allowed:
                assert response.status_code in {404, 405}, (name, url, response.status_code)
    assert checked > 20


def test_plan_pdfs_are_not_found_for_providers(client, planted, provider_user):
    """The other engineer's plan PDFs: whichever exist answer 404 to a provider."""
    names = [name for name, _ in _all_patterns() if name.startswith("plans:") and "pdf" in name]
    if importlib.util.find_spec("support_plans.pdf") is not None:
        assert names, "support_plans.pdf exists but no plans:*pdf* URL was found"
    client.force_login(provider_user)
    candidates = _candidates(planted)
    for name in names:
        urls = _urls_for(name, _params_of(name), candidates)
        assert urls, name
        for url in urls:
            assert client.get(url).status_code == 404, url


def _params_of(name: str) -> list[str]:
    return dict(_all_patterns())[name]


def test_withdrawing_consent_hides_the_person_at_once(client, planted, provider_user):
    person = planted["person"]
    url = reverse("plan_approval:provider_person", args=[person.id])
    client.force_login(provider_user)
    assert client.get(url).status_code == 200
    people_services.consent_withdraw(
        consent=person.provider_consents.get(), withdrawn_by=person.user
    )
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("plan_approval:provider_people")).content.decode()
    assert url not in client.get(reverse("people:dashboard")).content.decode()


def test_another_provider_and_another_person_get_404(
    client, planted, provider_user, other_provider_user, other_person
):
    client.force_login(other_provider_user)
    url = reverse("plan_approval:provider_person", args=[planted["person"].id])
    assert client.get(url).status_code == 404
    client.force_login(provider_user)
    other = reverse("plan_approval:provider_person", args=[other_person.id])
    assert client.get(other).status_code == 404


def test_a_provider_sees_no_plan_until_it_is_approved(
    client, eligible_person, provider_user, provider_org
):
    plan = services.plan_start(person=eligible_person, user=eligible_person.user)
    add_line(plan, eligible_person.user, description=OUR_LINE, provider=provider_org)
    client.force_login(provider_user)
    text = client.get(
        reverse("plan_approval:provider_person", args=[eligible_person.id])
    ).content.decode()
    assert "does not have an approved support plan yet" in text
    assert OUR_LINE not in text and OUTCOME not in text


# Reviews (issue 13): a provider with consent sees the agreed outcomes, the actions given to
# them and the parts of the review the person chose to share. Never money.
SHARED_WORDS = "Mornings with Brightside go well"


@pytest.fixture
def planted_review(planted, person, social_worker, provider_org):
    """Sam's review of the planted plan, held today: the sentinel in every part a provider must
    not see, and only 'what is working' shared with providers."""
    import uuid

    from reviews.meetings.actions import action_add
    from reviews.meetings.record import review_decide
    from reviews.meetings.services import meeting_plan_save, meeting_sharing_save
    from tests.reviews.meetings import SISTER, answer, invite, record, schedule

    meeting = schedule(person, social_worker, place="other", place_details=f"Cafe {SENTINEL}")
    meeting_plan_save(
        meeting=meeting,
        user=person.user,
        topics=f"Money {SENTINEL}",
        communication=f"Breaks {SENTINEL}",
        wants_advocate=True,
        easy_read=False,
    )
    sister = invite(meeting, person.user, {**SISTER, "name": f"Grace {SENTINEL}"})
    brightside = invite(
        meeting,
        person.user,
        {
            "name": "Brightside",
            "relationship": "provider",
            "provider": provider_org,
            "contact": "email",
            "email": "team@brightside.example",
        },
    )
    answer(meeting, sister, None, "link", not_working=f"Evenings {SENTINEL}")
    answer(meeting, None, person.user, "signed_in", important_now=f"Work {SENTINEL}")
    sentinel = {
        name: f"{name} {SENTINEL}"
        for name in [
            "others_present",
            "relationships_notes",
            "budget_notes",
            "like_and_admire",
            "matters_to_me",
            "how_to_support",
            "good_days",
            "bad_days",
            "dream",
            "goal",
            "first_steps",
            "who_will_help",
        ]
    }
    record(meeting, social_worker, working=SHARED_WORDS, not_working="", **sentinel)
    for owner, what in [("person", f"Ring the bank {SENTINEL}"), ("invitee", "Move Tuesdays")]:
        action_add(
            meeting=meeting,
            user=social_worker,
            what=what,
            due_on=meeting.meets_on,
            owner=owner,
            owner_invitee=brightside if owner == "invitee" else None,
            submission_key=str(uuid.uuid4()),
        )
    review_decide(
        meeting=meeting, user=social_worker, decisions=["no_change"], reasons=f"Fine {SENTINEL}"
    )
    meeting_sharing_save(meeting=meeting, user=person.user, shared=["working"])
    return {"meeting": meeting, "invitee": brightside}


def test_a_provider_sees_only_what_sam_shared_of_his_review_and_never_money(
    client, planted_review, person, provider_user
):
    meeting = planted_review["meeting"]
    client.force_login(provider_user)
    ids = {"person_id": person.id, "meeting_id": meeting.id}
    page = client.get(reverse("reviews:provider_review", kwargs=ids))
    assert page.status_code == 200
    text = page.content.decode()
    assert SHARED_WORDS in text and OUTCOME in text and "Move Tuesdays" in text
    _assert_private(text, "the provider's view of the review")
    assert "£" not in text
    budget = meeting.record.budget_lines.get(kind="support", position=0)
    assert f"{budget.planned:,.2f}" not in text
    candidates = {
        "person_id": [person.id],
        "meeting_id": [meeting.id],
        "invitee_id": list(meeting.invitees.values_list("id", flat=True)),
        "action_id": list(meeting.actions.values_list("id", flat=True)),
    }
    allowed = {"reviews:provider_review"}
    for name, params in _all_patterns():
        if not name.startswith("reviews:") or name == "reviews:answer_by_link":
            continue
        for url in _urls_for(name, params, candidates):
            response = client.get(url)
            _assert_private(response.content.decode(errors="replace"), url)
            if name not in allowed and "person_id" in params:
                assert response.status_code in {404, 405}, (name, url, response.status_code)
