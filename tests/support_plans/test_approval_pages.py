"""The council's review pages through the test client: check, decide, challenge, what changed.

Every transition, the forbidden ones (404 for outsiders, a clear error for broken rules), and bad
input for every form (docs/quality.md #14): the error summary, what was typed kept, nothing saved.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from support_plans import services
from support_plans.models import ApprovalDecision, BudgetChallenge, SupportPlan
from tests.builders import add_line, complete_eligible_assessment, ready_plan

from ..factories import PersonFactory, UserFactory

Status = SupportPlan.Status


def _url(name: str, plan: SupportPlan, **kwargs) -> str:
    return reverse(f"plan_approval:{name}", kwargs={"person_id": plan.person_id, **kwargs})


def _check_url(plan):
    return _url("check", plan, plan_id=plan.id)


def _decide_url(plan):
    return _url("decide", plan, plan_id=plan.id)


def _challenge_url(plan):
    return _url("challenge", plan, plan_id=plan.id)


def _decisions_url(person):
    return reverse("plan_approval:decisions", kwargs={"person_id": person.id})


def _submitted(person, writer=None) -> SupportPlan:
    writer = writer or person.user
    plan = ready_plan(person, writer)
    services.plan_submit(plan=plan, user=writer)
    return plan


def _checked(person, social_worker, writer=None) -> SupportPlan:
    plan = _submitted(person, writer)
    return services.plan_check(plan=plan, user=social_worker)


def _approved(person, social_worker, approver) -> SupportPlan:
    plan = _checked(person, social_worker)
    services.plan_decide(plan=plan, user=approver, decision="approved")
    plan.refresh_from_db()
    return plan


def _error_summary(response) -> list[str]:
    """The messages in the GOV.UK error summary (fails if there is none)."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    summary = re.search(r'class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary"
    return [unescape(text) for text in re.findall(r"<a href=\"#[^\"]*\">([^<]*)</a>", summary[0])]


def _text(response) -> str:
    return unescape(response.content.decode())


# Checking


