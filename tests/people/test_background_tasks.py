"""docs/quality.md #16–17: tasks are enqueued after commit, run through the real Redis broker when
REDIS_URL is set (CI), run eagerly without it, and are safe to run twice."""

import pytest
from celery.signals import task_postrun
from django.conf import settings
from django.core import mail
from django.db import connections

from people import services

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")


def _close_worker_connection(**kwargs):
    connections.close_all()


def _peggy_with_email(person):
    person.email = "peggy@example.org"
    person.save()
    return person


def test_no_email_is_sent_if_the_transaction_rolls_back(social_worker, represented_person):
    from django.db import transaction

    _peggy_with_email(represented_person)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.person_invite(person=represented_person, invited_by=social_worker)
        raise RuntimeError("something later failed")
    assert mail.outbox == []


@needs_redis
@pytest.mark.django_db(transaction=True)
def test_invitation_goes_through_redis_to_a_real_worker(council, social_worker, represented_person):
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app
    from people import tasks  # noqa: F401  (registers the task with the worker)

    _peggy_with_email(represented_person)
    app.conf.task_always_eager = False
    # The worker runs in a thread of this process: close its database connection after each
    # task, or the test database cannot be dropped at the end of the run.
    task_postrun.connect(_close_worker_connection)
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
            invitation = services.person_invite(person=represented_person, invited_by=social_worker)
            result = tasks.send_invitation.delay(str(invitation.id))
            assert result.get(timeout=20) in (True, False)
            replay = tasks.send_invitation.delay(str(invitation.id))
            assert replay.get(timeout=20) is False
    finally:
        app.conf.task_always_eager = True
        task_postrun.disconnect(_close_worker_connection)
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert len([m for m in mail.outbox if m.to == ["peggy@example.org"]]) == 1


@needs_redis
def test_the_cache_is_redis_when_redis_url_is_set():
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"
    caches["default"].set("ping", "pong", 5)
    assert caches["default"].get("ping") == "pong"
