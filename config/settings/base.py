"""Settings shared by every environment. Values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE

from .env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_forms_gds",
    "djmoney",
    "simple_history",
    "csp",
    "core",
    "people",
    "notifications",
    "assessments",
    "support_plans",
    "budgets",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.middleware.StaffIdleTimeoutMiddleware",
    "people.middleware.RequireMultiFactorMiddleware",
    "people.middleware.ActingForMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "people.middleware.NoStoreForSignedInMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "people.context_processors.service",
            ],
            "builtins": ["core.templatetags.present"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: it is for long analytic queries, and this service's pages ask many
    # short ones. At 10,000 budgets it spent 0.5 s compiling the review list's 0.2 s query
    # (make bench, issue 15; docs/scaling.md).
    # Joins in the order Django writes them (join_collapse_limit=1): from the table a queryset
    # is about, out along its relations, the order a page reads them in. Searching every order
    # took PostgreSQL 7-13 ms to plan each ledger and money-list query of ten joins that then
    # ran in 2.5 ms; the questions queue ran quicker in the written order too (make bench).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c join_collapse_limit=1"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "pb"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "people:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "people:home"

# allauth: accounts are made by the council (no public sign-up); sign in with email.
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
# allauth's forms with GOV.UK labels and plain messages (people/forms.py).
ACCOUNT_FORMS = {
    "login": "people.forms.SignInForm",
    "change_password": "people.forms.ChangePasswordForm",
    "set_password": "people.forms.SetPasswordForm",
    "reset_password": "people.forms.ResetPasswordForm",
    "reset_password_from_key": "people.forms.ResetPasswordKeyForm",
    "add_email": "people.forms.AddEmailForm",
    "reauthenticate": "people.forms.ReauthenticateForm",
}
MFA_FORMS = {
    "authenticate": "people.forms.AuthenticateForm",
    "reauthenticate": "people.forms.MultiFactorReauthenticateForm",
    "activate_totp": "people.forms.ActivateTOTPForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Confirming it's you again: by password or authenticator, never by a code sent by email (for
# staff that would be a way round the authenticator). The adapter asks staff for the authenticator.
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,20/5m/ip",
    "reset_password": "5/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Personal budgets: "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Personal budgets"
MFA_RECOVERY_CODE_COUNT = 10

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Messages shown after a redirect live in the session, never readable in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Request bodies are capped before the app reads them: a receipt may be up to 10 MB, so a form
# with one is allowed a little more; anything else is far smaller (gunicorn caps headers).
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
MAX_REQUEST_BYTES = 12 * 1024 * 1024
# Browser features no page uses are switched off (Permissions-Policy, core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y", "%d-%m-%Y"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

CURRENCIES = ("GBP",)
DEFAULT_CURRENCY = "GBP"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "personal-budgets@example.org")
SERVICE_NAME = "Manage a personal budget"
# Demo data (published passwords) may be loaded, and demo logins used: never in production.
DEMO_DATA_ALLOWED = True
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Messages: GOV.UK Notify when NOTIFY_API_KEY is set (one template per channel whose subject
# and body come from templates/notifications/ in this repository); otherwise email through
# EMAIL_BACKEND, and texts and letters recorded as what would be sent.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_TEXT_TEMPLATE_ID = env_str("NOTIFY_TEXT_TEMPLATE_ID", "")
NOTIFY_LETTER_TEMPLATE_ID = env_str("NOTIFY_LETTER_TEMPLATE_ID", "")
# Nobody is sent anything from 9pm to 8am (UK time): QUIET_HOURS="21-8"; "0-0" means never.
QUIET_HOURS = tuple(int(hour) for hour in env_str("QUIET_HOURS", "21-8").split("-", 1))

# Celery: a real broker when REDIS_URL is set; otherwise tasks run in the request (eagerly).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The scheduled jobs; `manage.py run_scheduled_jobs` runs them all now (for a laptop, or a test).
CELERY_BEAT_SCHEDULE = {
    # First thing each day: review dates under the council settings in force from today.
    "review-dates": {
        "task": "reviews.tasks.review_dates_nightly",
        "schedule": crontab(hour=0, minute=5),
    },
    "monitoring-rows": {
        "task": "budgets.tasks.monitoring_rows_nightly",
        "schedule": crontab(hour=0, minute=10),
    },
    "contributions-daily": {
        "task": "budgets.tasks.contributions_daily",
        "schedule": crontab(hour=7, minute=0),
    },
    # Written notices whose time to reply has ended are ready for the council to decide.
    "notice-periods": {
        "task": "budgets.tasks.notice_periods_end",
        "schedule": crontab(hour=7, minute=10),
    },
    # A return for the period just ended (council setting), for direct payments in a bank account.
    "returns-due": {
        "task": "budgets.tasks.returns_due",
        "schedule": crontab(hour=7, minute=20),
    },
    "staff-digests": {
        "task": "notifications.tasks.staff_digests",
        "schedule": crontab(hour=8, minute=15),
    },
    "spending-reminders": {
        "task": "budgets.tasks.spending_reminders",
        "schedule": crontab(hour=9, minute=30),
    },
    "review-reminders": {
        "task": "reviews.tasks.review_reminders",
        "schedule": crontab(hour=9, minute=45),
    },
    "review-action-reminders": {
        "task": "reviews.tasks.review_action_reminders",
        "schedule": crontab(hour=9, minute=47),
    },
    "employer-reminders": {
        "task": "budgets.tasks.employer_reminders",
        "schedule": crontab(hour=9, minute=50),
    },
    # A payment run whose task was lost (queue down, worker stopped) is queued again.
    "payment-runs-stuck": {
        "task": "budgets.tasks.payment_runs_stuck",
        "schedule": crontab(minute="*/15"),
    },
    # Messages held back overnight, or to be tried again after a failure.
    "send-waiting-messages": {
        "task": "notifications.tasks.send_waiting_messages",
        "schedule": crontab(minute=5, hour="8-20"),
    },
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