def test_social_worker_checks_a_submitted_plan_from_the_queue(
    client, eligible_person, social_worker
):
    plan = _submitted(eligible_person)
    client.force_login(social_worker)
    queue = _text(client.get(reverse("plan_approval:queue")))
    assert "Waiting to be checked" in queue and "Sam Okafor" in queue
    assert _check_url(plan) in queue

    page = _text(client.get(_check_url(plan)))
    assert "Check Sam Okafor's support plan" in page
    assert "I want to get washed and dressed by 9" in page  # the plan, read-only
    assert "Checked: send for approval" in page

    response = client.post(_check_url(plan), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plan_approval:queue")
    assert "Sam Okafor's plan is checked and has been sent for approval." in _text(response)
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED and plan.checked_by == social_worker


def test_checking_a_plan_twice_says_why_and_changes_nothing(client, eligible_person, social_worker):
    plan = _checked(eligible_person, social_worker)
    checked_at = plan.checked_at
    client.force_login(social_worker)
    response = client.post(_check_url(plan), follow=True)
    assert "Only a plan that has been sent can be checked." in _text(response)
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED and plan.checked_at == checked_at


@pytest.mark.parametrize("role", ["person", "approver", "finance_officer", "provider_user"])
def test_only_social_workers_and_administrators_can_check(
    client, eligible_person, approver, finance_officer, provider_user, role
):
    plan = _submitted(eligible_person)
    user = {
        "person": eligible_person.user,
        "approver": approver,
        "finance_officer": finance_officer,
        "provider_user": provider_user,
    }[role]
    client.force_login(user)
    assert client.get(_check_url(plan)).status_code == 404
    assert client.post(_check_url(plan)).status_code == 404
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED


# Deciding


def test_approver_sees_the_comparison_and_approves_with_the_final_budget(
    client, eligible_person, social_worker, approver
):
    plan = _checked(eligible_person, social_worker)
    client.force_login(approver)
    queue = _text(client.get(reverse("plan_approval:queue")))
    assert "Waiting for approval" in queue and _decide_url(plan) in queue

    page = _text(client.get(_decide_url(plan)))
    assert "Decide on Sam Okafor's support plan" in page
    assert "costs £7,800.00 a year less than the indicative budget of £15,600.00" in page
    assert "Nothing stops you approving this plan." in page

    response = client.post(_decide_url(plan), {"decision": "approved", "reason": ""}, follow=True)
    page = _text(response)
    assert "Sam Okafor's plan is approved." in page
    assert "The final personal budget" in page
    assert "£150.00 a week, paid every 4 weeks, in advance" in page
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED and plan.weekly_la_share == plan.weekly_total


def test_approver_asks_for_changes_and_the_person_sees_who_when_and_why(
    client, eligible_person, social_worker, approver
):
    plan = _checked(eligible_person, social_worker)
    client.force_login(approver)
    client.post(
        _decide_url(plan),
        {"decision": "changes_requested", "reason": "Add who helps in the evenings"},
    )
    plan.refresh_from_db()
    assert plan.status == Status.CHANGES_REQUESTED

    client.force_login(eligible_person.user)
    page = _text(client.get(_decisions_url(eligible_person)))
    assert "Decisions about your plan" in page
    assert "Changes asked for" in page and "Priya Natarajan" in page
    assert "Add who helps in the evenings" in page
    assert "Challenge the budget" not in page  # nothing decided on the money yet


def test_declined_plan_is_challenged_and_the_person_sees_the_answer(
    client, eligible_person, social_worker, approver
):
    plan = _checked(eligible_person, social_worker)
    client.force_login(approver)
    client.post(_decide_url(plan), {"decision": "declined", "reason": "Needs are met elsewhere"})
    plan.refresh_from_db()
    assert plan.status == Status.DECLINED

    client.force_login(eligible_person.user)
    page = _text(client.get(_decisions_url(eligible_person)))
    assert "Needs are met elsewhere" in page and _challenge_url(plan) in page
    response = client.post(
        _challenge_url(plan), {"what_is_wrong": "My evenings are not covered"}, follow=True
    )
    assert "Your challenge has been sent to the council." in _text(response)
    challenge = BudgetChallenge.objects.get()
    assert challenge.raised_by == eligible_person.user

    client.force_login(approver)
    queue = _text(client.get(reverse("plan_approval:queue")))
    answer_url = reverse(
        "plan_approval:challenge_answer",
        kwargs={"person_id": eligible_person.id, "challenge_id": challenge.id},
    )
    assert "My evenings are not covered" in queue and answer_url in queue
    client.post(answer_url, {"answer": "A social worker will visit to review your evenings"})
    challenge.refresh_from_db()
    assert challenge.status == BudgetChallenge.Status.ANSWERED

    client.force_login(eligible_person.user)
    page = _text(client.get(_decisions_url(eligible_person)))
    assert "A social worker will visit to review your evenings" in page
    assert "Waiting for a reply" not in page


def test_approved_plan_can_be_challenged_by_the_nominated_person(
    client, council, social_worker, approver, nominated_person, represented_person
):
    complete_eligible_assessment(represented_person, social_worker, indicative_weekly="300.00")
    plan = ready_plan(represented_person, nominated_person)
    services.plan_submit(plan=plan, user=nominated_person)
    services.plan_check(plan=plan, user=social_worker)
    services.plan_decide(plan=plan, user=approver, decision="approved")
    client.force_login(nominated_person)
    page = _text(client.get(_decisions_url(represented_person)))
    assert "Decisions about Margaret Hughes's plan" in page
    client.post(_challenge_url(plan), {"what_is_wrong": "Mum needs more help at night"})
    assert BudgetChallenge.objects.get().raised_by == nominated_person


def test_approver_cannot_approve_a_plan_they_wrote(
    client, eligible_person, social_worker, approver
):
    plan = _checked(eligible_person, social_worker, writer=approver)
    client.force_login(approver)
    page = _text(client.get(_decide_url(plan)))
    assert "You wrote, sent or checked this plan, so someone else must approve it." in page
    errors = _error_summary(client.post(_decide_url(plan), {"decision": "approved"}))
    assert errors == ["You wrote, sent or checked this plan, so someone else must approve it."]
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED and not plan.decisions.exists()


def test_an_unchecked_plan_cannot_be_approved(client, eligible_person, approver):
    plan = _submitted(eligible_person)
    client.force_login(approver)
    assert "Your decision" not in _text(client.get(_decide_url(plan)))
    errors = _error_summary(client.post(_decide_url(plan), {"decision": "approved"}))
    assert errors == ["The plan must be checked by a social worker first."]
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED and not plan.decisions.exists()


@pytest.mark.parametrize("role", ["social_worker", "provider_user", "la_admin", "person"])
def test_only_approvers_reach_the_decision(
    client, eligible_person, social_worker, la_admin, provider_user, role
):
    plan = _checked(eligible_person, social_worker)
    user = {
        "social_worker": social_worker,
        "provider_user": provider_user,
        "la_admin": la_admin,
        "person": eligible_person.user,
    }[role]
    client.force_login(user)
    assert client.get(_decide_url(plan)).status_code == 404
    assert client.post(_decide_url(plan), {"decision": "approved"}).status_code == 404
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED and not plan.decisions.exists()


def test_plan_over_the_indicative_budget_needs_a_senior_approver(
    client, eligible_person, social_worker, limited_approver, senior_approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    add_line(plan, eligible_person.user, description="Day service", quantity="5", cost="40.00")
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    client.force_login(limited_approver)
    queue = _text(client.get(reverse("plan_approval:queue")))
    assert "Over" in queue and "£350.00" in queue
    page = _text(client.get(_decide_url(plan)))
    assert (
        "This plan costs more than the indicative budget, so it needs a senior approver: "
        "an approver with no yearly limit." in page
    )
    assert _error_summary(client.post(_decide_url(plan), {"decision": "approved"}))
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED

    client.force_login(senior_approver)
    client.post(_decide_url(plan), {"decision": "approved"})
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED


def test_lines_paying_a_close_relative_are_shown_to_the_approver(
    client, eligible_person, social_worker, approver
):
    plan = ready_plan(eligible_person, eligible_person.user)
    sister = services.relationship_add(
        plan=plan,
        user=eligible_person.user,
        details={"name": "Grace", "relationship_type": "sibling", "lives_with_me": True},
    )
    add_line(plan, eligible_person.user, description="Grace's help", payee=sister)
    services.plan_submit(plan=plan, user=eligible_person.user)
    services.plan_check(plan=plan, user=social_worker)
    client.force_login(approver)
    page = _text(client.get(_decide_url(plan)))
    assert "Paying a close relative or partner" in page
    assert "Grace's help: paid to Grace" in page and "Not decided yet" in page
    assert "record the council's decision that this is necessary first" in page


def test_other_councils_staff_get_404_and_an_empty_queue(
    client, eligible_person, social_worker, approver, other_council
):
    from people.models import StaffRole

    from ..factories import staff_user

    plan = _approved(eligible_person, social_worker, approver)
    challenge = services.challenge_raise(plan=plan, user=eligible_person.user, what_is_wrong="x")
    urls = [
        _check_url(plan),
        _decide_url(plan),
        _url("compare", plan, plan_id=plan.id),
        _decisions_url(eligible_person),
        _challenge_url(plan),
        _url("challenge_answer", plan, challenge_id=challenge.id),
    ]
    for role in [StaffRole.SOCIAL_WORKER, StaffRole.APPROVER, StaffRole.ADMINISTRATOR]:
        client.force_login(staff_user(other_council, role))
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)
            assert client.post(url, {"decision": "approved", "answer": "x"}).status_code == 404
        queue = _text(client.get(reverse("plan_approval:queue")))
        assert "Sam Okafor" not in queue
    challenge.refresh_from_db()
    assert challenge.status == BudgetChallenge.Status.OPEN


def test_another_person_cannot_see_or_challenge_the_plan(
    client, eligible_person, social_worker, approver, other_person
):
    plan = _approved(eligible_person, social_worker, approver)
    client.force_login(other_person.user)
    assert client.get(_decisions_url(eligible_person)).status_code == 404
    assert client.post(_challenge_url(plan), {"what_is_wrong": "x"}).status_code == 404
    assert not BudgetChallenge.objects.exists()


# What changed


def test_compare_shows_before_and_after_and_who_approved_each_revision(
    client, eligible_person, social_worker, approver, senior_approver
):
    first = _approved(eligible_person, social_worker, approver)
    second = services.plan_revise(plan=first, user=eligible_person.user, reason="Evenings too")
    add_line(second, eligible_person.user, description="Evening call", quantity="7", cost="18")
    services.plan_submit(plan=second, user=eligible_person.user)
    services.plan_check(plan=second, user=social_worker)
    services.plan_decide(plan=second, user=senior_approver, decision="approved")

    client.force_login(eligible_person.user)
    page = _text(client.get(_url("compare", second, plan_id=second.id)))
    assert "What changed: before and after" in page
    assert "Support: Evening call" in page and "(not in this revision)" in page
    assert "£7,800.00" in page and "£14,352.00" in page  # total a year before and after
    assert "Why it changed: Evenings too" in page
    assert "Priya Natarajan" in page and "Dana Senior" in page  # who approved each revision
    assert "(revision 1)" in page and "(revision 2)" in page

    first_page = _text(client.get(_url("compare", first, plan_id=first.id)))
    assert "This is the first revision of the plan" in first_page


def test_compare_for_a_plan_of_someone_else_is_404(client, eligible_person, social_worker):
    plan = _submitted(eligible_person)
    other = PersonFactory(local_authority=eligible_person.local_authority, user=UserFactory())
    client.force_login(other.user)
    assert client.get(_url("compare", plan, plan_id=plan.id)).status_code == 404
    client.force_login(social_worker)
    wrong_person = reverse(
        "plan_approval:compare", kwargs={"person_id": other.id, "plan_id": plan.id}
    )
    assert client.get(wrong_person).status_code == 404


# Bad input (docs/quality.md #14)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, ["Choose approve, ask for changes or decline"]),
        ({"decision": "approve-it-please"}, ["Choose approve, ask for changes or decline"]),
        (
            {"decision": "changes_requested", "reason": "   "},
            ["Give the reason, so the person knows what to do next"],
        ),
        ({"decision": "declined"}, ["Give the reason, so the person knows what to do next"]),
        (
            {"decision": "declined", "reason": "x" * 5001},
            ["Keep this to 5,000 characters or fewer"],
        ),
        ({"decision": "declined", "reason": "bad\x00byte"}, ["Null characters are not allowed."]),
    ],
)
def test_bad_decisions_show_the_error_summary_and_save_nothing(
    client, eligible_person, social_worker, approver, data, errors
):
    plan = _checked(eligible_person, social_worker)
    client.force_login(approver)
    response = client.post(_decide_url(plan), data)
    assert _error_summary(response) == errors
    if data.get("decision") == "changes_requested":
        assert re.search(r'value="changes_requested"[^>]*checked', response.content.decode())
    plan.refresh_from_db()
    assert plan.status == Status.CHECKED and not ApprovalDecision.objects.exists()


