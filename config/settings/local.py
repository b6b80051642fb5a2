"""Settings for a laptop: debug on, SQLite, emails to the console, tasks run eagerly."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
