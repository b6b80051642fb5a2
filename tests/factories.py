"""factory_boy factories for the people app."""

from datetime import date

import factory
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from people.demo import DEMO_TOTP_SECRET
from people.models import Membership, Organisation, Person, ProviderConsent, Representative, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Council {n}")
    kind = Organisation.Kind.LOCAL_AUTHORITY


class ProviderFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Provider {n}")
    kind = Organisation.Kind.PROVIDER


def with_authenticator(user: User) -> User:
    """Give a staff user an authenticator app (the demo secret) and recovery codes."""
    TOTP.activate(user, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(user)
    return user


def staff_user(organisation: Organisation, role: str, *, mfa: bool = True, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return with_authenticator(user) if mfa else user


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    local_authority = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(1960, 5, 17)
    address_line_1 = "1 High Street"
    town = "Northby"
    postcode = "NS1 1AA"
    dp_capacity = Person.Capacity.HAS_CAPACITY
    capacity_assessed_on = date(2026, 1, 5)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    person = factory.SubFactory(PersonFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda o: o.user.full_name)
    email = factory.LazyAttribute(lambda o: o.user.email)
    relationship = "Daughter"
    kind = Representative.Kind.NOMINATED
    starts_on = date(2026, 1, 1)
    agreed_by = factory.SubFactory(UserFactory)
    agreed_on = date(2026, 1, 1)
    dishonesty_declaration = Representative.Declaration.NO_CONVICTIONS


class ProviderConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderConsent

    person = factory.SubFactory(PersonFactory)
    provider = factory.SubFactory(ProviderFactory)
    given_by = factory.SubFactory(UserFactory)
