"""The one place that answers "may this user see or do this for this person?".

Views load people only through `Person.objects.visible_to(user)` (another person's record is a 404)
and then ask the `can_*` functions below before showing a button or accepting a form.
"""

from django.db.models import Q

from .models import (
    COUNCIL_MEMBERSHIP,
    PROVIDER_MEMBERSHIP,
    Membership,
    Organisation,
    Person,
    ProviderConsent,
    Representative,
    StaffRole,
    representative_in_force_q,
)

# Council roles that may change a person's details and their representatives.
CASEWORK_ROLES = {StaffRole.SOCIAL_WORKER, StaffRole.APPROVER, StaffRole.ADMINISTRATOR}


def la_roles(user) -> dict:
    """{authority id: set of roles} for a user's active council memberships (cached per user)."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_la_roles"):
        _read_memberships(user)
    return user._la_roles


def provider_ids(user) -> set:
    """Ids of the provider organisations this user works for (cached per user)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_provider_ids"):
        _read_memberships(user)
    return user._provider_ids


def _read_memberships(user) -> None:
    """The user's council roles and provider organisations, in one query: every request asks
    whether its user must use multi-factor sign-in, which needs both for anyone not on a
    council's staff."""
    roles: dict = {}
    providers: set = set()
    memberships = Membership.objects.active().filter(
        COUNCIL_MEMBERSHIP | PROVIDER_MEMBERSHIP, user=user
    )
    for org_id, kind, role in memberships.values_list(
        "organisation_id", "organisation__kind", "role"
    ):
        if kind == Organisation.Kind.LOCAL_AUTHORITY:
            roles.setdefault(org_id, set()).add(role)
        else:
            providers.add(org_id)
    user._la_roles, user._provider_ids = roles, providers


def is_la_staff(user) -> bool:
    return bool(la_roles(user))


def is_provider_user(user) -> bool:
    return bool(provider_ids(user))


def needs_multi_factor(user) -> bool:
    """Council and provider staff, and service administrators, must use multi-factor sign-in."""
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or is_la_staff(user) or is_provider_user(user)
    )


def active_representation_q(user, prefix: str = "") -> Q:
    """Q for arrangements where `user` is an active representative, today."""
    return Q(**{f"{prefix}user": user}) & representative_in_force_q(prefix)


def persons_visible_to(user, queryset=None):
    """People whose record the user may open: their own, those they represent, their caseload."""
    queryset = Person.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    represented = Representative.objects.filter(active_representation_q(user)).values("person_id")
    return queryset.filter(
        Q(user=user) | Q(id__in=represented) | Q(local_authority_id__in=la_roles(user).keys())
    )


def persons_consented_to(user, queryset=None):
    """People who consented to the user's provider organisation seeing their agreed outcomes."""
    queryset = Person.objects.all() if queryset is None else queryset
    consenting = ProviderConsent.objects.active().filter(provider_id__in=provider_ids(user))
    return queryset.filter(id__in=consenting.values("person_id"))


def persons_acted_for(user):
    """People the user may act for as themselves or as a representative, by name."""
    if not user.is_authenticated:
        return Person.objects.none()
    represented = (
        Representative.objects.filter(active_representation_q(user)).order_by().values("person_id")
    )
    # One id list from two index look-ups: "user = x OR id IN (...)" made PostgreSQL read every
    # person of every council, on every request of every signed-in user (issue 15).
    own = Person.objects.filter(user=user).order_by().values("id")
    return Person.objects.filter(id__in=own.union(represented))


def is_representative_for(user, person) -> bool:
    return Representative.objects.filter(active_representation_q(user), person=person).exists()


def is_the_person(user, person) -> bool:
    """The signed-in user is the person themselves (not a representative, not staff): pages say
    "you" to them, and speak about the person by name to anyone else."""
    return user.is_authenticated and person.user_id is not None and person.user_id == user.id


def is_self_or_representative(user, person) -> bool:
    return user.is_authenticated and (
        person.user_id == user.id or is_representative_for(user, person)
    )


def la_roles_for(user, person) -> set:
    """The user's council roles at the authority that holds this person's record."""
    return la_roles(user).get(person.local_authority_id, set())


def can_add_person(user, authority) -> bool:
    return bool(la_roles(user).get(authority.id, set()) & CASEWORK_ROLES)


def can_edit_person(user, person) -> bool:
    return bool(la_roles_for(user, person) & CASEWORK_ROLES)


def can_manage_representatives(user, person) -> bool:
    return can_edit_person(user, person)


def can_manage_consent(user, person) -> bool:
    """The person, their representative, or council casework staff recording it for them."""
    return is_self_or_representative(user, person) or can_edit_person(user, person)


def can_view_history(user, person) -> bool:
    return is_self_or_representative(user, person) or bool(la_roles_for(user, person))


def casework_authorities(user):
    """Authorities where the user may add people to the caseload."""
    ids = [org_id for org_id, roles in la_roles(user).items() if roles & CASEWORK_ROLES]
    return Organisation.objects.filter(id__in=ids)


# Assessments. Providers never reach assessments or finances.
ASSESSOR_ROLES = {StaffRole.SOCIAL_WORKER, StaffRole.APPROVER, StaffRole.ADMINISTRATOR}
FINANCE_ROLES = {StaffRole.FINANCE_OFFICER, StaffRole.ADMINISTRATOR}


def can_see_assessments(user, person) -> bool:
    """The person, their representative, and any council staff at the person's council."""
    return is_self_or_representative(user, person) or bool(la_roles_for(user, person))


def can_assess(user, person) -> bool:
    """Council staff who carry out and decide needs assessments."""
    return bool(la_roles_for(user, person) & ASSESSOR_ROLES)


