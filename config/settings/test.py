"""Settings for the test suite. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis."""

from .base import *  # noqa: F403
from .base import PRIVATE_MEDIA_ROOT

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