def test_a_reason_typed_before_an_error_is_kept(client, eligible_person, approver):
    plan = _submitted(eligible_person)  # not checked: the service refuses
    client.force_login(approver)
    response = client.post(
        _decide_url(plan), {"decision": "changes_requested", "reason": "Please add the evenings"}
    )
    assert _error_summary(response) == ["Only a plan waiting for approval can be decided."]
    assert "Please add the evenings</textarea>" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Tell us what you think is wrong with the budget"),
        ({"what_is_wrong": "  "}, "Tell us what you think is wrong with the budget"),
        ({"what_is_wrong": "y" * 5001}, "Keep this to 5,000 characters or fewer"),
        ({"what_is_wrong": ["a", "b"]}, None),  # a repeated field is read as its last value
    ],
)
def test_bad_challenges_show_the_error_summary_and_save_nothing(
    client, eligible_person, social_worker, approver, data, error
):
    plan = _approved(eligible_person, social_worker, approver)
    client.force_login(eligible_person.user)
    response = client.post(_challenge_url(plan), data)
    if error is None:
        assert response.status_code == 302
        return
    assert _error_summary(response) == [error]
    assert not BudgetChallenge.objects.exists()


def test_challenging_before_a_decision_keeps_the_words(client, eligible_person):
    plan = _submitted(eligible_person)
    client.force_login(eligible_person.user)
    response = client.post(_challenge_url(plan), {"what_is_wrong": "Too little for evenings"})
    assert _error_summary(response) == [
        "You can challenge the budget once the council has decided on the plan."
    ]
    assert "Too little for evenings</textarea>" in response.content.decode()
    assert not BudgetChallenge.objects.exists()