def can_fill_self_assessment(user, person) -> bool:
    """The person or their representative, or an assessor supporting them."""
    return is_self_or_representative(user, person) or can_assess(user, person)


def can_see_finances(user, person) -> bool:
    """The person, their representative, and council staff at the person's council."""
    return can_see_assessments(user, person)


def can_assess_finances(user, person) -> bool:
    """Finance officers (and administrators) carry out financial assessments."""
    return bool(la_roles_for(user, person) & FINANCE_ROLES)


def can_change_needs_assessment(user, assessment) -> bool:
    """A self-assessment: the person, their representative or an assessor. Others: assessors."""
    if assessment.is_self_assessment:  # the adult's or the carer's own
        return can_fill_self_assessment(user, assessment.person)
    return can_assess(user, assessment.person)


# Support plans.
def can_write_plan(user, person) -> bool:
    """The person or their representative writes the plan, with or without a social worker."""
    return is_self_or_representative(user, person) or can_assess(user, person)


def can_check_plan(user, person) -> bool:
    """Social workers (and administrators) check a plan before it goes for approval."""
    return bool(la_roles_for(user, person) & {StaffRole.SOCIAL_WORKER, StaffRole.ADMINISTRATOR})


def approver_limit(user, person):
    """(is an approver at the person's council, their yearly limit or None for no limit)."""
    membership = (
        Membership.objects.active()
        .filter(
            user=user,
            organisation_id=person.local_authority_id,
            role=StaffRole.APPROVER,
        )
        .first()
    )
    if membership is None:
        return False, None
    limit = membership.approval_limit
    return True, (limit.amount if limit is not None else None)


def approvers_for(person) -> list:
    """[(user, yearly limit or None for no limit)] for every active approver at the person's
    council, by name: who a plan can be referred to."""
    memberships = (
        Membership.objects.active()
        .filter(
            organisation_id=person.local_authority_id,
            role=StaffRole.APPROVER,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    return [
        (m.user, m.approval_limit.amount if m.approval_limit is not None else None)
        for m in memberships
    ]


# Budgets.
def can_run_payments(user, authority) -> bool:
    """Finance officers (and administrators) run the council's direct payments."""
    return bool(la_roles(user).get(authority.id, set()) & FINANCE_ROLES)


# Budgets: spending, receipts and rule flags.
def can_see_spending(user, person) -> bool:
    """The person, their representative, and council staff at the person's council."""
    return is_self_or_representative(user, person) or bool(la_roles_for(user, person))


def can_log_spending(user, person) -> bool:
    """The person or their representative logs direct payment spending and explains it."""
    return is_self_or_representative(user, person)


def can_review_spending(user, person) -> bool:
    """Finance officers (and administrators) at the person's council resolve spending questions."""
    return bool(la_roles_for(user, person) & FINANCE_ROLES)


def spending_review_authorities(user) -> list:
    """Ids of the councils where the user reviews spending."""
    return [org_id for org_id, roles in la_roles(user).items() if roles & FINANCE_ROLES]


# Budgets: payments in, contributions, statements, monitoring and managed accounts.
def finance_authority_ids(user) -> list:
    """Ids of the councils where the user runs payments and monitors direct payments."""
    return spending_review_authorities(user)


def can_monitor_budget(user, person) -> bool:
    """Finance officers (and administrators) at the person's council see the budget's ledger
    and record payments made on the person's behalf from a managed account or ISF."""
    return bool(la_roles_for(user, person) & FINANCE_ROLES)


def can_pay_in_or_import(user, person) -> bool:
    """The person or their representative, or the council's finance staff, log contributions
    paid in and import statements of the direct payment account."""
    return is_self_or_representative(user, person) or can_monitor_budget(user, person)


def can_record_isf_payment(user, part) -> bool:
    """Provider staff record payments from an individual service fund their organisation holds."""
    return part.kind == "isf" and part.provider_id in provider_ids(user)


# Council settings (people/council_settings).
def council_settings_authorities(user):
    """The councils whose settings this user may change: where they are an administrator."""
    ids = [org_id for org_id, roles in la_roles(user).items() if StaffRole.ADMINISTRATOR in roles]
    return Organisation.objects.filter(id__in=ids).order_by("name")


def can_change_council_settings(user, authority) -> bool:
    """Only the council's own administrators."""
    return StaffRole.ADMINISTRATOR in la_roles(user).get(authority.id, set())


def can_recalculate_charges(user, authority) -> bool:
    """Finance officers (and administrators) work charges out again on a new year's rates."""
    return bool(la_roles(user).get(authority.id, set()) & FINANCE_ROLES)


def charge_authorities(user):
    """The councils whose charges this user may work out again."""
    ids = [org_id for org_id, roles in la_roles(user).items() if roles & FINANCE_ROLES]
    return Organisation.objects.filter(id__in=ids).order_by("name")


# Reviews. Providers reach only what the person chose to share of a completed review, the
# actions it gave them, and the questions they were invited to answer (reviews/meetings).
def can_see_reviews(user, person) -> bool:
    """The person, their representative, and council staff at the person's council."""
    return is_self_or_representative(user, person) or bool(la_roles_for(user, person))


def can_ask_for_review(user, person) -> bool:
    """The person or their representative asks; casework staff start one on an event."""
    return is_self_or_representative(user, person) or can_edit_person(user, person)


def can_plan_review(user, person) -> bool:
    """The person or their representative plans a review meeting with casework staff: who
    comes, when and where, what they need to take part and what they want to talk about."""
    return is_self_or_representative(user, person) or can_edit_person(user, person)


def is_consented_provider(user, person) -> bool:
    """Provider staff whose organisation the person agreed may see their outcomes."""
    return persons_consented_to(user).filter(pk=person.pk).exists()
