"""Writes for people, representatives, consent, invitations and the access log."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError

from . import access
from .models import (
    Invitation,
    Organisation,
    Person,
    ProviderConsent,
    RecordAccess,
    Representative,
    User,
)

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "email",
    "phone",
    "communication_needs",
    "dp_capacity",
    "capacity_assessed_on",
    "case_reference",
    "nhs_number",
]
CASE_REFERENCE_TAKEN = (
    "Another person on this council's caseload already has the case reference {reference}. "
    "Check the reference and try again."
)


def _check_capacity_date(details: dict) -> None:
    if details.get("dp_capacity") == Person.Capacity.NOT_ASSESSED:
        details["capacity_assessed_on"] = None
    elif not details.get("capacity_assessed_on"):
        raise DomainError(
            "Enter the date capacity to manage a direct payment was judged",
            field="capacity_assessed_on",
        )


def _check_case_reference(authority: Organisation, details: dict, person: Person | None) -> None:
    """A case reference names one person on the council's caseload (capitals or not)."""
    reference = (details.get("case_reference") or "").strip()
    details["case_reference"] = reference
    details["nhs_number"] = details.get("nhs_number") or ""
    if not reference:
        return
    others = Person.objects.filter(local_authority=authority, case_reference__iexact=reference)
    if person is not None:
        others = others.exclude(pk=person.pk)
    if others.exists():
        raise DomainError(CASE_REFERENCE_TAKEN.format(reference=reference), field="case_reference")


def _save_guarded(person: Person, details: dict) -> None:
    """Save; a case reference another save took a moment ago is a DomainError, not a 500."""
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as error:
        raise DomainError(
            CASE_REFERENCE_TAKEN.format(reference=details["case_reference"]),
            field="case_reference",
        ) from error


def _name_login_after(person: Person) -> None:
    """A person who signs in is named everywhere by the name they like to be called."""
    user = person.user
    if user is not None and user.full_name != person.display_name:
        user.full_name = person.display_name
        user.save(update_fields=["full_name"])


@transaction.atomic
def person_create(*, authority: Organisation, recorded_by: User, details: dict) -> Person:
    """Add a person to an authority's caseload."""
    if not access.can_add_person(recorded_by, authority):
        raise DomainError("You cannot add people to this council's caseload.")
    details = {key: details.get(key) for key in PERSON_FIELDS if key in details}
    _check_capacity_date(details)
    _check_case_reference(authority, details, None)
    person = Person(local_authority=authority, **details)
    _save_guarded(person, details)
    return person


@transaction.atomic
def person_update(*, person: Person, updated_by: User, details: dict) -> Person:
    """Change a person's recorded details."""
    if not access.can_edit_person(updated_by, person):
        raise DomainError("You cannot change this person's details.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    current = {key: getattr(person, key) for key in PERSON_FIELDS}
    details = {**current, **{key: details[key] for key in PERSON_FIELDS if key in details}}
    _check_capacity_date(details)
    _check_case_reference(person.local_authority, details, person)
    if details["dp_capacity"] != person.dp_capacity:
        _check_representatives_fit_capacity(person, details["dp_capacity"])
    for key, value in details.items():
        setattr(person, key, value)
    _save_guarded(person, details)
    _name_login_after(person)
    return person


def _check_representatives_fit_capacity(person: Person, capacity: str) -> None:
    mismatched_kind = {
        Person.Capacity.HAS_CAPACITY: Representative.Kind.AUTHORISED,
        Person.Capacity.LACKS_CAPACITY: Representative.Kind.NOMINATED,
    }.get(capacity)
    if mismatched_kind and person.representatives.active().filter(kind=mismatched_kind).exists():
        label = Representative.Kind(mismatched_kind).label.lower()
        raise DomainError(
            f"This person has an active {label}. End that arrangement first, then change "
            "their capacity, and record the right kind of representative.",
            field="dp_capacity",
        )


def _user_for_email(email: str, full_name: str) -> User:
    """The existing login for this email address, or a new one with no password yet."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    return user or User.objects.create_user(email=email, full_name=full_name)


@transaction.atomic
def person_invite(*, person: Person, invited_by: User) -> Invitation:
    """Give the person a login (if they have none) and email them an invitation to sign in."""
    if not access.can_edit_person(invited_by, person):
        raise DomainError("You cannot invite this person to sign in.")
    if not person.email:
        raise DomainError("Add the person's email address before inviting them to sign in.")
    if person.user_id is None:
        user = _user_for_email(person.email, person.display_name)
        if Person.objects.filter(user=user).exists():
            raise DomainError(
                "Another person's record already uses this email address to sign in. "
                "Check the email address is right."
            )
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    _name_login_after(person)
    return invitation_create(user=person.user, invited_by=invited_by)


def invitation_create(*, user: User, invited_by: User) -> Invitation:
    """Record an invitation and send it once the transaction has committed."""
    from .tasks import send_invitation

    invitation = Invitation.objects.create(user=user, invited_by=invited_by)
    transaction.on_commit(lambda: send_invitation.delay(str(invitation.id)))
    return invitation


def invitation_send(*, invitation_id: str) -> bool:
    """Email the invitation if it has not been sent yet. Safe to run twice."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("user").get(id=invitation_id)
        )
        if invitation.sent_at:
            return False
        user = invitation.user
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
        context = {"user": user, "link": settings.SITE_URL + path, "service": settings.SERVICE_NAME}
        send_mail(
            subject=f"You are invited to {settings.SERVICE_NAME.lower()}",
            message=render_to_string("people/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at", "updated_at"])
        return True


