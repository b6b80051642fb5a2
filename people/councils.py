"""Which council's adult social care team someone would contact, for the help page."""

from . import access
from .models import Organisation


def councils_to_contact(user, acting_for=None):
    """The councils a signed-in user deals with: where they work, and the council of each person
    whose record they use (the one open now first). None for anyone else."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    ids = set(access.la_roles(user).keys())
    ids |= set(access.persons_acted_for(user).values_list("local_authority_id", flat=True))
    if acting_for is not None:
        ids.add(acting_for.local_authority_id)
    councils = list(Organisation.objects.filter(id__in=ids, kind=Organisation.Kind.LOCAL_AUTHORITY))
    open_now = acting_for.local_authority_id if acting_for is not None else None
    return sorted(councils, key=lambda council: (council.id != open_now, council.name))
