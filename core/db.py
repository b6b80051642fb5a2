"""Database helpers shared by every app's services."""

from django.db import IntegrityError, transaction

from core.errors import DomainError


def create_unique(model, *, message: str, **fields):
    """Create a row whose uniqueness the database guards; a duplicate (say, a double click that
    raced past the service's own check) becomes a DomainError with `message`, not a 500."""
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError as error:
        raise DomainError(message) from error
