"""An email address that already has an account links to a person's record only when the
account's holder accepts, signed in as that account. Staff are told the address is in use but
never whose it is; work accounts are refused; nothing is shared before the holder says yes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from people import access, services, tasks
from people.models import (
    STAFF_ROLE_REFUSED,
    LinkInvitation,
    Membership,
    Person,
    Representative,
    StaffRole,
    User,
)
from tests.factories import UserFactory

REPRESENTATIVE_FORM = {
    "kind": "nominated",
    "full_name": "Dee Friend",
    "phone": "",
    "relationship": "Friend",
    "legal_basis": "",
    "legal_reference": "",
    "starts_on_0": "1",
    "starts_on_1": "11",
    "starts_on_2": "2026",
    "ends_on_0": "",
    "ends_on_1": "",
    "ends_on_2": "",
    "agreed_on_0": "1",
    "agreed_on_1": "11",
    "agreed_on_2": "2026",
    "dishonesty_declaration": "no_convictions",
    "declaration_details": "",
}
IN_USE = (
    "This email address already has an account on the service. We have emailed its holder to "
    "ask them to accept. Until they do, they cannot see anything of {name}'s record."
)
WORK_EMAIL = (
    "This email address cannot be used for a representative. Ask for a personal email address "
    "that is not used for work."
)
WRONG_ACCOUNT = (
    "This invitation is for a different account. Sign out and sign in with the email address it "
    "was sent to."
)


def _details(email: str) -> dict:
    from datetime import date

    return {
        "full_name": "Dee Friend",
        "email": email,
        "relationship": "Friend",
        "kind": Representative.Kind.NOMINATED,
        "starts_on": date(2026, 11, 1),
        "agreed_on": date(2026, 11, 1),
        "dishonesty_declaration": Representative.Declaration.NO_CONVICTIONS,
    }


def _record_representative(client, social_worker, person, email):
    client.force_login(social_worker)
    url = reverse("people:representative_add", args=[person.id])
    return client.post(url, {**REPRESENTATIVE_FORM, "email": email}, follow=True)


def _pages_seen_by(client, user, person) -> dict:
    """What the user gets for the person's record, finances and budget, having tried to switch
    to the person's record first (as a representative must)."""
    client.force_login(user)
    client.post(reverse("people:acting_for"), {"person": person.id})
    urls = {
        "record": reverse("people:person_detail", args=[person.id]),
        "finances": reverse("financial_assessment:list", args=[person.id]),
        "budget": reverse("budgets:person_budget", args=[person.id]),
    }
    return {name: client.get(url, follow=True).status_code for name, url in urls.items()}


NOTHING = {"record": 404, "finances": 404, "budget": 404}
EVERYTHING = {"record": 200, "finances": 200, "budget": 200}


def _link_path(invitation) -> str:
    return reverse("people:link_invitation", kwargs={"token": services.link_token(invitation)})


def _emailed_link_path(to: str) -> str:
    message = next(m for m in mail.outbox if m.to == [to])
    link = next(line for line in message.body.splitlines() if "/invitations/" in line)
    return link.replace("http://127.0.0.1:8000", "").replace("http://testserver", "").strip()


@pytest.fixture
def asked(represented_person, social_worker, stranger, django_capture_on_commit_callbacks):
    """The social worker has recorded the stranger's existing account as Margaret's nominated
    person: the link waits for the stranger to accept."""
    with django_capture_on_commit_callbacks(execute=True):
        representative = services.representative_add(
            person=represented_person, agreed_by=social_worker, details=_details(stranger.email)
        )
    return representative.link_invitations.get()


# The probe's case: a provider's work email typed into a person's record.


