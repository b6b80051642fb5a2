"""Writes for people, representatives, consent, invitations and the access log."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.errors import DomainError

from . import access
from .models import (
    LINK_INVITATION_DAYS,
    Invitation,
    LinkInvitation,
    Organisation,
    Person,
    ProviderConsent,
    RecordAccess,
    Representative,
    User,
    account_has_staff_role,
)
from .signals import person_details_changed

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
    if details["email"] != person.email:
        _withdraw_waiting(person.link_invitations.filter(representative__isnull=True))
    for key, value in details.items():
        setattr(person, key, value)
    _save_guarded(person, details)
    _name_login_after(person)
    person_details_changed.send(sender=Person, person=person)
    return person


def _check_representatives_fit_capacity(person: Person, capacity: str) -> None:
    mismatched_kind = {
        Person.Capacity.HAS_CAPACITY: Representative.Kind.AUTHORISED,
        Person.Capacity.LACKS_CAPACITY: Representative.Kind.NOMINATED,
    }.get(capacity)
    # An arrangement waiting for its holder to accept counts: accepting must not bring in the
    # wrong kind.
    arrangements = person.representatives.active() | person.representatives.filter(
        account_status=Representative.AccountStatus.AWAITING, revoked_at__isnull=True
    )
    if mismatched_kind and arrangements.filter(kind=mismatched_kind).exists():
        label = Representative.Kind(mismatched_kind).label.lower()
        raise DomainError(
            f"This person has an active {label}. End that arrangement first, then change "
            "their capacity, and record the right kind of representative.",
            field="dp_capacity",
        )


SHARED_LOGIN = (
    "Another person's record already uses this email address to sign in. "
    "Check the email address is right."
)
WORK_ACCOUNT_FOR_REPRESENTATIVE = (
    "This email address cannot be used for a representative. Ask for a personal email address "
    "that is not used for work."
)
WORK_ACCOUNT_FOR_PERSON = (
    "This email address cannot be used to sign in to a person's record. Ask for a personal "
    "email address that is not used for work."
)


def _existing_account(email: str) -> User | None:
    """The account that signs in with this email address (as its own or an added one), if any."""
    from allauth.account.models import EmailAddress

    email = email.strip()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        added = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = added.user if added else None
    return user


def _new_account(email: str, full_name: str) -> User:
    """A new login for an email address nobody uses yet, with no password until invited."""
    return User.objects.create_user(email=email.strip().lower(), full_name=full_name)


@transaction.atomic
def person_invite(*, person: Person, invited_by: User) -> Invitation | LinkInvitation:
    """Invite the person to sign in: a new login and an email to set its password, or, if their
    email address already has an account, an email asking its holder to accept the link."""
    if not access.can_edit_person(invited_by, person):
        raise DomainError("You cannot invite this person to sign in.")
    if not person.email:
        raise DomainError("Add the person's email address before inviting them to sign in.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is None:
        existing = _existing_account(person.email)
        if existing is not None:
            _check_can_link(existing, as_representative=False)
            return _ask_holder_to_accept(
                person=person, representative=None, user=existing, invited_by=invited_by
            )
        person.user = _new_account(person.email, person.display_name)
        person.save(update_fields=["user", "updated_at"])
    _name_login_after(person)
    return invitation_create(user=person.user, invited_by=invited_by)


def _check_can_link(user: User, *, as_representative: bool) -> None:
    """Refuse an account that would mix roles, without saying whose account it is."""
    if account_has_staff_role(user):
        raise DomainError(
            WORK_ACCOUNT_FOR_REPRESENTATIVE if as_representative else WORK_ACCOUNT_FOR_PERSON,
            field="email",
        )
    if not as_representative and Person.objects.filter(user=user).exists():
        raise DomainError(SHARED_LOGIN, field="email")


def _ask_holder_to_accept(
    *, person: Person, representative: Representative | None, user: User, invited_by: User
) -> LinkInvitation:
    """Record an invitation for an existing account's holder and email it once committed."""
    from .tasks import send_link_invitation

    if representative is None:
        _withdraw_waiting(person.link_invitations.filter(representative__isnull=True))
    invitation = LinkInvitation.objects.create(
        person=person,
        representative=representative,
        user=user,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=LINK_INVITATION_DAYS),
    )
    transaction.on_commit(lambda: send_link_invitation.delay(str(invitation.id)))
    return invitation


def _withdraw_waiting(invitations) -> None:
    """Links asked for earlier that no longer apply can no longer be accepted."""
    for invitation in invitations.waiting().select_for_update():
        invitation.status = LinkInvitation.Status.WITHDRAWN
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at", "updated_at"])


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


LINK_SALT = "people.link-invitation"
LINK_NOT_WORKING = (
    "This link does not work. Check you copied all of it from the email, or ask the council to "
    "send the invitation again."
)
LINK_EXPIRED = (
    "This invitation has expired. Ask the council to send it again if you still want to accept."
)
LINK_USED = "This invitation has already been answered, or the council has withdrawn it."
LINK_WRONG_ACCOUNT = (
    "This invitation is for a different account. Sign out and sign in with the email address "
    "it was sent to."
)


def link_token(invitation: LinkInvitation) -> str:
    """The signed part of the link in the email: names the invitation, expires with it."""
    return signing.dumps(str(invitation.id), salt=LINK_SALT, compress=True)