def test_bad_answers_show_the_error_summary_and_an_answer_is_given_once(
    client, eligible_person, social_worker, approver, senior_approver
):
    plan = _approved(eligible_person, social_worker, approver)
    challenge = services.challenge_raise(plan=plan, user=eligible_person.user, what_is_wrong="x")
    url = _url("challenge_answer", plan, challenge_id=challenge.id)
    client.force_login(senior_approver)
    assert _error_summary(client.post(url, {"answer": ""})) == ["Write your answer"]
    assert _error_summary(client.post(url, {"answer": "\x00"})) == [
        "Null characters are not allowed."
    ]
    challenge.refresh_from_db()
    assert challenge.status == BudgetChallenge.Status.OPEN
    client.post(url, {"answer": "We will review it"})
    response = client.post(url, {"answer": "Second thoughts"})
    assert _error_summary(response) == ["This challenge has already been answered."]
    assert "Second thoughts</textarea>" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.answer == "We will review it"


@pytest.mark.parametrize(
    "name", ["check", "decide", "compare", "challenge", "challenge_answer", "provider_person"]
)
def test_made_up_ids_are_404_not_500(client, eligible_person, la_admin, approver, name):
    from uuid import uuid4

    client.force_login(approver if name in {"decide", "challenge_answer"} else la_admin)
    kwargs = {"person_id": eligible_person.id}
    kwargs |= {"challenge_id": uuid4()} if name == "challenge_answer" else {}
    kwargs |= {"plan_id": uuid4()} if name in {"check", "decide", "compare", "challenge"} else {}
    if name == "provider_person":
        kwargs = {"person_id": uuid4()}
    assert client.get(reverse(f"plan_approval:{name}", kwargs=kwargs)).status_code == 404


