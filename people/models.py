"""Users, organisations, staff roles, the person, their representatives, consent and audit."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from djmoney.models.fields import MoneyField
from simple_history.models import HistoricalRecords


def money_field(*, max_digits: int = 12, **kwargs) -> models.DecimalField:
    """A Decimal amount in pounds and pence (GBP). Never a float."""
    return models.DecimalField(max_digits=max_digits, decimal_places=2, **kwargs)


class TimeStampedModel(models.Model):
    """Adds when a row was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ActingForHistory(models.Model):
    """Extra column on every history row: the person a representative was acting for."""

    history_acting_for = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        abstract = True


def audited() -> HistoricalRecords:
    """History with actor (history_user) and acting-for on every change."""
    return HistoricalRecords(bases=[ActingForHistory], excluded_fields=["updated_at"])


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: a person, a representative, council or provider staff."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can use the service administration (Django admin)."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """Their full name, or their email address if they gave no name."""
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(TimeStampedModel):
    """A local authority (council) or a care provider."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PROVIDER = "provider", "Provider"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # How people reach a council's adult social care team, shown on the help page. All optional.
    phone = models.CharField("phone number", max_length=50, blank=True)
    email = models.EmailField("email address", blank=True)
    postal_address = models.TextField(blank=True, help_text="One line of the address a line.")
    opening_hours = models.TextField(
        blank=True, help_text="For example: Monday to Friday, 9am to 5pm."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind == self.Kind.LOCAL_AUTHORITY

    @property
    def has_contact_details(self) -> bool:
        return bool(self.phone or self.email or self.postal_address or self.opening_hours)


class StaffRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    APPROVER = "approver", "Approver"
    FINANCE_OFFICER = "finance_officer", "Finance officer"
    ADMINISTRATOR = "administrator", "Administrator"
    PROVIDER_STAFF = "provider_staff", "Provider staff"


LA_ROLES = [
    StaffRole.SOCIAL_WORKER,
    StaffRole.APPROVER,
    StaffRole.FINANCE_OFFICER,
    StaffRole.ADMINISTRATOR,
]


# Which memberships make someone council staff, or provider staff.
COUNCIL_MEMBERSHIP = Q(organisation__kind=Organisation.Kind.LOCAL_AUTHORITY, role__in=LA_ROLES)
PROVIDER_MEMBERSHIP = Q(
    organisation__kind=Organisation.Kind.PROVIDER, role=StaffRole.PROVIDER_STAFF
)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Memberships that currently give their role."""
        return self.filter(is_active=True)

    def local_authority(self):
        """Council staff memberships."""
        return self.filter(COUNCIL_MEMBERSHIP)

    def provider(self):
        """Provider staff memberships."""
        return self.filter(PROVIDER_MEMBERSHIP)


class Membership(TimeStampedModel):
    """A staff role held by a user in one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=StaffRole.choices)
    approval_limit = MoneyField(
        max_digits=12,
        decimal_places=2,
        default_currency="GBP",
        null=True,
        blank=True,
        help_text="For approvers: the largest yearly budget they may approve alone.",
    )
    is_active = models.BooleanField(default=True)

    objects = MembershipQuerySet.as_manager()
    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"

    def clean(self) -> None:
        """A staff role never goes on an account that uses a person's record or acts for someone:
        one account with both would see records through both doors (the admin form runs this)."""
        if self.user_id is None or self.user._state.adding:
            return
        if account_is_a_person_or_representative(self.user):
            raise ValidationError(STAFF_ROLE_REFUSED)


STAFF_ROLE_REFUSED = (
    "This account is used to see a person's record, as the person or their representative, so "
    "it cannot have a staff role. Give staff roles only to an account with a work email address."
)


def account_is_a_person_or_representative(user: "User") -> bool:
    """The account has a person's record, an arrangement not ended, or an invitation waiting."""
    return (
        Person.objects.filter(user=user).exists()
        or Representative.objects.filter(user=user, revoked_at__isnull=True).exists()
        or LinkInvitation.objects.waiting().filter(user=user).exists()
    )


