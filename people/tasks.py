"""Background jobs for people: thin wrappers that take ids and call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_invitation(invitation_id: str) -> bool:
    """Email an invitation to sign in; does nothing if it was already sent."""
    return services.invitation_send(invitation_id=invitation_id)


@shared_task(acks_late=True)
def send_link_invitation(link_invitation_id: str) -> bool:
    """Email an existing account's holder the link to accept or decline; once only."""
    return services.link_invitation_send(link_invitation_id=link_invitation_id)
