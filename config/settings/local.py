"""Settings for a laptop: SQLite, emails to the console, tasks run eagerly.

Debug is off unless DEBUG=true is set, so a missing page shows the service's own "Page not found"
and a crash its own "Sorry, there is a problem" page, as people using the demo would see them.
Static files are still served under runserver without collectstatic: WhiteNoise finds them where
they are and notices when `npm run build` changes them.
"""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
