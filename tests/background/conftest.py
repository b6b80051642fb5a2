"""A real Celery worker process against Redis, for the background-work tests (docs/quality.md
#16, #25): the worker reads the same test database (PostgreSQL) the test writes to."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

needs_worker = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.REDIS_URL or connection.vendor != "postgresql",
        reason="a real worker needs Redis and a database another process can open (PostgreSQL)",
    ),
]


class Worker:
    """`celery -A config worker` in its own process, started and killed by the test."""

    def __init__(self, log: Path):
        self.log = log
        self.process = None

    def start(self) -> "Worker":
        db = settings.DATABASES["default"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            "QUIET_HOURS": "0-0",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.handle = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
        )
        self.wait_for("ready", 60)
        return self

    def wait_for(self, text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                raise AssertionError(f"The worker stopped: {self.log.read_text()[-2000:]}")
            time.sleep(0.2)
        raise AssertionError(f"The worker never said {text!r}: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement of the task it is running."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.handle.close()


@pytest.fixture
def celery_app():
    """The project's Celery app sending to Redis (not running tasks in the test's process)."""
    from config.celery_app import app

    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()  # the broker database is this test worker's own
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def worker(tmp_path, celery_app):
    started = Worker(tmp_path / "worker.log").start()
    yield started
    started.stop()


def wait_until(check, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError("It did not happen in time")
