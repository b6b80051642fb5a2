"""Writing to the person about a notice or an audit: a message to each of their recipients
(notifications: the person and their representative, by the channel they chose, recorded once
under a business key), and the notice as a letter PDF (core.pdf) made from the notice as it was
given, for the page, for printing and for a letter sent by post."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.formats import long_date, pounds
from core.pdf import render_pdf
from notifications.models import Message
from notifications.services import message_record, recipients_for, whose_for
from people.models import Representative

from ..models import Audit, Notice
from .presenters import notice_view


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def tell(person, *, key: str, kind: str, context: dict) -> int:
    """One message to the person and to each of their representatives, worded for them (a
    written notice goes to the person too, even when a representative manages the money);
    how many were new."""
    made = 0
    for recipient in recipients_for(person, person_too=True):
        whose, whose_easy = whose_for(recipient, person)
        made += bool(
            message_record(
                key=f"{key}:{recipient.address}",
                kind=kind,
                person=person,
                recipient=recipient,
                context={
                    **context,
                    "whose": whose,
                    "whose_easy": whose_easy,
                    "council": person.local_authority,
                },
            )
        )
    return made


def notice_given_tell(notice: Notice) -> int:
    """The written notice, by message, to the person and their representative."""
    args = (notice.budget_id, notice.id)
    return tell(
        notice.budget.person,
        key=f"notice-given:{notice.id}",
        kind=Message.Kind.NOTICE_GIVEN,
        context={
            "repayment": notice.is_repayment,
            "what": notice.get_kind_display(),
            "amount": pounds(notice.amount),
            "method": "taken from the account"
            if notice.method == Notice.Method.TAKE
            else "taken off the next payment into the account",
            "reason": notice.reason,
            "working": notice.working,
            "respond_by": long_date(notice.respond_by),
            "takes_effect_on": long_date(notice.takes_effect_on),
            "notice_url": _link("oversight:notice", *args),
            "letter_url": _link("oversight:notice_letter", *args),
        },
    )


def notice_decided_tell(notice: Notice, decision: str) -> int:
    """The council's decision (confirmed, withdrawn, lifted, closed), by message."""
    return tell(
        notice.budget.person,
        key=f"notice-decided:{notice.id}:{notice.status}",
        kind=Message.Kind.NOTICE_DECIDED,
        context={
            "given_on": long_date(notice.given_on),
            "decision": decision,
            "note": notice.decided_note or notice.withdrawn_reason,
            "notice_url": _link("oversight:notice", notice.budget_id, notice.id),
        },
    )


def audit_requested_tell(audit: Audit) -> int:
    return tell(
        audit.budget.person,
        key=f"audit-requested:{audit.id}",
        kind=Message.Kind.AUDIT_REQUESTED,
        context={
            "what": audit.get_kind_display(),
            "reason": audit.reason,
            "period_start": long_date(audit.period_start),
            "period_end": long_date(audit.period_end),
            "due_by": long_date(audit.due_by),
            "audit_url": _link("oversight:audit", audit.budget_id, audit.id),
        },
    )


def notice_letter_pdf(notice: Notice) -> bytes:
    """The notice as a letter: who it is to, what is proposed and why, how it was worked out,
    the date, how to reply and by when, and what can be done if the person disagrees."""
    person = notice.budget.person
    context = {
        "notice": notice,
        "view": notice_view(notice),
        "person": person,
        "council": person.local_authority,
        "representatives": [
            {"name": rep.full_name}
            for rep in Representative.objects.active().filter(person=person).order_by("full_name")
        ],
        "notice_url": _link("oversight:notice", notice.budget_id, notice.id),
        "produced_at": timezone.now(),
    }
    return render_pdf(render_to_string("budgets/oversight/letter.html", context))