def account_has_staff_role(user: "User") -> bool:
    """The account has (or had) a council or provider role, or runs the service."""
    return user.is_staff or user.is_superuser or user.memberships.exists()


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People whose full record this user may open."""
        from . import access

        return access.persons_visible_to(user, self)

    def on_caseload_of(self, user):
        """People on the caseloads of the councils the user works for."""
        from . import access

        return self.filter(local_authority_id__in=access.la_roles(user).keys())

    def consented_to_provider_of(self, user):
        """People who agreed that this provider user's organisation may see their outcomes."""
        from . import access

        return access.persons_consented_to(user, self)


def name_to_show(first_name: str, preferred_name: str, last_name: str) -> str:
    """The name a person likes to be called, with their family name (Person.display_name)."""
    return f"{preferred_name or first_name} {last_name}"


class Person(TimeStampedModel):
    """An adult with care and support needs, on one council's caseload."""

    class Capacity(models.TextChoices):
        HAS_CAPACITY = "has_capacity", "Has capacity to manage a direct payment"
        LACKS_CAPACITY = "lacks_capacity", "Lacks capacity to manage a direct payment"
        NOT_ASSESSED = "not_assessed", "Not yet assessed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    local_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person_record"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    communication_needs = models.TextField(blank=True)
    dp_capacity = models.CharField(
        "capacity to manage a direct payment",
        max_length=20,
        choices=Capacity.choices,
        default=Capacity.NOT_ASSESSED,
    )
    capacity_assessed_on = models.DateField(null=True, blank=True)
    case_reference = models.CharField(
        "council's case reference",
        max_length=30,
        blank=True,
        help_text="The council's own reference for the person. Unique within the council.",
    )
    nhs_number = models.CharField(
        "NHS number",
        max_length=10,
        blank=True,
        help_text="10 digits with a valid check digit, stored without spaces.",
    )

    objects = PersonQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=Q(dp_capacity="not_assessed") | Q(capacity_assessed_on__isnull=False),
                name="person_capacity_has_date",
            ),
            models.UniqueConstraint(
                fields=["local_authority", "case_reference"],
                condition=~Q(case_reference=""),
                name="person_case_reference_unique_in_council",
            ),
            models.CheckConstraint(
                condition=Q(nhs_number="") | Q(nhs_number__regex=r"^[0-9]{10}$"),
                name="person_nhs_number_is_10_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return name_to_show(self.first_name, self.preferred_name, self.last_name)

    @property
    def legal_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def awaits_account_holder(self) -> bool:
        """Staff asked the holder of an existing account to accept this record as theirs."""
        return (
            self.user_id is None
            and self.link_invitations.waiting().filter(representative__isnull=True).exists()
        )

    @property
    def nhs_number_spaced(self) -> str:
        """485 777 3456: the NHS number as it is printed on letters and cards."""
        n = self.nhs_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if n else ""


def representative_in_force_q(prefix: str = "", on=None) -> Q:
    """Q for arrangements in force on a date (today by default): the account holder has accepted,
    started, not ended, not revoked. Every access check and every message reads this one.

    `prefix` reaches the arrangement from another model, e.g. "representatives__".
    """
    on = on or timezone.localdate()
    return Q(
        **{
            f"{prefix}account_status": Representative.AccountStatus.LINKED,
            f"{prefix}revoked_at__isnull": True,
            f"{prefix}starts_on__lte": on,
        }
    ) & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on}))


class RepresentativeQuerySet(models.QuerySet):
    def active(self, on=None):
        """Arrangements in force today (or on the given date)."""
        return self.filter(representative_in_force_q(on=on))

    def visible_to(self, user):
        """Arrangements for people whose record this user may open."""
        return self.filter(person__in=Person.objects.visible_to(user))


