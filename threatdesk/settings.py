"""threatdesk settings: one file, every value from the environment, safe defaults.

`THREATDESK_ENV` is `development` (the default, for `make run`), `test` (set by pytest) or
`production`, decided by the environment. Production takes every setting from the environment
alone and refuses to start without its secrets and `SITE_URL`; development (and a test run) also
reads the `.env` file that `make run` writes once, for whatever the environment leaves unset, and
tests use fixed throwaway keys. `.env.example` lists every variable.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from threatdesk.privacy.crypto import KeyRing, KeySettingError, parse_pseudonym_key

BASE_DIR = Path(__file__).resolve().parent.parent


def _environment_name() -> str:
    return os.environ.get("THREATDESK_ENV", "development")


# Production takes every setting from the environment alone: a development `.env` left in the
# project folder must not turn DEBUG on or swap in development keys there. Elsewhere the
# environment wins over `.env` for each variable it sets.
if _environment_name() != "production":
    load_dotenv(BASE_DIR / ".env", override=False)
    if _environment_name() == "production":
        raise ImproperlyConfigured(
            "THREATDESK_ENV=production is set in .env, but production reads no .env: "
            "set it and every other setting in the environment (see .env.example)."
        )

ENV = _environment_name()
if ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"THREATDESK_ENV must be development, test or production, not {ENV!r}")
PRODUCTION = ENV == "production"
TESTING = ENV == "test"

# Throwaway keys for the test suite only; never used outside THREATDESK_ENV=test.
_TEST_SECRETS = {
    "SECRET_KEY": "test-secret-key-not-for-use-anywhere-else-0123456789abcdef",
    "FIELD_KEYS": "k1:dGVzdC1maWVsZC1rZXktMzItYnl0ZXMtbG9uZy4uLi4=",
    "PSEUDONYM_KEY": "dGVzdC1wc2V1ZG9ueW0ta2V5LXRoaXJ0eS10d28tYnl0ZXM=",
}


def _secret(name: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if TESTING:
        return _TEST_SECRETS[name]
    raise ImproperlyConfigured(
        f"{name} is not set. For development run `make .env` (done by `make run`); "
        "in production set it in the environment (see .env.example)."
    )


def _env(name: str, default: str, *, production_needs: str = "") -> str:
    """An environment setting. One that production needs (`production_needs` says what for) has no
    default there: the development default would be wrong in a way nobody notices until it matters."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if PRODUCTION and production_needs:
        raise ImproperlyConfigured(f"{name} is not set. In production {production_needs} (see .env.example).")
    return default