def test_a_provider_email_gives_the_provider_nothing_of_the_person(
    client, social_worker, represented_person, provider_user
):
    response = _record_representative(
        client, social_worker, represented_person, provider_user.email
    )
    assert response.status_code == 200 and "There is a problem" in response.text
    assert WORK_EMAIL in response.text
    assert not represented_person.representatives.exists()
    assert not LinkInvitation.objects.exists()
    assert _pages_seen_by(client, provider_user, represented_person) == NOTHING
    assert represented_person not in access.persons_acted_for(provider_user)


@pytest.mark.parametrize("staff", ["provider_user", "finance_officer", "other_la_staff"])
def test_an_account_with_a_staff_role_cannot_be_a_representative(
    request, social_worker, represented_person, staff
):
    user = request.getfixturevalue(staff)
    users_before = User.objects.count()
    with pytest.raises(DomainError) as refused:
        services.representative_add(
            person=represented_person, agreed_by=social_worker, details=_details(user.email)
        )
    assert refused.value.message == WORK_EMAIL
    assert not represented_person.representatives.exists()
    assert User.objects.count() == users_before


def test_a_service_administrator_account_cannot_be_a_representative(
    social_worker, represented_person
):
    operator = UserFactory(is_staff=True, is_superuser=True)
    with pytest.raises(DomainError, match="not used for work"):
        services.representative_add(
            person=represented_person, agreed_by=social_worker, details=_details(operator.email)
        )


def test_a_staff_account_cannot_be_linked_to_a_persons_own_record(
    client, social_worker, represented_person, provider_user
):
    represented_person.email = provider_user.email
    represented_person.save()
    client.force_login(social_worker)
    response = client.post(
        reverse("people:person_invite", args=[represented_person.id]), follow=True
    )
    assert "cannot be used to sign in to a person&#x27;s record" in response.text
    represented_person.refresh_from_db()
    assert represented_person.user is None
    assert not LinkInvitation.objects.exists()
    assert _pages_seen_by(client, provider_user, represented_person) == NOTHING


def test_refusals_never_name_whose_account_it_is(
    client, social_worker, represented_person, provider_user
):
    response = _record_representative(
        client, social_worker, represented_person, provider_user.email
    )
    for giveaway in ["Morgan Blake", "Brightside", "Provider staff", "provider"]:
        assert giveaway not in response.text


# An existing account that is not a work account: asked, and nothing until it accepts.


def test_an_existing_account_sees_nothing_until_its_holder_accepts(
    client, asked, represented_person, stranger
):
    representative = asked.representative
    assert representative.user is None
    assert representative.account_status == Representative.AccountStatus.AWAITING
    assert not access.is_representative_for(stranger, represented_person)
    assert not access.persons_acted_for(stranger).exists()
    assert not Person.objects.visible_to(stranger).exists()
    assert not Representative.objects.active().filter(person=represented_person).exists()
    assert _pages_seen_by(client, stranger, represented_person) == NOTHING


def test_after_accepting_a_non_staff_account_acts_for_the_person(
    client, asked, represented_person, stranger
):
    client.force_login(stranger)
    path = _emailed_link_path(stranger.email)
    response = client.post(path, {"answer": "accept"}, follow=True)
    assert response.status_code == 200
    assert "You can now use Margaret Hughes&#x27;s record as their nominated person" in (
        response.text
    )
    representative = Representative.objects.get(pk=asked.representative_id)
    assert representative.user == stranger and representative.is_active()
    assert access.is_representative_for(stranger, represented_person)
    assert _pages_seen_by(client, stranger, represented_person) == EVERYTHING


