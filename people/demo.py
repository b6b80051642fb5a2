"""Demo data: one council, providers, and every persona. Used by `manage.py seed_demo`."""

from datetime import date

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from djmoney.money import Money

from .models import (
    Membership,
    Organisation,
    Person,
    ProviderConsent,
    Representative,
    StaffRole,
    User,
)

DEMO_PASSWORD = "demo-password-2026"
# A fixed authenticator secret so demo staff can sign in: add it to an authenticator app, or run
# `make demo-code`. Demo only: real accounts each set up their own.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

STAFF = [
    ("social.worker@example.org", "Jordan Ellis", StaffRole.SOCIAL_WORKER, None),
    ("approver@example.org", "Priya Natarajan", StaffRole.APPROVER, Money(30000, "GBP")),
    ("finance@example.org", "Chris Doyle", StaffRole.FINANCE_OFFICER, None),
    ("admin@example.org", "Alex Kaur", StaffRole.ADMINISTRATOR, None),
]
# A senior approver (no yearly limit): plans over the indicative budget or Priya's limit go here.
SENIOR_APPROVER = ("senior.approver@example.org", "Dana Senior")


def _user(email: str, full_name: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _with_authenticator(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


def _member(user: User, organisation: Organisation, role: str, limit=None) -> None:
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"approval_limit": limit}
    )
    _with_authenticator(user)


# How people reach each demo council's adult social care team (shown on the help page).
COUNCIL_CONTACTS = {
    "Northshire County Council": {
        "phone": "0300 555 0123",
        "email": "adult.social.care@northshire.example.org",
        "postal_address": "Adult Social Care\nNorthshire County Council\nCounty Hall\n"
        "Northby\nNS1 1AA",
        "opening_hours": "Monday to Friday, 8:30am to 5pm\nOut of hours emergencies: 0300 555 0999",
    },
    "Southvale Borough Council": {
        "phone": "0300 555 0456",
        "email": "care.team@southvale.example.org",
        "postal_address": "Care and Support Team\nSouthvale Borough Council\nThe Civic Centre\n"
        "Southvale\nSV1 2BB",
        "opening_hours": "Monday to Thursday, 9am to 5pm\nFriday, 9am to 4:30pm",
    },
}


def _council(name: str) -> Organisation:
    council, _ = Organisation.objects.get_or_create(
        name=name, kind=Organisation.Kind.LOCAL_AUTHORITY
    )
    missing = {
        field: value
        for field, value in COUNCIL_CONTACTS[name].items()
        if not getattr(council, field)
    }
    if missing:
        Organisation.objects.filter(pk=council.pk).update(**missing)
        council.refresh_from_db()
    return council


# Filled in on demo people who do not have them yet, so an older demo database gets them too.
FILL_IN = ("case_reference", "nhs_number")


def _person(authority, first, last, **details) -> Person:
    person, created = Person.objects.get_or_create(
        local_authority=authority, first_name=first, last_name=last, defaults=details
    )
    missing = {
        key: details[key] for key in FILL_IN if details.get(key) and not getattr(person, key)
    }
    if not created and missing:
        for key, value in missing.items():
            setattr(person, key, value)
        person.save()
    if person.user_id and person.user.full_name != person.display_name:
        person.user.full_name = person.display_name  # named as they like to be called
        person.user.save(update_fields=["full_name"])
    return person


def _representative(person, user, agreed_by, **details) -> None:
    if not person.representatives.filter(user=user).exists():
        Representative.objects.create(
            person=person,
            user=user,
            full_name=user.full_name,
            email=user.email,
            agreed_by=agreed_by,
            agreed_on=date(2026, 3, 2),
            starts_on=date(2026, 3, 2),
            dishonesty_declaration=Representative.Declaration.NO_CONVICTIONS,
            **details,
        )


