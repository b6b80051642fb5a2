"""Issue 10 item 4: the Django admin is the service operator's alone, and a change to who may
do what there asks the operator to confirm it is them (their authenticator) first."""

import time

from django.urls import reverse

from people.demo import current_totp_code
from people.models import Membership, StaffRole

from ..factories import UserFactory, staff_user, with_authenticator

ADD_ROLE = reverse("admin:people_membership_add")


def _role_for(user, council):
    return {
        "user": user.pk,
        "organisation": council.pk,
        "role": StaffRole.ADMINISTRATOR,
        "is_active": "on",
    }


def _signed_in(client, user, *, seconds_ago: int):
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "mfa", "type": "totp", "at": time.time() - seconds_ago}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def test_a_council_administrator_with_the_staff_flag_cannot_use_the_admin(
    client, council, other_council
):
    council_admin = staff_user(council, StaffRole.ADMINISTRATOR, is_staff=True)
    _signed_in(client, council_admin, seconds_ago=10)
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.post(ADD_ROLE, _role_for(council_admin, other_council))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=council_admin, organisation=other_council).exists()


def test_the_operator_confirms_it_is_them_before_a_role_change_and_it_then_happens(client, council):
    operator = with_authenticator(UserFactory(is_staff=True, is_superuser=True))
    newcomer = UserFactory()
    _signed_in(client, operator, seconds_ago=3600)
    assert client.get(ADD_ROLE).status_code == 200  # reading the form asks nothing

    response = client.post(ADD_ROLE, _role_for(newcomer, council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert not Membership.objects.filter(user=newcomer).exists()

    client.post(response["Location"], {"code": current_totp_code()}, follow=True)
    assert Membership.objects.filter(user=newcomer, organisation=council).exists()


def test_an_operator_who_just_confirmed_is_not_asked_again(client, council):
    operator = with_authenticator(UserFactory(is_staff=True, is_superuser=True))
    newcomer = UserFactory()
    _signed_in(client, operator, seconds_ago=10)
    response = client.post(ADD_ROLE, _role_for(newcomer, council))
    assert response["Location"] == reverse("admin:people_membership_changelist")
    assert Membership.objects.filter(user=newcomer).exists()