def link_invitation_from_token(token: str) -> LinkInvitation:
    """The invitation a link names, or a DomainError saying plainly why the link does not work."""
    try:
        invitation_id = signing.loads(
            token, salt=LINK_SALT, max_age=timedelta(days=LINK_INVITATION_DAYS)
        )
    except signing.SignatureExpired as error:
        raise DomainError(LINK_EXPIRED) from error
    except signing.BadSignature as error:
        raise DomainError(LINK_NOT_WORKING) from error
    try:
        invitation_id = uuid.UUID(str(invitation_id))
    except ValueError as error:
        raise DomainError(LINK_NOT_WORKING) from error
    invitation = (
        LinkInvitation.objects.filter(id=invitation_id)
        .select_related("person__local_authority", "representative", "invited_by")
        .first()
    )
    if invitation is None:
        raise DomainError(LINK_NOT_WORKING)
    return invitation


def link_invitation_check(*, invitation: LinkInvitation, user: User) -> None:
    """DomainError unless `user` is the account asked and may still accept or decline."""
    if invitation.user_id != user.id:
        raise DomainError(LINK_WRONG_ACCOUNT)
    representative = invitation.representative
    if invitation.status != LinkInvitation.Status.WAITING or (
        representative is not None and representative.revoked_at is not None
    ):
        raise DomainError(LINK_USED)
    if invitation.has_expired():
        raise DomainError(LINK_EXPIRED)


@transaction.atomic
def link_invitation_accept(*, invitation: LinkInvitation, user: User) -> LinkInvitation:
    """The account holder agrees: link their account to the record (as the person or as the
    representative the council recorded). Nothing is linked before this."""
    invitation = _answerable(invitation, user)
    person = Person.objects.select_for_update().get(pk=invitation.person_id)
    _check_still_can_link(invitation, person, user)
    if invitation.representative is None:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        _name_login_after(person)
    else:
        representative = invitation.representative
        representative.user = user
        representative.account_status = Representative.AccountStatus.LINKED
        representative.save(update_fields=["user", "account_status", "updated_at"])
    return _answer(invitation, LinkInvitation.Status.ACCEPTED)


@transaction.atomic
def link_invitation_decline(*, invitation: LinkInvitation, user: User) -> LinkInvitation:
    """The account holder says no: nothing is linked, and the council sees they declined."""
    invitation = _answerable(invitation, user)
    if invitation.representative is not None:
        representative = invitation.representative
        representative.account_status = Representative.AccountStatus.DECLINED
        representative.save(update_fields=["account_status", "updated_at"])
    return _answer(invitation, LinkInvitation.Status.DECLINED)


def _answerable(invitation: LinkInvitation, user: User) -> LinkInvitation:
    """The invitation, locked and checked again: a second click or tab changes nothing."""
    invitation = LinkInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.representative_id:
        invitation.representative = Representative.objects.select_for_update().get(
            pk=invitation.representative_id
        )
    link_invitation_check(invitation=invitation, user=user)
    return invitation


def _check_still_can_link(invitation: LinkInvitation, person: Person, user: User) -> None:
    """What was true when the council asked must still be true now the holder accepts."""
    if account_has_staff_role(user):
        raise DomainError(
            "Your account has a staff role, so it cannot be linked to a person's record. "
            "Ask the council to use a personal email address instead."
        )
    if invitation.representative is None:
        if person.user_id is not None or Person.objects.filter(user=user).exists():
            raise DomainError(
                "Your account is already linked to a person's record, so it cannot be linked "
                "to this one. Contact the council."
            )
    elif person.user_id == user.id:
        raise DomainError("A person cannot be their own representative.")


def _answer(invitation: LinkInvitation, status: str) -> LinkInvitation:
    invitation.status = status
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at", "updated_at"])
    return invitation


def link_invitation_send(*, link_invitation_id: str) -> bool:
    """Email the holder the link to accept or decline, if not sent yet. Safe to run twice."""
    with transaction.atomic():
        invitation = (
            # Lock only the invitation: the representative may be absent (an outer join).
            LinkInvitation.objects.select_for_update(of=("self",))
            .select_related("user", "person__local_authority", "representative", "invited_by")
            .get(id=link_invitation_id)
        )
        if invitation.sent_at or invitation.status != LinkInvitation.Status.WAITING:
            return False
        path = reverse("people:link_invitation", kwargs={"token": link_token(invitation)})
        context = {
            "invitation": invitation,
            "user": invitation.user,
            "link": settings.SITE_URL + path,
            "service": settings.SERVICE_NAME,
        }
        send_mail(
            subject=f"Accept or decline: a request to use {settings.SERVICE_NAME.lower()}",
            message=render_to_string("people/email/link_invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.user.email],
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
    existing = _existing_account(details["email"])
    if existing is None:
        user = _new_account(details["email"], details["full_name"])
        representative = Representative.objects.create(
            person=person, user=user, agreed_by=agreed_by, **details
        )
        invitation_create(user=user, invited_by=agreed_by)
        return representative
    _check_can_link(existing, as_representative=True)
    if existing.pk == person.user_id:
        raise DomainError("A person cannot be their own representative", field="email")
    representative = Representative.objects.create(
        person=person,
        user=None,
        account_status=Representative.AccountStatus.AWAITING,
        agreed_by=agreed_by,
        **details,
    )
    _ask_holder_to_accept(
        person=person, representative=representative, user=existing, invited_by=agreed_by
    )
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
    _withdraw_waiting(representative.link_invitations.all())


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