def test_a_budget_opens_for_the_representative_only_after_accepting(
    client, person, budget, social_worker, stranger, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.representative_add(
            person=person, agreed_by=social_worker, details=_details(stranger.email)
        )
    budget_url = reverse("budgets:dashboard", args=[budget.id])
    client.force_login(stranger)
    assert client.get(budget_url).status_code == 404
    client.post(_emailed_link_path(stranger.email), {"answer": "accept"})
    client.post(reverse("people:acting_for"), {"person": person.id})
    assert client.get(budget_url).status_code == 200


def test_staff_are_told_the_address_is_in_use_but_not_by_whom(
    client, social_worker, represented_person, stranger
):
    response = _record_representative(client, social_worker, represented_person, stranger.email)
    assert response.status_code == 200
    page = response.text.replace("&#x27;", "'")
    assert IN_USE.format(name="Margaret Hughes") in page
    assert "Waiting for them to accept" in page
    assert stranger.full_name not in page
    assert "Stranger" not in page


def test_a_persons_own_record_links_only_when_the_account_holder_accepts(
    client, social_worker, represented_person, stranger, django_capture_on_commit_callbacks
):
    represented_person.email = stranger.email.upper()
    represented_person.save()
    client.force_login(social_worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:person_invite", args=[represented_person.id]), follow=True
        )
    page = response.text.replace("&#x27;", "'")
    assert IN_USE.format(name="Margaret Hughes") in page and stranger.full_name not in page
    represented_person.refresh_from_db()
    assert represented_person.user is None
    assert _pages_seen_by(client, stranger, represented_person) == NOTHING

    client.force_login(stranger)
    path = _emailed_link_path(stranger.email)
    response = client.get(path)
    assert response.status_code == 200
    assert "Link your account to your record?" in response.text
    assert "Jordan Ellis at Northshire County Council" in response.text
    client.post(path, {"answer": "accept"})
    represented_person.refresh_from_db()
    assert represented_person.user == stranger
    assert _pages_seen_by(client, stranger, represented_person) == EVERYTHING


def test_the_accept_page_says_who_is_asking_and_what_they_would_see(client, asked, stranger):
    client.force_login(stranger)
    response = client.get(_link_path(asked))
    assert response.status_code == 200
    text = response.text.replace("&#x27;", "'")
    assert "Act for Margaret Hughes as their nominated person?" in text
    assert "Jordan Ellis at Northshire County Council" in text
    assert "their personal budget, payments and spending" in text
    assert "Nothing is linked to your account unless you accept" in text
    assert 'value="accept"' in text and 'value="decline"' in text


def test_the_email_goes_once_after_commit_and_says_what_to_do(asked, stranger):
    sent = [m for m in mail.outbox if m.to == [stranger.email]]
    assert len(sent) == 1
    assert "nothing is linked to it until you agree" in sent[0].body
    assert "/invitations/" in sent[0].body
    assert tasks.send_link_invitation(str(asked.id)) is False
    assert len([m for m in mail.outbox if m.to == [stranger.email]]) == 1


def test_no_email_is_sent_if_recording_rolls_back(social_worker, represented_person, stranger):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.representative_add(
            person=represented_person, agreed_by=social_worker, details=_details(stranger.email)
        )
        raise RuntimeError("something later failed")
    assert mail.outbox == []
    assert not LinkInvitation.objects.exists()


def test_an_address_added_to_an_account_counts_as_that_account(
    social_worker, represented_person, provider_user
):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=provider_user, email="m.blake@home.example", verified=True)
    with pytest.raises(DomainError, match="not used for work"):
        services.representative_add(
            person=represented_person,
            agreed_by=social_worker,
            details=_details("M.Blake@home.example"),
        )
    assert not User.objects.filter(email__iexact="m.blake@home.example").exists()


