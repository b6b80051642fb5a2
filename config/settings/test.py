"""Settings for the test suite. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis."""

import os

from .base import *  # noqa: F403
from .base import PRIVATE_MEDIA_ROOT, REDIS_URL

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
PRIVATE_MEDIA_ROOT = PRIVATE_MEDIA_ROOT.parent / "test-private-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Close connections after each request so the test database can be dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# A test database need not survive a power cut: PostgreSQL answers a commit without waiting
# for the disk, which makes the many commits of browser and worker tests much quicker.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()

# Parallel test workers (pytest-xdist) each get their own Redis database, so one worker clearing
# its cache between tests never clears another's.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw"):
    _redis_db = 2 + int(_WORKER[2:])
    CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + f"/{_redis_db}"  # noqa: F405
    # ...and their own broker database, so a worker started by one never takes another's tasks.
    CELERY_BROKER_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{8 + int(_WORKER[2:])}"
    CELERY_RESULT_BACKEND = CELERY_BROKER_URL
# A task a killed worker had taken comes back to the queue after a few seconds, not an hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
