"""Background jobs for messages: thin wrappers that take ids and call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_message(message_id: str) -> str:
    """Send one recorded message; does nothing if it was sent already."""
    return services.message_send(message_id=message_id)


@shared_task(acks_late=True)
def send_waiting_messages() -> int:
    """Send messages still waiting after the night or a failure."""
    return services.messages_send_waiting()


@shared_task(acks_late=True)
def staff_digests() -> int:
    """One email a day for each member of council staff with something waiting."""
    from .digest import staff_digests_send

    return staff_digests_send()
