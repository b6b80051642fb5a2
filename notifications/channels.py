"""Sending one message by its channel: GOV.UK Notify when it is set up (email, text, letter),
otherwise Django's email backend for email (the console on a laptop), and texts and letters are
recorded as what would be sent."""

from django.conf import settings
from django.core.mail import send_mail

from .models import Channel, Message


class SendFailed(Exception):
    """The channel refused or could not be reached; the message is tried again later."""


def notify_configured() -> bool:
    return bool(settings.NOTIFY_API_KEY)


def deliver(message: Message) -> str:
    """Send the message; the status it ends in (Sent, or Recorded when nothing can send it)."""
    if notify_configured():
        _by_notify(message)
        return Message.Status.SENT
    if message.channel == Channel.EMAIL:
        _by_email(message)
        return Message.Status.SENT
    return Message.Status.RECORDED


def _by_email(message: Message) -> None:
    try:
        send_mail(
            subject=message.subject,
            message=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[message.address],
        )
    except Exception as error:  # any mail server failure: try again later
        raise SendFailed(str(error)) from error


def _by_notify(message: Message) -> None:
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)
    words = {"subject": message.subject, "body": message.body}
    try:
        if message.channel == Channel.EMAIL:
            client.send_email_notification(
                email_address=message.address,
                template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                personalisation=words,
                reference=str(message.id),
            )
        elif message.channel == Channel.TEXT:
            client.send_sms_notification(
                phone_number=message.address,
                template_id=settings.NOTIFY_TEXT_TEMPLATE_ID,
                personalisation={"body": message.body},
                reference=str(message.id),
            )
        else:
            client.send_letter_notification(
                template_id=settings.NOTIFY_LETTER_TEMPLATE_ID,
                personalisation={**_address_lines(message.address), **words},
                reference=str(message.id),
            )
    except (APIError, OSError) as error:
        raise SendFailed(str(error)) from error
    except Exception as error:  # the client raises requests' errors for network failures
        raise SendFailed(str(error)) from error


def _address_lines(address: str) -> dict:
    """Notify's address_line_1 to address_line_7 (the name first, the postcode last)."""
    lines = [line.strip() for line in address.splitlines() if line.strip()][:7]
    return {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}
