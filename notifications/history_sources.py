"""The messages sent about a person, in their "Changes to the record" page (people.history)."""

from people.history import Detail, HistoryEntry, HistoryEvents

from .models import Message


def _entry(message: Message) -> HistoryEntry:
    return HistoryEntry(
        when=message.sent_at or message.created_at,
        actor=None,
        acting_for=None,
        subject=f"Message: {message.get_kind_display()}",
        action=message.get_status_display(),
        details=[
            Detail("To", message.recipient_name),
            Detail("By", message.get_channel_display()),
            Detail("Subject", message.subject),
        ],
    )


def message_history(person) -> list:
    return [HistoryEvents(Message.objects.filter(person=person), "created_at", _entry)]
