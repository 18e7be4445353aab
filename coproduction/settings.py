"""The portal's one settings module. Everything that differs between a laptop and production
comes from environment variables, read by the typed helpers in coproduction.env."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from coproduction.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    postgresql_limits,
    s3_storage,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# No default outside DEBUG: a production site must never run on a known key.
SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# True for the local demo only: staff may skip the second factor and every page says "demo".
DEMO_MODE = env_bool("DEMO_MODE", False)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Which browsers each person is signed in on, so signing out (or being removed) ends them
    # all, and people can see and end them at /accounts/sessions/.
    "allauth.usersessions",
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    "coproduction",
    "people",
    "projects",
    "listening",
    "payments",
    "messaging",
    "learning",
    "stories",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "coproduction.middleware.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coproduction.middleware.end_stale_sessions",
    "coproduction.middleware.too_many_tries_status",
    "coproduction.middleware.require_second_factor",
    "coproduction.middleware.query_took_too_long",
]

ROOT_URLCONF = "coproduction.urls"
WSGI_APPLICATION = "coproduction.wsgi.application"

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
                "coproduction.context_processors.site",
            ],
        },
    }
]

# Project templates may override Django's widget templates (templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database: SQLite file by default, PostgreSQL in production (DATABASE_URL). ---
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real Celery worker process can see the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # WAL lets the web server and the Celery worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Every query has a ceiling on PostgreSQL (issue 13): a web request's statement is cancelled
# after DATABASE_STATEMENT_TIMEOUT_MS (the person gets "this is taking too long", HTTP 503,
# from coproduction.middleware.query_took_too_long) and may spill at most
# DATABASE_TEMP_FILE_LIMIT to disk; Celery jobs (reports, batches) get the WORKER_ figures,
# set on the connection when a worker starts (coproduction.celery).
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 10_000)
DATABASE_TEMP_FILE_LIMIT = env_str("DATABASE_TEMP_FILE_LIMIT", "256MB")
DATABASE_WORKER_STATEMENT_TIMEOUT_MS = env_int("DATABASE_WORKER_STATEMENT_TIMEOUT_MS", 600_000)
DATABASE_WORKER_TEMP_FILE_LIMIT = env_str("DATABASE_WORKER_TEMP_FILE_LIMIT", "2GB")


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = postgresql_limits(
        DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_TEMP_FILE_LIMIT, jit=False)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS_URL = env_str("REDIS_URL", "")
# How long a public page may be kept for visitors (coproduction.public_cache); 0: never.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 300)
# How long the dashboards' figures may be kept for each set of filters; 0: never.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 600)
if REDIS_URL:
    # One cache for every machine: allauth's sign-in limits, the kept public pages and the
    # dashboards' figures count and hold the same for whichever web machine answers.
    # Each portal sharing one Redis (e.g. staging and live) gives its own CACHE_KEY_PREFIX.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL,
                          "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "")}}
    # Sessions are read from the shared cache and written through to the database, so a
    # session survives a Redis restart and ending it (people.services.sessions_end) ends it on
    # every machine.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts ---
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Email is optional (people added by staff from a phone call have none), so it is unique only
# when given, case-insensitively (a conditional constraint on people.User, which Django's check
# cannot see). Both backends find people through UserManager.get_by_natural_key, which never
# matches an empty address.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Length, not composition rules (NCSC and NIST advice): at least 12 characters.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "people.forms.SignupDetailsForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
# Tell people by email when their password, email address or authenticator changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
USERSESSIONS_TRACK_ACTIVITY = False  # a write on every request, for a "last seen" column
if env_bool("DISABLE_RATE_LIMITS", False):  # for the test suite, which signs in many times
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("COUNCIL_NAME", "Northshire County Council")
# Signed-in sessions end after this long unused (idle) or since signing in (absolute): short for
# the roles that see people's details and money, longer for members.
SESSION_IDLE_SECONDS_STAFF = env_int("SESSION_IDLE_MINUTES_STAFF", 30) * 60
SESSION_ABSOLUTE_SECONDS_STAFF = env_int("SESSION_ABSOLUTE_HOURS_STAFF", 12) * 3600
SESSION_IDLE_SECONDS_MEMBER = env_int("SESSION_IDLE_MINUTES_MEMBER", 7 * 24 * 60) * 60
SESSION_ABSOLUTE_SECONDS_MEMBER = env_int("SESSION_ABSOLUTE_HOURS_MEMBER", 30 * 24) * 3600
# Staff, finance and admin must have a second factor before any page opens for them.
REQUIRE_STAFF_SECOND_FACTOR = env_bool("REQUIRE_STAFF_SECOND_FACTOR", True)

# --- People bank ---
# People not involved for this many months come first in searches ("fair spread").
FAIR_SPREAD_MONTHS = env_int("FAIR_SPREAD_MONTHS", 12)
# Equality monitoring counts smaller than this are shown as "fewer than N" to staff.
EQUALITY_SUPPRESS_BELOW = env_int("EQUALITY_SUPPRESS_BELOW", 5)
# The privacy notice people agree to when they join the people bank.
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-1")
# Retention: people with no sign-in or activity for this long are asked if they want to stay,
# and anonymised if they have not answered within RETENTION_ANSWER_DAYS.
RETENTION_INACTIVE_DAYS = env_int("RETENTION_INACTIVE_DAYS", 3 * 365)
RETENTION_ANSWER_DAYS = env_int("RETENTION_ANSWER_DAYS", 60)

# --- Forms ---
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Email: console by default; SMTP (or a GOV.UK Notify backend) from the environment. ---
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Involvement Team <involvement@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# GOV.UK Notify (messaging.notify): emails, text messages and letters. Without a key, text
# messages and letters wait in the staff outbox and emails go through EMAIL_BACKEND.
GOVUK_NOTIFY_API_KEY = env_str("GOVUK_NOTIFY_API_KEY", "")
GOVUK_NOTIFY_BASE_URL = env_str("GOVUK_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
GOVUK_NOTIFY_EMAIL_TEMPLATE_ID = env_str("GOVUK_NOTIFY_EMAIL_TEMPLATE_ID", "")
GOVUK_NOTIFY_SMS_TEMPLATE_ID = env_str("GOVUK_NOTIFY_SMS_TEMPLATE_ID", "")
GOVUK_NOTIFY_LETTER_POSTAGE = env_str("GOVUK_NOTIFY_LETTER_POSTAGE", "second")
# The bearer token Notify sends with its delivery receipts (set the same in Notify's
# "Callbacks" page). Without one, the callback URL answers 404.
GOVUK_NOTIFY_CALLBACK_TOKEN = env_str("GOVUK_NOTIFY_CALLBACK_TOKEN", "")
# Tries of one channel before falling back to the next; minutes before asking Notify about a
# message it has sent no receipt for.
MESSAGING_MAX_TRIES = env_int("MESSAGING_MAX_TRIES", 5)
MESSAGING_STATUS_CHECK_MINUTES = env_int("MESSAGING_STATUS_CHECK_MINUTES", 60)

# --- The council's branding ---
COUNCIL_NAME = env_str("COUNCIL_NAME", "Northshire County Council")
SERVICE_NAME = env_str("SERVICE_NAME", "Working Together")
COUNCIL_CONTACT_EMAIL = env_str("COUNCIL_CONTACT_EMAIL", "involvement@example.org")
COUNCIL_PHONE = env_str("COUNCIL_PHONE", "01234 567890")
COUNCIL_LOGO = env_str("COUNCIL_LOGO", "images/council-logo.svg")
# Where people report a security problem (published at /.well-known/security.txt, RFC 9116).
SECURITY_CONTACT_EMAIL = env_str("SECURITY_CONTACT_EMAIL", COUNCIL_CONTACT_EMAIL)

# --- Background jobs ---
# Redis in production; an embedded filesystem broker that needs no server otherwise.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://localhost/")
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR),
        "data_folder_out": str(BROKER_DIR),
        "control_folder": str(BROKER_DIR / "control"),
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A job taken but not acknowledged (its worker died) goes back on the queue after this
    # long: longer than any job may run, or a slow job would be run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 2 * 60 * 60)}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 10 * 60
# PDFs made while someone waits (a certificate, a letter): past this many seconds they get a
# page saying so instead of an error (below gunicorn's 30-second worker timeout).
DOCUMENT_TIME_LIMIT = env_int("DOCUMENT_TIME_LIMIT", 20)
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Exactly one beat on all machines: the running beat holds this lock in Redis (REDIS_URL),
# renewed every third of BEAT_LOCK_SECONDS, and a second beat stops (coproduction.celery).
# Give each portal sharing one Redis (e.g. staging and live) its own key.
BEAT_LOCK_KEY = env_str("BEAT_LOCK_KEY", "coproduction:beat-lock")
BEAT_LOCK_SECONDS = env_int("BEAT_LOCK_SECONDS", 60)
# The one beat schedule; every periodic job is listed here and nowhere else.
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "coproduction.tasks.record_heartbeat", "schedule": 60.0},
    "listening-event-reminders": {"task": "listening.tasks.send_event_reminders",
                                  "schedule": 60.0 * 60},
    "listening-overdue-commitments": {"task": "listening.tasks.remind_overdue_commitments",
                                      "schedule": 60.0 * 60 * 24},
    "people-retention-review": {"task": "people.tasks.retention_review",
                                "schedule": 24 * 60 * 60.0},
    # Nightly: the people bank's stored fair-spread counts age out as time passes.
    "people-recent-involvements": {"task": "people.tasks.recent_involvements_refresh",
                                   "schedule": crontab(hour=2, minute=30)},
    # Hourly, so a worker that was down catches up; each session is reminded once.
    "projects-session-reminders": {"task": "projects.tasks.send_session_reminders",
                                   "schedule": 60.0 * 60},
    # Daily: the first run in a new quarter makes last quarter's department report (in all
    # three versions); later runs find it made and do nothing.
    "listening-quarterly-reports": {"task": "listening.tasks.make_quarterly_reports",
                                    "schedule": 24 * 60 * 60.0},
    # Messages handed to Notify an hour ago with no delivery receipt: ask Notify.
    "messaging-check-delivery-statuses": {"task": "messaging.tasks.check_delivery_statuses",
                                          "schedule": 30 * 60.0},
    # Weekly and monthly round-ups: daily, each person's is sent when it is due.
    "messaging-digests": {"task": "messaging.tasks.send_digests", "schedule": 6 * 60 * 60.0},
    "learning-session-reminders": {"task": "learning.tasks.send_session_reminders",
                                   "schedule": 60.0 * 60},
    # Each dashboard's default view is kept made, so nobody waits for its figures.
    "dashboards-keep-ready": {"task": "coproduction.tasks.dashboards_keep_ready",
                              "schedule": 4 * 60.0},
}

# Listening: a commitment with no update for this many weeks is flagged to its owner.
LISTENING_COMMITMENT_STALE_WEEKS = env_int("LISTENING_COMMITMENT_STALE_WEEKS", 8)

# Plain-language check on public text staff write: sentences longer than this many words are
# flagged, and so are acronyms (2 to 6 capitals) not in this list unless explained in brackets.
PLAIN_LANGUAGE_MAX_WORDS = env_int("PLAIN_LANGUAGE_MAX_WORDS", 25)
PLAIN_LANGUAGE_ALLOWED_ACRONYMS = env_list("PLAIN_LANGUAGE_ALLOWED_ACRONYMS",
                                           "UK,NHS,BSL,PDF,OK,GP,TV,ID,AM,PM")

# --- Static and uploaded files ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static-root"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
# Uploaded files and made PDFs: on this machine's disk (MEDIA_ROOT) by default; in an
# S3-compatible object store with FILE_STORAGE=s3 (or S3_BUCKET set), so that several web and
# worker machines share them (README, "Running on several machines"). All code reaches them
# through Django's storage API, never by path.
FILE_STORAGE = env_str("FILE_STORAGE", "s3" if env_str("S3_BUCKET", "") else "local")
if FILE_STORAGE == "s3":
    if not env_str("S3_BUCKET", ""):
        raise ImproperlyConfigured("S3_BUCKET must be set when FILE_STORAGE is s3.")
    UPLOADS_STORAGE = s3_storage(
        bucket=env_str("S3_BUCKET"), endpoint_url=env_str("S3_ENDPOINT_URL", ""),
        access_key=env_str("S3_ACCESS_KEY_ID", ""), secret_key=env_str("S3_SECRET_ACCESS_KEY", ""),
        region=env_str("S3_REGION", ""), prefix=env_str("S3_PREFIX", ""))
elif FILE_STORAGE == "local":
    UPLOADS_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"FILE_STORAGE must be local or s3, not {FILE_STORAGE!r}.")
STORAGES = {
    "default": UPLOADS_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LANGUAGE_CODE = "en-gb"
# Our own wording for allauth's pages and emails: plain English, sentence case.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Security: on by default outside DEBUG, so `check --deploy` is clean. ---
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address (for sign-in limits and the sessions list) is the one the nearest of
# this many trusted proxies saw, read from the right of X-Forwarded-For; with 0 it is the
# connection's own address and X-Forwarded-For is ignored, so nobody can spoof it.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "coproduction.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# Logs carry no personal data: request paths and ids only, never names, emails or bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
