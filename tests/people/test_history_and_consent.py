"""docs/quality.md #13: every change is in the history with actor, acting-for, time and what
changed;
consent to providers; the log of who opened a record."""

from django.core import mail
from django.urls import reverse

from people import services
from people.models import ProviderConsent, RecordAccess


def test_staff_change_shows_who_changed_what(client, social_worker, person):
    client.force_login(social_worker)
    data = {
        "first_name": "Samuel",
        "last_name": "Okafor",
        "preferred_name": "Sammy",
        "date_of_birth_0": "17",
        "date_of_birth_1": "5",
        "date_of_birth_2": "1960",
        "address_line_1": "2 New Street",
        "town": "Northby",
        "postcode": "NS1 1AA",
        "dp_capacity": "has_capacity",
        "capacity_assessed_on_0": "5",
        "capacity_assessed_on_1": "1",
        "capacity_assessed_on_2": "2026",
    }
    assert client.post(reverse("people:person_edit", args=[person.id]), data).status_code == 302
    record = person.history.latest()
    assert record.history_user == social_worker and record.history_acting_for is None
    client.force_login(person.user)
    page = client.get(reverse("people:history", args=[person.id])).text
    assert "Changed: Personal details" in page and "by Jordan Ellis" in page
    assert "1 High Street" in page and "2 New Street" in page and "Sammy" in page


def test_representative_change_is_recorded_as_acting_for_the_person(
    client, nominated_person, represented_person, provider_org
):
    client.force_login(nominated_person)
    url = reverse("people:consents", args=[represented_person.id])
    client.post(url, {"provider": provider_org.id})
    record = ProviderConsent.history.latest()
    assert record.history_user == nominated_person
    assert record.history_acting_for_id == represented_person.id
    page = client.get(reverse("people:history", args=[represented_person.id])).text
    assert f"by {nominated_person.full_name}, acting for {represented_person.display_name}" in page


def test_withdrawing_consent_hides_the_person_from_the_provider_at_once(
    client, person, provider_user
):
    client.force_login(provider_user)
    assert person.display_name in client.get(reverse("people:dashboard")).text
    consent = person.provider_consents.get()
    client.force_login(person.user)
    client.post(reverse("people:consent_withdraw", args=[person.id, consent.id]))
    consent.refresh_from_db()
    assert consent.withdrawn_by == person.user and consent.withdrawn_at
    client.force_login(provider_user)
    assert person.display_name not in client.get(reverse("people:dashboard")).text


def test_consent_can_be_given_again_after_withdrawal(person, provider_user, provider_org):
    consent = person.provider_consents.get()
    services.consent_withdraw(consent=consent, withdrawn_by=person.user)
    services.consent_give(person=person, provider=provider_org, given_by=person.user)
    assert person.provider_consents.active().count() == 1
    assert person.provider_consents.count() == 2


def test_opening_a_record_is_logged_and_the_person_can_see_who_looked(
    client, social_worker, person
):
    client.force_login(social_worker)
    client.get(reverse("people:person_detail", args=[person.id]))
    entry = RecordAccess.objects.get()
    assert entry.user == social_worker and entry.person == person
    client.force_login(person.user)
    page = client.get(reverse("people:history", args=[person.id])).text
    assert "Who has looked at this record" in page and "Jordan Ellis" in page


def test_history_page_queries_do_not_grow_with_the_number_of_changes(
    client, social_worker, person, django_assert_max_num_queries
):
    def change_many(n):
        for i in range(n):
            services.person_update(
                person=person, updated_by=social_worker, details={"phone": f"0770090{i:04d}"}
            )

    client.force_login(social_worker)
    url = reverse("people:history", args=[person.id])
    change_many(2)
    # About one query per kind of record any app registers (reviews, employment, oversight
    # and charging rates each add some).
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    change_many(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_inviting_a_person_gives_them_a_login_and_sends_one_email(
    client, social_worker, represented_person, django_capture_on_commit_callbacks
):
    represented_person.email = "peggy@example.org"
    represented_person.save()
    client.force_login(social_worker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:person_invite", args=[represented_person.id]))
    represented_person.refresh_from_db()
    assert represented_person.user.email == "peggy@example.org"
    assert len(mail.outbox) == 1 and "set your password" in mail.outbox[0].body
    invitation = represented_person.user.invitations.get()
    assert services.invitation_send(invitation_id=str(invitation.id)) is False  # replay: no email
    assert len(mail.outbox) == 1


def test_invited_person_sets_a_password_and_signs_in(
    client, social_worker, represented_person, django_capture_on_commit_callbacks
):
    represented_person.email = "peggy@example.org"
    represented_person.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(person=represented_person, invited_by=social_worker)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/" in line)
    path = link.split("testserver")[-1].replace("http://127.0.0.1:8000", "")
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "a-new-long-password-7", "password2": "a-new-long-password-7"}
    )
    assert response.status_code == 302
    assert client.login(username="peggy@example.org", password="a-new-long-password-7")


def test_demo_data_can_be_loaded_twice(db):
    from people.demo import seed_demo

    first = seed_demo()
    assert seed_demo() == first