def test_a_new_email_address_still_gets_a_new_account_at_once(
    social_worker, represented_person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        representative = services.representative_add(
            person=represented_person,
            agreed_by=social_worker,
            details=_details("new.friend@example.org"),
        )
    assert representative.user.email == "new.friend@example.org" and representative.is_active()
    assert not LinkInvitation.objects.exists()
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


# The link: wrong account, expired, used, declined, bad input, signed out.


def test_the_link_opened_as_another_account_changes_nothing(client, asked, represented_person):
    someone_else = UserFactory(full_name="Pat Neighbour")
    client.force_login(someone_else)
    path = _link_path(asked)
    response = client.get(path)
    assert response.status_code == 403 and WRONG_ACCOUNT in response.text
    assert "Margaret" not in response.text and "Jordan Ellis" not in response.text
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 403 and WRONG_ACCOUNT in response.text
    asked.refresh_from_db()
    representative = Representative.objects.get(pk=asked.representative_id)
    assert asked.status == LinkInvitation.Status.WAITING
    assert representative.user is None
    assert _pages_seen_by(client, someone_else, represented_person) == NOTHING


def test_an_expired_invitation_is_refused(client, asked, stranger, represented_person):
    asked.expires_at = timezone.now() - timedelta(minutes=1)
    asked.save()
    client.force_login(stranger)
    response = client.post(_link_path(asked), {"answer": "accept"})
    assert response.status_code == 410 and "This invitation has expired" in response.text
    assert _pages_seen_by(client, stranger, represented_person) == NOTHING


def test_a_link_older_than_its_signature_allows_is_refused(client, asked, stranger):
    path = _link_path(asked)
    later = timezone.now() + timedelta(days=15)
    client.force_login(stranger)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(path, {"answer": "accept"})
    assert response.status_code == 410 and "This invitation has expired" in response.text
    asked.refresh_from_db()
    assert asked.status == LinkInvitation.Status.WAITING


def test_a_used_link_says_so(client, asked, stranger):
    client.force_login(stranger)
    path = _link_path(asked)
    client.post(path, {"answer": "accept"})
    response = client.get(path)
    assert response.status_code == 410 and "already been answered" in response.text
    response = client.post(path, {"answer": "decline"})
    assert response.status_code == 410
    assert Representative.objects.get(pk=asked.representative_id).user == stranger


def test_declining_leaves_nothing_linked(
    client, asked, stranger, represented_person, social_worker
):
    client.force_login(stranger)
    response = client.post(_link_path(asked), {"answer": "decline"}, follow=True)
    assert "You declined" in response.text
    asked.refresh_from_db()
    representative = Representative.objects.get(pk=asked.representative_id)
    assert asked.status == LinkInvitation.Status.DECLINED
    assert representative.user is None
    assert representative.account_status == Representative.AccountStatus.DECLINED
    assert not access.persons_acted_for(stranger).exists()
    assert _pages_seen_by(client, stranger, represented_person) == NOTHING
    client.force_login(social_worker)
    page = client.get(reverse("people:person_detail", args=[represented_person.id])).text
    assert "Declined" in page and stranger.full_name not in page


def test_declining_ones_own_record_leaves_it_unlinked(
    client, social_worker, represented_person, stranger
):
    represented_person.email = stranger.email
    represented_person.save()
    invitation = services.person_invite(person=represented_person, invited_by=social_worker)
    client.force_login(stranger)
    client.post(_link_path(invitation), {"answer": "decline"})
    represented_person.refresh_from_db()
    assert represented_person.user is None
    assert not Person.objects.visible_to(stranger).exists()


@pytest.mark.parametrize("answer", ["", "yes", "ACCEPT", "<script>", "\x00", "x" * 5000])
def test_an_answer_that_is_neither_accept_nor_decline_changes_nothing(
    client, asked, stranger, answer
):
    client.force_login(stranger)
    response = client.post(_link_path(asked), {"answer": answer})
    assert response.status_code == 200
    assert "There is a problem" in response.text and "Choose Accept or Decline" in response.text
    asked.refresh_from_db()
    assert asked.status == LinkInvitation.Status.WAITING
    assert Representative.objects.get(pk=asked.representative_id).user is None


@pytest.mark.parametrize(
    "token",
    ["x", "not-a-token", "a" * 400, "%00", "eyJhIjoxfQ:1abc:def", "..", "-" * 30],
)
def test_a_broken_link_says_so_plainly(client, stranger, asked, token):
    client.force_login(stranger)
    for method in (client.get, client.post):
        response = method(reverse("people:link_invitation", kwargs={"token": token}))
        assert response.status_code == 404
        assert "This link does not work" in response.text


def test_a_link_signed_for_something_else_does_not_work(client, asked, stranger):
    forged = signing.dumps(str(asked.id), salt="some.other.purpose", compress=True)
    client.force_login(stranger)
    response = client.get(reverse("people:link_invitation", kwargs={"token": forged}))
    assert response.status_code == 404


def test_signed_out_the_link_asks_to_sign_in_and_comes_back(client, asked, stranger):
    path = _link_path(asked)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == LinkInvitation.Status.WAITING


def test_ending_the_arrangement_withdraws_the_invitation(client, asked, stranger, social_worker):
    services.representative_end(
        representative=asked.representative, ended_by=social_worker, reason="Wrong address"
    )
    client.force_login(stranger)
    response = client.post(_link_path(asked), {"answer": "accept"})
    assert response.status_code == 410
    assert Representative.objects.get(pk=asked.representative_id).user is None


def test_a_staff_role_given_after_asking_stops_the_link(
    client, asked, stranger, provider_org, represented_person
):
    Membership.objects.create(user=stranger, organisation=provider_org, role="provider_staff")
    with pytest.raises(DomainError, match="staff role"):
        services.link_invitation_accept(invitation=asked, user=stranger)
    assert Representative.objects.get(pk=asked.representative_id).user is None


# Roles of different kinds on one account, from the other side: the admin's staff role form.


def _staff_role_form(user, organisation):
    form_class = modelform_factory(Membership, fields=["user", "organisation", "role"])
    return form_class(
        {"user": user.pk, "organisation": organisation.pk, "role": StaffRole.SOCIAL_WORKER}
    )


def test_a_person_cannot_be_given_a_staff_role(person, council):
    form = _staff_role_form(person.user, council)
    assert not form.is_valid()
    assert STAFF_ROLE_REFUSED in form.non_field_errors()


def test_a_representative_cannot_be_given_a_staff_role(nominated_person, council):
    assert not _staff_role_form(nominated_person, council).is_valid()


def test_an_account_asked_to_accept_cannot_be_given_a_staff_role(asked, stranger, council):
    assert not _staff_role_form(stranger, council).is_valid()


def test_a_new_member_of_staff_can_be_given_a_role(council):
    assert _staff_role_form(UserFactory(), council).is_valid()


# The audit trail.


def test_accepting_is_recorded_in_the_history_by_the_account_holder(
    client, asked, stranger, represented_person, social_worker
):
    client.force_login(stranger)
    client.post(_link_path(asked), {"answer": "accept"})
    answered = LinkInvitation.history.filter(id=asked.id).latest("history_date")
    assert answered.status == "accepted" and answered.history_user == stranger
    change = Representative.history.filter(id=asked.representative_id).latest("history_date")
    assert change.history_user == stranger and change.user_id == stranger.id
    client.force_login(social_worker)
    page = client.get(reverse("people:history", args=[represented_person.id])).text
    assert "Waiting for them to accept" in page and "Signs in with their own account" in page


def test_declining_is_recorded_in_the_history(client, asked, stranger):
    client.force_login(stranger)
    client.post(_link_path(asked), {"answer": "decline"})
    answered = LinkInvitation.history.filter(id=asked.id).latest("history_date")
    assert answered.status == "declined" and answered.history_user == stranger


def test_an_unaccepted_representative_is_not_sent_messages_about_the_person(
    asked, represented_person
):
    from notifications.services import recipients_for

    assert "Dee Friend" not in [r.name for r in recipients_for(represented_person)]


def test_capacity_cannot_change_under_a_representative_waiting_to_accept(
    asked, represented_person, social_worker
):
    from datetime import date

    with pytest.raises(DomainError, match="active nominated person"):
        services.person_update(
            person=represented_person,
            updated_by=social_worker,
            details={"dp_capacity": "lacks_capacity", "capacity_assessed_on": date(2026, 11, 2)},
        )
