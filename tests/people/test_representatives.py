"""Recording, ending and enforcing nominated and authorised persons."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError
from people import services
from people.models import Representative

DETAILS = {
    "full_name": "Ruth Reid",
    "email": "ruth@example.org",
    "phone": "",
    "relationship": "Sister",
    "kind": Representative.Kind.AUTHORISED,
    "legal_basis": Representative.LegalBasis.LPA,
    "legal_reference": "LPA 7000-1234-5678",
    "starts_on": date(2026, 11, 1),
    "ends_on": None,
    "agreed_on": date(2026, 11, 1),
    "dishonesty_declaration": Representative.Declaration.NO_CONVICTIONS,
    "declaration_details": "",
}


def test_social_worker_records_authorised_person_and_they_are_invited(
    person_lacking_capacity, social_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rep = services.representative_add(
            person=person_lacking_capacity, agreed_by=social_worker, details=dict(DETAILS)
        )
    assert rep.is_active() and rep.user.email == "ruth@example.org"
    assert not rep.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_nominated_person_needs_the_person_to_have_capacity(person_lacking_capacity, social_worker):
    details = dict(DETAILS, kind=Representative.Kind.NOMINATED)
    with pytest.raises(DomainError, match="has capacity"):
        services.representative_add(
            person=person_lacking_capacity, agreed_by=social_worker, details=details
        )


def test_authorised_person_needs_a_legal_reference(person_lacking_capacity, social_worker):
    details = dict(DETAILS, legal_reference=" ")
    with pytest.raises(DomainError, match="reference"):
        services.representative_add(
            person=person_lacking_capacity, agreed_by=social_worker, details=details
        )
    assert not Representative.objects.exists()


def test_declared_conviction_needs_details(person_lacking_capacity, social_worker):
    details = dict(DETAILS, dishonesty_declaration=Representative.Declaration.HAS_CONVICTIONS)
    with pytest.raises(DomainError, match="details of the conviction"):
        services.representative_add(
            person=person_lacking_capacity, agreed_by=social_worker, details=details
        )


def test_one_representative_can_act_for_several_people(
    authorised_person, represented_person, social_worker
):
    details = dict(
        DETAILS,
        email=authorised_person.email,
        kind=Representative.Kind.NOMINATED,
        legal_basis="",
        legal_reference="",
    )
    services.representative_add(person=represented_person, agreed_by=social_worker, details=details)
    # Ruth already has an account: the second arrangement waits until she accepts it.
    assert authorised_person.representations.count() == 1
    invitation = authorised_person.link_invitations.get()
    services.link_invitation_accept(invitation=invitation, user=authorised_person)
    assert authorised_person.representations.count() == 2


def test_provider_cannot_record_a_representative(person, provider_user):
    with pytest.raises(DomainError):
        services.representative_add(person=person, agreed_by=provider_user, details=dict(DETAILS))


def test_revoked_representative_loses_access_on_the_next_request(
    client, nominated_person, represented_person, social_worker
):
    client.force_login(nominated_person)
    url = reverse("people:person_detail", args=[represented_person.id])
    assert client.get(url).status_code == 200
    rep = represented_person.representatives.get()
    services.representative_end(representative=rep, ended_by=social_worker, reason="Asked to stop")
    assert client.get(url).status_code == 404
    assert represented_person.display_name not in client.get(reverse("people:dashboard")).text


def test_representative_loses_access_the_day_after_the_end_date(
    client, nominated_person, represented_person
):
    rep = represented_person.representatives.get()
    rep.ends_on = timezone.localdate() - timedelta(days=1)
    rep.save()
    client.force_login(nominated_person)
    url = reverse("people:person_detail", args=[represented_person.id])
    assert client.get(url).status_code == 404


def test_representative_with_a_future_start_date_has_no_access_yet(
    client, nominated_person, represented_person
):
    rep = represented_person.representatives.get()
    rep.starts_on = timezone.localdate() + timedelta(days=3)
    rep.save()
    client.force_login(nominated_person)
    response = client.get(reverse("people:person_detail", args=[represented_person.id]))
    assert response.status_code == 404


def test_ending_needs_a_reason(nominated_person, represented_person, social_worker):
    rep = represented_person.representatives.get()
    with pytest.raises(DomainError, match="why"):
        services.representative_end(representative=rep, ended_by=social_worker, reason="  ")
    rep.refresh_from_db()
    assert rep.revoked_at is None


def test_capacity_cannot_change_while_a_representative_of_the_wrong_kind_is_active(
    nominated_person, represented_person, social_worker
):
    with pytest.raises(DomainError, match="active nominated person"):
        services.person_update(
            person=represented_person,
            updated_by=social_worker,
            details={"dp_capacity": "lacks_capacity", "capacity_assessed_on": date(2026, 11, 2)},
        )
    represented_person.refresh_from_db()
    assert represented_person.dp_capacity == "has_capacity"


def test_two_people_cannot_share_one_login(social_worker, person, represented_person):
    represented_person.email = person.user.email
    represented_person.save()
    with pytest.raises(DomainError, match="already uses this email"):
        services.person_invite(person=represented_person, invited_by=social_worker)
    represented_person.refresh_from_db()
    assert represented_person.user is None
