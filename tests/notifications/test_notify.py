"""GOV.UK Notify, reached through its own client, tested against a small HTTP server of ours on
127.0.0.1 (Notify itself cannot be reached from here)."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings

from notifications import services
from notifications.models import Channel, Message

KEY = f"test_key-{uuid.uuid4()}-{uuid.uuid4()}"
TEMPLATES = {
    "NOTIFY_EMAIL_TEMPLATE_ID": str(uuid.uuid4()),
    "NOTIFY_TEXT_TEMPLATE_ID": str(uuid.uuid4()),
    "NOTIFY_LETTER_TEMPLATE_ID": str(uuid.uuid4()),
}


@pytest.fixture
def notify():
    """A stand-in for Notify's API: records each request, answers as Notify does (or fails)."""
    seen, answer = [], {"status": 201}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append((self.path, self.headers["Authorization"], body))
            self.send_response(answer["status"])
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            reply = (
                {"id": str(uuid.uuid4())}
                if answer["status"] == 201
                else {
                    "errors": [{"error": "Server error", "message": "Internal server error"}],
                    "status_code": answer["status"],
                }
            )
            self.wfile.write(json.dumps(reply).encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with override_settings(
        NOTIFY_API_KEY=KEY, NOTIFY_BASE_URL=url, QUIET_HOURS=(0, 0), **TEMPLATES
    ):
        yield seen, answer
    server.shutdown()


def _message(person, channel, address) -> Message:
    recipient = services.Recipient("Sam Okafor", channel, address, person.user)
    return services.message_record(
        key=f"test:{channel}",
        kind=Message.Kind.STATEMENT_READY,
        person=person,
        recipient=recipient,
        context={
            "whose": "your",
            "person_name": "Sam Okafor",
            "period_start": "1 April",
            "period_end": "31 March",
            "statement_url": "https://example.org/s",
        },
    )


@pytest.mark.parametrize(
    ("channel", "address", "path", "field"),
    [
        (Channel.EMAIL, "sam@example.org", "/v2/notifications/email", "email_address"),
        (Channel.TEXT, "07700900123", "/v2/notifications/sms", "phone_number"),
        (
            Channel.LETTER,
            "Sam Okafor\n1 High Street\nNorthby\nNB1 1AA",
            "/v2/notifications/letter",
            None,
        ),
    ],
)
def test_each_channel_goes_to_notify_with_the_words_from_this_repository(
    notify, person, channel, address, path, field
):
    seen, _ = notify
    message = _message(person, channel, address)
    assert services.message_send(message_id=message.id) == Message.Status.SENT
    [(sent_to, authorisation, body)] = seen
    assert sent_to == path and authorisation.startswith("Bearer ")
    assert body["reference"] == str(message.id)
    if field:
        assert body[field] == address
    else:
        assert body["personalisation"]["address_line_1"] == "Sam Okafor"
        assert body["personalisation"]["address_line_4"] == "NB1 1AA"
    words = body["personalisation"]
    assert "The audit statement of your direct payment account" in words["body"]


def test_notify_failing_leaves_the_message_to_try_again(notify, person):
    seen, answer = notify
    answer["status"] = 500
    message = _message(person, Channel.EMAIL, "sam@example.org")
    assert services.message_send(message_id=message.id) == Message.Status.QUEUED
    message.refresh_from_db()
    assert message.attempts == 1 and "Internal server error" in message.last_error
    answer["status"] = 201
    assert services.messages_send_waiting() == 1
    assert len(seen) == 2