def _bool(name: str, default: bool) -> bool:
    """A yes/no setting. Empty counts as unset, as for `_env`, and anything but a yes or a no is
    refused, so that `AXES_ENABLED=` or `REQUIRE_TWO_FACTOR=ture` cannot turn a protection off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no and on/off work too), not {value!r}.")


def _site_url(value: str, *, https_only: bool) -> str:
    """The origin links in mail point to: scheme, host and port, nothing else; https in production
    unless the site is served over plain HTTP on purpose (SECURE_SSL_REDIRECT=false), since a link
    in the clear shows its receipt code to the network before any redirect."""
    value = value.strip()
    try:
        url = urlsplit(value)
        _ = url.port  # a port that is not a number raises here
    except ValueError as exc:
        raise ImproperlyConfigured(f"SITE_URL is not a URL ({exc}): {value!r}") from None
    if url.scheme not in {"http", "https"} or not url.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be an absolute http:// or https:// address, such as https://threatdesk.example.gov, not {value!r}"
        )
    if url.username is not None or url.path not in {"", "/"} or url.query or url.fragment:
        raise ImproperlyConfigured(f"SITE_URL must be the site's origin only (scheme, host and port), not {value!r}")
    if https_only and url.scheme != "https":
        raise ImproperlyConfigured(
            f"SITE_URL must start with https:// in production, not {value!r}. Only a site served over plain HTTP "
            "on purpose, with SECURE_SSL_REDIRECT=false, may use http://."
        )
    return f"{url.scheme}://{url.netloc}"


def _cache(url: str) -> dict[str, Any]:
    """The cache named by CACHE_URL: db://TABLE (Django's database cache) or locmem:// (one cache
    per process, which production refuses: its counts would be per worker)."""
    scheme, _, rest = url.strip().partition("://")
    if scheme == "db" and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", rest):
        # Rate-limit counts live a minute. Past MAX_ENTRIES rows a write first drops the expired
        # ones, then a third of the rest: Django's 300 would forget live counts as soon as 300
        # addresses called within a minute.
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest, "OPTIONS": {"MAX_ENTRIES": 10_000}}
    if scheme == "locmem" and not rest:
        if PRODUCTION:
            raise ImproperlyConfigured(
                "CACHE_URL=locmem:// keeps one cache per process: with several web workers each would keep its own "
                "rate-limit counts. In production leave CACHE_URL unset (db://threatdesk_cache)."
            )
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"CACHE_URL must be db://TABLE or locmem://, not {url!r}")


def _checked_key(name: str, parse: Callable[[str], object]) -> str:
    """A key setting that `parse` accepts. A malformed key stops the start, instead of every
    encrypted field failing at its first use (FIELD_KEYS) or every hash being keyed by a few
    guessable bytes (PSEUDONYM_KEY)."""
    value = _secret(name)
    try:
        parse(value)
    except KeySettingError as exc:
        raise ImproperlyConfigured(f"{exc} (see .env.example)") from None
    return value


def _years(name: str, default: str) -> float:
    """A retention period: more than 0 and at most 1000 years. A negative one puts the cutoff in
    the future, so the next run would erase every closed report for good; nan, inf or a longer
    one make the run fail when it computes the cutoff."""
    value = os.environ.get(name, "").strip() or default
    try:
        years = float(value)
    except ValueError:
        years = math.nan
    if not (math.isfinite(years) and 0 < years <= 1000):
        raise ImproperlyConfigured(f"{name} must be a number of years above 0 and at most 1000, such as 3 or 0.5, not {value!r}")
    return years


SECRET_KEY = _secret("SECRET_KEY")
# Field encryption key ring, newest first: "id:base64key,id:base64key". Kept apart from SECRET_KEY.
FIELD_KEYS = _checked_key("FIELD_KEYS", KeyRing.parse)
# HMAC key for blind indexes and pseudonyms of identifiers; never used for encryption.
PSEUDONYM_KEY = _checked_key("PSEUDONYM_KEY", parse_pseudonym_key)

DEBUG = _bool("DEBUG", default=False)
ALLOWED_HOSTS = [
    h.strip()
    for h in _env(
        "ALLOWED_HOSTS",
        "127.0.0.1,localhost,testserver",
        production_needs="list the host names the site answers to, such as threatdesk.example.gov",
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",  # authenticator apps are accounts.TOTPDevice, whose secret is sealed, not otp_totp's
    "axes",
    "ninja",
    "threatdesk.accounts",
    "threatdesk.places",
    "threatdesk.audit",
    "threatdesk.privacy",
    "threatdesk.reports",
    "threatdesk.cases",
    "threatdesk.accesslog",
    "threatdesk.assessment",
    "threatdesk.laws",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "threatdesk.middleware.PrivateAnswersNotStored",
    "threatdesk.middleware.NulInQueryRefused",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "threatdesk.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "threatdesk.api.MethodNotAllowedAsJson",
    "threatdesk.middleware.DatabaseBusyPage",
]

ROOT_URLCONF = "threatdesk.urls"
WSGI_APPLICATION = "threatdesk.wsgi.application"

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
                "threatdesk.accounts.context_processors.site",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("THREATDESK_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'threatdesk.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at BEGIN so
    # concurrent submissions queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # synchronous=FULL: each commit reaches the disk before it returns, so a report that was
        # acknowledged survives a power cut or a crash of the machine (in WAL mode NORMAL may lose
        # the last commits); it costs about a millisecond a write. secure_delete: a value deleted or
        # overwritten (by erasure, retention, or a migration that seals a column) is zeroed on
        # disk, not left in a free page of the file.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;",
    }

# The cache holds what every web worker must see alike: the API's rate-limit counts. Outside tests
# it is a table in the database, so that every worker on every host shares one count with no other
# service to run; `manage.py migrate` creates the table (threatdesk/lib/cachetable.py). Tests keep
# theirs in memory. CACHE_URL chooses another table (db://TABLE), or locmem:// outside production.
CACHE_URL = os.environ.get("CACHE_URL", "").strip() or ("locmem://" if TESTING else "db://threatdesk_cache")
CACHES = {"default": _cache(CACHE_URL)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "home"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; the suite creates many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: five failures lock the username, and the address, for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = _bool("AXES_ENABLED", default=True)
# Staff (everyone who reads other people's reports) must give an authenticator code before any
# page: on by default in production; off elsewhere so that the demo's users can click around.
REQUIRE_TWO_FACTOR = _bool("REQUIRE_TWO_FACTOR", default=PRODUCTION)
# Proxies in front of the app that append the client's address to X-Forwarded-For (a TLS proxy: 1).
# The client's address is read that many entries from the end of the header; with 0, REMOTE_ADDR.
# The header is a client's to forge, so only what trusted proxies appended counts. The sign-in
# throttle and the API's rate limits both follow this one rule.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES counts proxies: 0 or more, not {TRUSTED_PROXIES}")
NINJA_NUM_PROXIES = TRUSTED_PROXIES
# The address it keys on and stores is a keyed pseudonym, never the real one (docs/privacy.md).
AXES_CLIENT_IP_CALLABLE = "threatdesk.accounts.throttle.client_ip_pseudonym"
# So is the username typed at a failed sign-in, often an email address or a name.
AXES_USERNAME_CALLABLE = "threatdesk.accounts.throttle.typed_username_pseudonym"
# Only failures are counted; no record of who signed in when, nor a log of each failure.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# A failure's GET and POST data are kept with these values masked (the password always is): every
# login form field but the password, the CSRF token and the page to go to next.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "otp_device", "otp_challenge", "csrfmiddlewaretoken", "next"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "evidence"


def _evidence_storage() -> dict[str, Any]:
    """Where sealed evidence files are kept: the local folder MEDIA_ROOT, or, once
    EVIDENCE_S3_BUCKET names one, an S3-compatible bucket that every web host shares. The bucket's
    credentials come from boto3's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a
    profile, or the host's role), so no secret of the bucket's passes through these settings."""
    bucket = os.environ.get("EVIDENCE_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "threatdesk.reports.storage.SyncedFileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}}
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
        raise ImproperlyConfigured(
            f"EVIDENCE_S3_BUCKET must be a bucket name (3 to 63 lower-case letters, digits, dots and hyphens), not {bucket!r}"
        )
    endpoint = os.environ.get("EVIDENCE_S3_ENDPOINT_URL", "").strip()
    if endpoint and (urlsplit(endpoint).scheme not in {"http", "https"} or not urlsplit(endpoint).hostname):
        raise ImproperlyConfigured(
            f"EVIDENCE_S3_ENDPOINT_URL must be an http:// or https:// address, such as https://s3.example.gov, not {endpoint!r}"
        )
    style = os.environ.get("EVIDENCE_S3_ADDRESSING_STYLE", "").strip().lower() or "auto"
    if style not in {"auto", "path", "virtual"}:
        raise ImproperlyConfigured(f"EVIDENCE_S3_ADDRESSING_STYLE must be auto, path or virtual, not {style!r}")
    return {
        "BACKEND": "threatdesk.reports.storage.EvidenceS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": os.environ.get("EVIDENCE_S3_PREFIX", "evidence").strip().strip("/"),
            "endpoint_url": endpoint or None,
            "region_name": os.environ.get("EVIDENCE_S3_REGION", "").strip() or None,
            "addressing_style": style,
        },
    }


STORAGES = {
    "default": _evidence_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Retention: personal data of closed reports is erased by category this many years after the
# report was last changed (`manage.py retention`, run by a timer). Coded facts stay for statistics.
RETENTION_YEARS = {
    "report_words": _years("RETENTION_REPORT_WORDS_YEARS", "3"),
    "sender": _years("RETENTION_SENDER_YEARS", "3"),
    "reporter": _years("RETENTION_REPORTER_YEARS", "1"),
    "evidence": _years("RETENTION_EVIDENCE_YEARS", "3"),
    "case_details": _years("RETENTION_CASE_DETAILS_YEARS", "3"),
}

# API bearer tokens stop working this many days after they are issued; `create_token --days`
# chooses another lifetime for one token, up to the cap. A token beyond the cap in effect never
# expires, and a leaked one would work for as long.
API_TOKEN_DAYS_MAX = 5 * 365
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "365"))
if not 1 <= API_TOKEN_DAYS <= API_TOKEN_DAYS_MAX:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS must be 1 to {API_TOKEN_DAYS_MAX} days, not {API_TOKEN_DAYS}")

# How long a liaison's reveal of a referred report's original words lasts.
REVEAL_MINUTES = int(os.environ.get("REVEAL_MINUTES", "30"))

# Evidence uploads: checked by content, not by name. A file may have EVIDENCE_MAX_BYTES; one
# sending of the report form may carry EVIDENCE_MAX_FILES files of EVIDENCE_MAX_TOTAL_BYTES in all,
# which bounds what a worker reads into memory for one request from anyone.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(25 * 1024 * 1024)))
EVIDENCE_MAX_FILES = int(os.environ.get("EVIDENCE_MAX_FILES", "10"))
EVIDENCE_MAX_TOTAL_BYTES = int(os.environ.get("EVIDENCE_MAX_TOTAL_BYTES", str(100 * 1024 * 1024)))
# A report holds at most EVIDENCE_MAX_PER_REPORT files (destroyed ones aside), however many times
# its form is sent again or files are added to it, so that storage for one report has a bound.
EVIDENCE_MAX_PER_REPORT = int(os.environ.get("EVIDENCE_MAX_PER_REPORT", "50"))
# Django refuses a request with more files than this (400) before the form can name the limit.
DATA_UPLOAD_MAX_NUMBER_FILES = 100
if EVIDENCE_MAX_BYTES < 1:
    raise ImproperlyConfigured(f"EVIDENCE_MAX_BYTES must be at least 1, not {EVIDENCE_MAX_BYTES}")
if not 1 <= EVIDENCE_MAX_FILES <= DATA_UPLOAD_MAX_NUMBER_FILES:
    raise ImproperlyConfigured(f"EVIDENCE_MAX_FILES must be 1 to {DATA_UPLOAD_MAX_NUMBER_FILES}, not {EVIDENCE_MAX_FILES}")
if EVIDENCE_MAX_PER_REPORT < EVIDENCE_MAX_FILES:
    raise ImproperlyConfigured(
        f"EVIDENCE_MAX_PER_REPORT ({EVIDENCE_MAX_PER_REPORT}) must be at least EVIDENCE_MAX_FILES ({EVIDENCE_MAX_FILES}): "
        "a report must be able to hold the files of one sending"
    )
if EVIDENCE_MAX_TOTAL_BYTES < EVIDENCE_MAX_BYTES:
    raise ImproperlyConfigured(
        f"EVIDENCE_MAX_TOTAL_BYTES ({EVIDENCE_MAX_TOTAL_BYTES}) must be at least EVIDENCE_MAX_BYTES ({EVIDENCE_MAX_BYTES}): "
        "a report must be able to carry one file of the largest size"
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict CSP: no inline script or style, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Notification mail (docs/notifications.md): printed to the console in development, kept in memory
# in tests, sent over SMTP in production with EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
# Production must name both: urgent reports are mailed to managers, and the development defaults
# would print that mail to the console or have mail servers refuse it, with nobody the wiser.
EMAIL_BACKEND = _env(
    "EMAIL_BACKEND",
    f"django.core.mail.backends.{'locmem' if TESTING else 'console'}.EmailBackend",
    production_needs="set it to django.core.mail.backends.smtp.EmailBackend with the EMAIL_* server settings: "
    "urgent reports are mailed to managers, and without it the mail would only be printed",
)
DEFAULT_FROM_EMAIL = _env(
    "DEFAULT_FROM_EMAIL",
    "threatdesk@localhost",
    production_needs="set the address notification mail is sent from; mail servers refuse threatdesk@localhost",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = _bool("EMAIL_USE_SSL", default=False)
# A mail server that hangs must not hold a request: mail is queued and sent by a thread of its own
# (cases/outbox.py), or in the caller's thread once the write commits with NOTIFICATION_DELIVERY=inline (tests).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
NOTIFICATION_DELIVERY = _env("NOTIFICATION_DELIVERY", "inline" if TESTING else "thread")
if NOTIFICATION_DELIVERY not in ("thread", "inline"):
    raise ImproperlyConfigured(f"NOTIFICATION_DELIVERY must be thread or inline, not {NOTIFICATION_DELIVERY!r}")
# The address links in mail point to; pages themselves use relative links. Required in production,
# https there unless SECURE_SSL_REDIRECT=false (see _site_url).
SITE_URL = _site_url(
    _env(
        "SITE_URL",
        "http://127.0.0.1:8000",
        production_needs="set it to the address users open the site at, such as https://threatdesk.example.gov: "
        "links in notification mail point there, and a default would send people to 127.0.0.1",
    ),
    https_only=PRODUCTION and SECURE_SSL_REDIRECT,
)

# Logs carry codes and ids, never narrative text or identifiers (docs/privacy.md).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact_path": {"()": "threatdesk.lib.logfilters.RedactRequestPath"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_path"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's SQL logger would echo ciphertext and parameters at DEBUG; keep it quiet.
        "django.db.backends": {"level": "INFO"},
        # A name a template does not find is logged at DEBUG with the whole context, personal data and all.
        "django.template": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # The PDF renderer narrates every layout step at INFO, and complains about screen-only CSS.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        # The evidence bucket's client writes signed headers and session tokens at DEBUG.
        "botocore": {"level": "WARNING"},
        "boto3": {"level": "WARNING"},
        "s3transfer": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
        # Their records carry the request path; the filter swaps it for the matched route.
        "django.request": {"level": "WARNING", "filters": ["redact_path"]},
        "django.server": {"level": "INFO", "filters": ["redact_path"], "handlers": ["console"], "propagate": False},
    },
}

SITE_NAME = "threatdesk"
DEMO_MODE = _bool("DEMO_MODE", default=not PRODUCTION)