# Speed (docs/quality.md #20)


def _waiting_plans(council, social_worker, approver, n: int) -> None:
    """n people with plans waiting to be checked or approved, and as many open challenges."""
    for index in range(n):
        person = PersonFactory(local_authority=council, user=UserFactory())
        complete_eligible_assessment(person, social_worker)
        plan = _submitted(person)
        if index % 3:
            services.plan_check(plan=plan, user=social_worker)
        if index % 3 == 2:
            services.plan_decide(plan=plan, user=approver, decision="declined", reason="No")
            services.challenge_raise(plan=plan, user=person.user, what_is_wrong="Too low")


def test_queue_makes_the_same_queries_for_3_or_9_people(
    client, council, social_worker, approver, django_assert_max_num_queries
):
    client.force_login(approver)
    url = reverse("plan_approval:queue")

    def queries() -> int:
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    _waiting_plans(council, social_worker, approver, 3)
    few = queries()
    _waiting_plans(council, social_worker, approver, 6)
    assert queries() == few
    page = client.get(url).content.decode()
    assert page.count("/decide/") == 3 and page.count("/answer/") == 3  # of 9 people


def test_decision_and_history_pages_make_the_same_queries_for_1_or_8_lines(
    client, eligible_person, social_worker, approver, django_assert_max_num_queries
):
    """The plan is read with a fixed number of queries, however long it is."""
    few_lines = _checked(eligible_person, social_worker)
    other = PersonFactory(local_authority=eligible_person.local_authority, user=UserFactory())
    complete_eligible_assessment(other, social_worker, indicative_weekly="300.00")
    many_lines = ready_plan(other, other.user)
    for number in range(7):
        add_line(many_lines, other.user, description=f"Support {number}", quantity="1", cost="1")
    services.plan_submit(plan=many_lines, user=other.user)
    services.plan_check(plan=many_lines, user=social_worker)
    client.force_login(approver)

    def queries(url) -> int:
        with django_assert_max_num_queries(60) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    assert queries(_decide_url(few_lines)) == queries(_decide_url(many_lines))
    assert queries(_decisions_url(eligible_person)) == queries(_decisions_url(other))
