"""Recording and sending messages. Every message is recorded first under its business key, then
sent by a task after the transaction commits; a message is never sent twice, never at night, and
one that cannot be sent is tried again and then shown to the council's staff."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from people.models import Person, Representative, User

from .channels import SendFailed, deliver
from .models import Channel, ContactPreference, Message

MAX_ATTEMPTS = 3
DONE = (Message.Status.SENT, Message.Status.RECORDED)


@dataclass(frozen=True)
class Recipient:
    name: str
    channel: str
    address: str
    user: User | None = None
    easy_read: bool = False


def preference_for(person: Person) -> ContactPreference | None:
    return ContactPreference.objects.filter(person=person).first()


def _postal_address(person: Person) -> str:
    lines = [person.legal_name, person.address_line_1, person.address_line_2, person.town]
    return "\n".join(line for line in [*lines, person.postcode] if line)


def _person_recipient(person: Person, preference: ContactPreference | None) -> Recipient | None:
    """The person themselves, by the channel they chose (email if they have one, else letter)."""
    channel = preference.channel if preference else Channel.EMAIL
    easy_read = bool(preference and preference.easy_read)
    email = person.email or (person.user.email if person.user_id else "")
    name = person.display_name
    if channel == Channel.NONE:
        return None
    if channel == Channel.TEXT and person.phone:
        return Recipient(name, Channel.TEXT, person.phone, person.user, easy_read)
    if channel in (Channel.EMAIL, Channel.TEXT) and email:
        return Recipient(name, Channel.EMAIL, email, person.user, easy_read)
    return Recipient(name, Channel.LETTER, _postal_address(person), person.user, easy_read)


def recipients_for(person: Person, *, person_too: bool = False) -> list[Recipient]:
    """Who hears about a person's money: their representatives in force (by email) and the
    person, unless a representative manages it for them and the person chose nothing (or,
    with `person_too`, for a written notice, always); nobody if the person chose no messages."""
    preference = preference_for(person)
    if preference and preference.channel == Channel.NONE:
        return []
    representatives = [
        Recipient(r.full_name, Channel.EMAIL, r.email, r.user)
        for r in Representative.objects.active().filter(person=person).select_related("user")
    ]
    if representatives and preference is None and not person_too:
        return representatives
    own = _person_recipient(person, preference)
    return representatives + ([own] if own else [])


def whose_for(recipient: Recipient, person: Person) -> tuple[str, str]:
    """('your', 'your') to the person; ("Peggy Hughes's", "Peggy's") to anyone else: the
    usual and the easy-read way to say whose budget, plan or review a message is about."""
    if recipient.user is not None and recipient.user.pk == person.user_id:
        return "your", "your"
    return f"{person.display_name}'s", f"{person.preferred_name or person.first_name}'s"


def staff_recipient(user: User) -> Recipient:
    return Recipient(user.display_name, Channel.EMAIL, user.email, user)


def render(kind: str, context: dict, *, easy_read: bool = False) -> tuple[str, str]:
    """(subject, body) from templates/notifications/<kind>.txt and <kind>_subject.txt; the
    easy read version (<kind>_easy.txt) when the person asked for easy read and one exists."""
    name = f"notifications/{kind}.txt"
    if easy_read:
        try:
            get_template(f"notifications/{kind}_easy.txt")
            name = f"notifications/{kind}_easy.txt"
        except TemplateDoesNotExist:
            pass
    context = {"service": settings.SERVICE_NAME, "site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"notifications/{kind}_subject.txt", context).strip()
    return subject, render_to_string(name, context).strip() + "\n"


def message_record(
    *, key: str, kind: str, person: Person | None, recipient: Recipient, context: dict
) -> Message | None:
    """Record a message and send it after commit; None if one with this key exists already."""
    if Message.objects.filter(business_key=key).exists():
        return None
    subject, body = render(kind, {**context, "recipient": recipient}, easy_read=recipient.easy_read)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                business_key=key,
                kind=kind,
                person=person,
                recipient=recipient.user,
                recipient_name=recipient.name,
                channel=recipient.channel,
                address=recipient.address,
                subject=subject[:200],
                body=body,
            )
    except IntegrityError:  # the same message recorded at the same moment elsewhere
        return None
    transaction.on_commit(lambda: _enqueue(message.id))
    return message


def _enqueue(message_id) -> None:
    from .tasks import send_message

    send_message.delay(str(message_id))


def is_quiet_time(moment: datetime | None = None) -> bool:
    """Nobody is sent anything at night (before 8am or from 9pm, UK time)."""
    hour = timezone.localtime(moment or timezone.now()).hour
    start, end = settings.QUIET_HOURS
    if start == end:
        return False
    return (hour >= start or hour < end) if start > end else start <= hour < end


def message_send(*, message_id: str) -> str:
    """Send a recorded message once (safe to run twice); its status afterwards.

    At night it stays queued for the morning's run; a failure is kept with its reason and
    tried again, and after MAX_ATTEMPTS tries it is marked Failed for staff to see.
    """
    with transaction.atomic():
        message = Message.objects.select_for_update().get(id=message_id)
        if message.status in DONE or message.status == Message.Status.FAILED:
            return message.status
        if is_quiet_time():
            return message.status
        message.attempts += 1
        try:
            message.status = deliver(message)
            message.sent_at = timezone.now()
            message.last_error = ""
        except SendFailed as error:
            message.last_error = str(error)[:1000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = Message.Status.FAILED
        message.save()
        return message.status


def messages_send_waiting() -> int:
    """Send every message still waiting (after the night, or after a failure); how many."""
    waiting = Message.objects.filter(status=Message.Status.QUEUED).values_list("id", flat=True)
    return sum(message_send(message_id=str(m)) in DONE for m in waiting)


@transaction.atomic
def preference_save(*, person: Person, user: User, channel: str, easy_read: bool):
    """Record how the person wants to hear from the service."""
    preference, _ = ContactPreference.objects.update_or_create(
        person=person,
        defaults={"channel": channel, "easy_read": easy_read, "updated_by": user},
    )
    return preference