class Representative(TimeStampedModel):
    """A nominated or authorised person who manages the direct payment for someone."""

    class Kind(models.TextChoices):
        NOMINATED = "nominated", "Nominated person"
        AUTHORISED = "authorised", "Authorised person"

    class LegalBasis(models.TextChoices):
        LPA = "lpa", "Lasting Power of Attorney (property and financial affairs)"
        DEPUTY = "deputy", "Court of Protection deputy"
        SUITABLE_PERSON = "suitable_person", "Suitable person agreed by the council"

    class Declaration(models.TextChoices):
        NO_CONVICTIONS = "no_convictions", "Declared no convictions for dishonesty"
        HAS_CONVICTIONS = "has_convictions", "Declared a conviction for dishonesty"

    class AccountStatus(models.TextChoices):
        LINKED = "linked", "Signs in with their own account"
        AWAITING = "awaiting", "Waiting for them to accept"
        DECLINED = "declined", "They declined"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="representations"
    )
    full_name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    relationship = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    legal_basis = models.CharField(max_length=20, choices=LegalBasis.choices, blank=True)
    legal_reference = models.CharField(max_length=100, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    agreed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField()
    dishonesty_declaration = models.CharField(max_length=20, choices=Declaration.choices)
    declaration_details = models.TextField(blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    # An email address that already had an account links to it only once its holder accepts:
    # until then `user` stays empty and the arrangement is not in force.
    account_status = models.CharField(
        "account",
        max_length=20,
        choices=AccountStatus.choices,
        default=AccountStatus.LINKED,
    )

    objects = RepresentativeQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="nominated") & Q(legal_basis=""))
                | (Q(kind="authorised") & ~Q(legal_basis="") & ~Q(legal_reference="")),
                name="representative_legal_basis_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="representative_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(dishonesty_declaration="no_convictions") | ~Q(declaration_details=""),
                name="representative_conviction_has_details",
            ),
            models.CheckConstraint(
                condition=Q(account_status="linked") | Q(user__isnull=True),
                name="representative_unaccepted_has_no_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_kind_display().lower()} for {self.person})"

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        if self.account_status != self.AccountStatus.LINKED:
            return False
        if self.revoked_at or self.starts_on > on:
            return False
        return self.ends_on is None or self.ends_on >= on


class ProviderConsentQuerySet(models.QuerySet):
    def active(self):
        """Consents given and not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class ProviderConsent(TimeStampedModel):
    """A person's agreement that a provider may see the outcomes agreed in their plan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="provider_consents")
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consents",
        limit_choices_to={"kind": Organisation.Kind.PROVIDER},
    )
    given_at = models.DateTimeField(default=timezone.now)
    given_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ProviderConsentQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "provider"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_provider",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.provider}"


class Invitation(TimeStampedModel):
    """An email inviting someone to set a password and sign in. Sent at most once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invitation for {self.user}"


LINK_INVITATION_DAYS = 14


class LinkInvitationQuerySet(models.QuerySet):
    def waiting(self):
        """Invitations not yet accepted, declined or withdrawn (expired ones included)."""
        return self.filter(status=LinkInvitation.Status.WAITING)


class LinkInvitation(TimeStampedModel):
    """An email asking the holder of an existing account to accept a link to a person's record,
    as the person themselves (no representative) or as their representative. Nothing is linked
    until they accept, signed in as that account, within LINK_INVITATION_DAYS."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="link_invitations")
    representative = models.ForeignKey(
        Representative,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="link_invitations",
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="link_invitations")
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = LinkInvitationQuerySet.as_manager()
    history = audited()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="waiting", answered_at__isnull=True)
                | (~Q(status="waiting") & Q(answered_at__isnull=False)),
                name="link_invitation_answered_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to link an account to {self.person}"

    @property
    def is_for_own_record(self) -> bool:
        return self.representative_id is None

    def has_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class RecordAccessQuerySet(models.QuerySet):
    def newest_first(self):
        """Who opened the record, newest first, with their names."""
        return self.select_related("user").order_by("-at")


class RecordAccess(models.Model):
    """A log line: someone opened a person's record. Never changed or deleted."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    acting_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=100)
    at = models.DateTimeField(default=timezone.now)

    objects = RecordAccessQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "-at"], name="record_access_person_at")]

    def __str__(self) -> str:
        return f"{self.user} opened {self.what} for {self.person} at {self.at:%Y-%m-%d %H:%M}"


from .council_settings.models import CouncilSettings  # noqa: E402,F401  (a feature's model)