def _check_representative_rules(person: Person, details: dict) -> None:
    kind = details["kind"]
    if kind == Representative.Kind.NOMINATED:
        if person.dp_capacity != Person.Capacity.HAS_CAPACITY:
            raise DomainError(
                "A nominated person can only be recorded for someone who has capacity to "
                "manage a direct payment. Record the capacity decision first, or choose "
                "authorised person.",
                field="kind",
            )
        details["legal_basis"] = ""
    if kind == Representative.Kind.AUTHORISED:
        if person.dp_capacity != Person.Capacity.LACKS_CAPACITY:
            raise DomainError(
                "An authorised person can only be recorded for someone who lacks capacity to "
                "manage a direct payment. Record the capacity decision first.",
                field="kind",
            )
        if not details.get("legal_basis"):
            raise DomainError(
                "Choose the legal basis for the authorised person", field="legal_basis"
            )
        if not details.get("legal_reference", "").strip():
            raise DomainError(
                "Enter the reference for the legal basis, for example the LPA or court order "
                "number",
                field="legal_reference",
            )
    if details.get("ends_on") and details["ends_on"] < details["starts_on"]:
        raise DomainError(
            "The end date must be the same as or after the start date", field="ends_on"
        )
    if (
        details.get("dishonesty_declaration") == Representative.Declaration.HAS_CONVICTIONS
        and not details.get("declaration_details", "").strip()
    ):
        raise DomainError(
            "Give details of the conviction and what the council decided about it",
            field="declaration_details",
        )


REPRESENTATIVE_FIELDS = [
    "full_name",
    "email",
    "phone",
    "relationship",
    "kind",
    "legal_basis",
    "legal_reference",
    "starts_on",
    "ends_on",
    "agreed_on",
    "dishonesty_declaration",
    "declaration_details",
]


@transaction.atomic
def representative_add(*, person: Person, agreed_by: User, details: dict) -> Representative:
    """Record a nominated or authorised person the council has agreed, and invite them."""
    if not access.can_manage_representatives(agreed_by, person):
        raise DomainError("You cannot record representatives for this person.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    details = {key: details.get(key) or "" for key in REPRESENTATIVE_FIELDS}
    details["ends_on"] = details["ends_on"] or None
    _check_representative_rules(person, details)
    if person.user and person.user.email.lower() == details["email"].strip().lower():
        raise DomainError("A person cannot be their own representative", field="email")
    user = _user_for_email(details["email"], details["full_name"])
    representative = Representative.objects.create(
        person=person, user=user, agreed_by=agreed_by, **details
    )
    if not user.has_usable_password():
        invitation_create(user=user, invited_by=agreed_by)
    return representative


@transaction.atomic
def representative_end(*, representative: Representative, ended_by: User, reason: str) -> None:
    """End (revoke) an arrangement at once: the representative loses access on their next click."""
    if not access.can_manage_representatives(ended_by, representative.person):
        raise DomainError("You cannot end this arrangement.")
    representative = Representative.objects.select_for_update().get(pk=representative.pk)
    if representative.revoked_at:
        raise DomainError("This arrangement has already ended.")
    if not reason.strip():
        raise DomainError("Enter why the arrangement is ending", field="reason")
    representative.revoked_at = timezone.now()
    representative.revoked_by = ended_by
    representative.revoke_reason = reason.strip()
    representative.save()


@transaction.atomic
def consent_give(*, person: Person, provider: Organisation, given_by: User) -> ProviderConsent:
    """Let a provider see the outcomes agreed in the person's plan."""
    if not access.can_manage_consent(given_by, person):
        raise DomainError("You cannot change who may see this person's outcomes.")
    if provider.kind != Organisation.Kind.PROVIDER:
        raise DomainError("Choose a care provider", field="provider")
    Person.objects.select_for_update().get(pk=person.pk)
    if person.provider_consents.active().filter(provider=provider).exists():
        raise DomainError(f"{provider} can already see the agreed outcomes.", field="provider")
    return ProviderConsent.objects.create(person=person, provider=provider, given_by=given_by)


@transaction.atomic
def consent_withdraw(*, consent: ProviderConsent, withdrawn_by: User) -> None:
    """Stop a provider seeing the person's outcomes, from their next click."""
    if not access.can_manage_consent(withdrawn_by, consent.person):
        raise DomainError("You cannot change who may see this person's outcomes.")
    consent = ProviderConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at:
        raise DomainError("This consent has already been withdrawn.")
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = withdrawn_by
    consent.save()


def record_access_log(*, person: Person, user: User, what: str, acting_for: Person | None) -> None:
    """Write a line in the log of who opened a person's record."""
    RecordAccess.objects.create(person=person, user=user, what=what, acting_for=acting_for)