@transaction.atomic
def seed_demo() -> dict:
    """Create the demo organisations and personas; running it again changes nothing."""
    council = _council("Northshire County Council")
    other_council = _council("Southvale Borough Council")
    provider, _ = Organisation.objects.get_or_create(
        name="Brightside Home Care", kind=Organisation.Kind.PROVIDER
    )
    Organisation.objects.get_or_create(
        name="Riverside Day Services", kind=Organisation.Kind.PROVIDER
    )

    staff = {}
    for email, name, role, limit in STAFF:
        staff[role] = _user(email, name)
        _member(staff[role], council, role, limit)
    _member(_user(*SENIOR_APPROVER), council, StaffRole.APPROVER, None)
    # The council's administrator manages only their own council, in the service's pages; the
    # Django admin is for the service operator (`manage.py create_operator`), never a council.
    admin = staff[StaffRole.ADMINISTRATOR]
    if admin.is_superuser or admin.is_staff:
        admin.is_staff = admin.is_superuser = False
        admin.save()
    _member(_user("provider@example.org", "Morgan Blake"), provider, StaffRole.PROVIDER_STAFF)
    _member(
        _user("other.council@example.org", "Sam Rivers"), other_council, StaffRole.SOCIAL_WORKER
    )
    social_worker = staff[StaffRole.SOCIAL_WORKER]

    sam = _person(
        council,
        "Samuel",
        "Okafor",
        preferred_name="Sam",
        date_of_birth=date(1979, 6, 14),
        address_line_1="12 Mill Lane",
        town="Northby",
        postcode="NS1 4AB",
        email="person@example.org",
        phone="07700 900123",
        communication_needs="Prefers email. Uses a screen reader.",
        dp_capacity=Person.Capacity.HAS_CAPACITY,
        capacity_assessed_on=date(2026, 2, 10),
        case_reference="NCC-ASC-104233",
        nhs_number="9990000018",
        user=_user("person@example.org", "Sam Okafor"),
    )
    if not sam.provider_consents.active().filter(provider=provider).exists():
        ProviderConsent.objects.create(person=sam, provider=provider, given_by=sam.user)

    margaret = _person(
        council,
        "Margaret",
        "Hughes",
        preferred_name="Peggy",
        date_of_birth=date(1941, 11, 3),
        address_line_1="4 Orchard Close",
        town="Northby",
        postcode="NS2 7QT",
        communication_needs="Hard of hearing: face her when speaking; large print letters.",
        dp_capacity=Person.Capacity.HAS_CAPACITY,
        capacity_assessed_on=date(2026, 1, 20),
        case_reference="NCC-ASC-098871",
        nhs_number="9990000026",
    )
    _representative(
        margaret,
        _user("nominated@example.org", "David Hughes"),
        social_worker,
        relationship="Son (lives in Leeds)",
        kind=Representative.Kind.NOMINATED,
    )

    thomas = _person(
        council,
        "Thomas",
        "Reid",
        preferred_name="Tom",
        date_of_birth=date(1988, 2, 29),
        address_line_1="Flat 3, 27 Harbour Road",
        town="Easthaven",
        postcode="NS9 2LP",
        communication_needs="Uses Makaton and a picture board. Best before lunch.",
        dp_capacity=Person.Capacity.LACKS_CAPACITY,
        capacity_assessed_on=date(2025, 12, 5),
        case_reference="NCC-ASC-110452",
        nhs_number="9990000034",
    )
    _representative(
        thomas,
        _user("authorised@example.org", "Ruth Reid"),
        social_worker,
        relationship="Sister",
        kind=Representative.Kind.AUTHORISED,
        legal_basis=Representative.LegalBasis.LPA,
        legal_reference="LPA 7000-1234-5678",
    )
    _person(
        other_council,
        "Priya",
        "Shah",
        date_of_birth=date(1965, 8, 21),
        address_line_1="88 Station Street",
        town="Southvale",
        postcode="SV4 1XY",
        dp_capacity=Person.Capacity.NOT_ASSESSED,
        case_reference="SBC/2026/0417",
    )
    return {"people": Person.objects.count(), "users": User.objects.count()}


def current_totp_code(secret: str = DEMO_TOTP_SECRET, offset_periods: int = 0) -> str:
    """The 6-digit code an authenticator app would show now for this secret."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + offset_periods
    return format_hotp_value(hotp_value(secret, counter))
