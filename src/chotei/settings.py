"""Django settings. The database comes from DATABASE_URL; default is SQLite under CHOTEI_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CHOTEI_DATA_DIR", "var")).resolve()

# CHOTEI_DEPLOYMENT=production turns on everything a public installation needs (see the checks in
# chotei.operations.checks); the default is the embedded single-machine installation.
PRODUCTION = os.environ.get("CHOTEI_DEPLOYMENT", "") == "production"
DEBUG = os.environ.get("CHOTEI_DEBUG", "") == "1"


def _secret_key() -> str:
    """The environment's key; otherwise (embedded installation only) one generated per data directory,
    so no installation ever runs on a key that is published in this source."""
    key = os.environ.get("CHOTEI_SECRET_KEY", "")
    if PRODUCTION and not key:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "本番設定（CHOTEI_DEPLOYMENT=production）には50文字以上の CHOTEI_SECRET_KEY が必要です"
        )
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        import secrets

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h for h in os.environ.get("CHOTEI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CHOTEI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if PRODUCTION:
    # Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The load balancer's health checks arrive over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("CHOTEI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "chotei.web.sessions"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    # Only for its templates and static files: /api/docs serves Swagger UI from here, not a CDN.
    "ninja",
    "chotei.accounts",
    "chotei.parties",
    "chotei.committee",
    "chotei.disputes",
    "chotei.audit",
    "chotei.documents",
    "chotei.desk",
    "chotei.operations",
    "chotei.portal",
    # Party accounts (issue #8): sign-up with e-mail confirmation, reset, TOTP, login rate limits.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "chotei.operations.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chotei.web.sessions.IdleTimeoutMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "chotei.portal.languages.PortalLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    "chotei.web.errors.MethodNotAllowedPage",
]
CSRF_FAILURE_VIEW = "chotei.web.errors.csrf_failure"

# Content-Security-Policy (issue #8): scripts only from this server (every script is vendored and no
# template has an inline one); style attributes are used by the desk's templates; the favicon and
# allauth's TOTP QR code are data: images. The API's Swagger page initialises itself inline.
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/docs"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

ROOT_URLCONF = "chotei.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chotei.desk.context.body",
                "chotei.portal.languages.context",
            ]
        },
    }
]
WSGI_APPLICATION = "chotei.wsgi.application"


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'chotei.sqlite3'}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside the single writer; IMMEDIATE takes the write lock at BEGIN so
        # two concurrent saves queue instead of failing half-way with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# IM-01: a password is refused when it resembles the user's name, is a common one, is all digits or
# is shorter than 12 characters.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# IM-01: a staff session left idle this long ends (chotei.web.sessions moves the expiry forward).
SESSION_COOKIE_AGE = int(os.environ.get("CHOTEI_SESSION_IDLE_MINUTES", "30")) * 60
# IM-01, IM-06: this many failed logins for one user name within the window locks it for the window.
CHOTEI_LOGIN_FAILURES_LOCK = int(os.environ.get("CHOTEI_LOGIN_FAILURES_LOCK", "5"))
CHOTEI_LOGIN_LOCK_MINUTES = int(os.environ.get("CHOTEI_LOGIN_LOCK_MINUTES", "15"))
# IM-02: an account not used for this many days is listed as unused on the access review.
CHOTEI_UNUSED_ACCOUNT_DAYS = int(os.environ.get("CHOTEI_UNUSED_ACCOUNT_DAYS", "90"))
LOGIN_URL = "/desk/login/"
LOGIN_REDIRECT_URL = "/desk/"
# Staff sign in on the desk with a user name (StaffBackend, Django's ModelBackend); parties on the
# portal with their e-mail address (PartyBackend, which refuses staff), so the two never mix.
AUTHENTICATION_BACKENDS = [
    "chotei.accounts.backends.StaffBackend",
    "chotei.portal.accounts.PartyBackend",
]
ACCOUNT_ADAPTER = "chotei.portal.accounts.PartyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "【自賠責保険・共済紛争処理機構】"
# Lockout (issue #8): five wrong passwords for one address within 15 minutes lock that address for
# the rest of the window, and 20 from one IP address lock the IP.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/15m/ip,5/15m/key"}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Every error names its field in the chosen language (issue #8, OD-03); plain strings, since the
# settings cannot import the forms.
ACCOUNT_FORMS = {
    key: f"chotei.portal.account_forms.{name}"
    for key, name in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "change_password": "ChangePasswordForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
MFA_FORMS = {
    "authenticate": "chotei.portal.account_forms.AuthenticateForm",
    "activate_totp": "chotei.portal.account_forms.ActivateTOTPForm",
}
MFA_TOTP_ISSUER = "自賠責保険・共済紛争処理機構"
# One 30-second step either side: a phone's clock a few seconds off, or a code typed as it changes,
# still works (RFC 6238 §5.2); each code is still accepted only once.
MFA_TOTP_TOLERANCE = 1
# IM-01: staff whose role reads case records log in with a password and a TOTP code (enrolled at the
# first login). Only tests of other things turn it off (tests/conftest.py).
CHOTEI_STAFF_TOTP = os.environ.get("CHOTEI_STAFF_TOTP", "1") != "0"
PORTAL_LOGIN_URL = "/portal/accounts/login/"

# Mail goes out through Django's mail API to the SMTP relay the installation names.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("CHOTEI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CHOTEI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CHOTEI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CHOTEI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("CHOTEI_EMAIL_TLS", "") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("CHOTEI_EMAIL_FROM", "no-reply@jibai-adr.example.jp")
# The portal's address as parties reach it, for the links in e-mail alerts sent from the worker.
PORTAL_BASE_URL = os.environ.get("CHOTEI_PORTAL_URL", "http://127.0.0.1:8000")

LANGUAGE_CODE = "ja"
# Japanese only for the desk and the admin: a browser asking for English must not turn them English
# (no LocaleMiddleware). The portal activates its own choice (portal.languages, OD-03).
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
# The portal's catalogs (en, ja_Easy) come first, before Django's and allauth's own, so the やさしい
# 日本語 of their words (password rules, sign-in) wins over their Japanese (OD-03).
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"


def _documents_storage() -> dict[str, object]:
    """Where issued PDFs and submitted files live (chotei.documents.files). Embedded: the data
    directory's media/ (never served directly: every download is a view that checks and audits).
    CHOTEI_STORAGE=s3: an S3-compatible object store; credentials come from boto3's usual chain
    (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an instance role), never from this file."""
    if os.environ.get("CHOTEI_STORAGE", "local") != "s3":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": MEDIA_ROOT,
                "file_permissions_mode": 0o640,
                "directory_permissions_mode": 0o750,
            },
        }
    options: dict[str, object] = {
        "bucket_name": os.environ.get("CHOTEI_S3_BUCKET", ""),
        "location": os.environ.get("CHOTEI_S3_PREFIX", ""),
        # A name is never written twice (unique names); refusing to overwrite is the second guard.
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
    }
    for option, var in (("endpoint_url", "CHOTEI_S3_ENDPOINT_URL"), ("region_name", "CHOTEI_S3_REGION")):
        if os.environ.get(var):
            options[option] = os.environ[var]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "documents": _documents_storage(),
}
# Evidence arrives as scanned PDFs; base64 in JSON adds a third.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
WHITENOISE_USE_FINDERS = True

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("CHOTEI_TASK_BACKEND") == "immediate"
        else "django_tasks_db.DatabaseBackend"
    }
}

# The body's identity, shown where users arrive (GV-07, 令12条) and on every notice.
CHOTEI_BODY = {
    "name": os.environ.get("CHOTEI_BODY_NAME", "一般財団法人 自賠責保険・共済紛争処理機構"),
    "designation": "指定紛争処理機関",
    "chair": os.environ.get("CHOTEI_BODY_CHAIR", "理事長 山本 正人"),
    "address": "東京都千代田区霞が関三丁目3番2号",
    "contact": "本部事務局 電話 0120-159-700（平日 9:00〜17:00）",
    # A PNG of the body's seal (公印) printed on its notices; without one they say 「（公印省略）」.
    "seal_image": os.environ.get("CHOTEI_BODY_SEAL_IMAGE", ""),
}

# Each office's own contact block (DP-24, issue 7): a case handled by the Osaka branch carries the
# branch's address, phone and hours, never the head office's. The Osaka defaults are model values:
# set the real ones through the environment.
CHOTEI_OFFICES = {
    "tokyo": {
        "label": "本部事務局",
        "postcode": os.environ.get("CHOTEI_OFFICE_TOKYO_POSTCODE", "100-0013"),
        "address": os.environ.get("CHOTEI_OFFICE_TOKYO_ADDRESS", CHOTEI_BODY["address"]),
        "phone": os.environ.get("CHOTEI_OFFICE_TOKYO_PHONE", "0120-159-700"),
        "hours": os.environ.get("CHOTEI_OFFICE_TOKYO_HOURS", "平日 9:00〜17:00"),
    },
    "osaka": {
        "label": "大阪支部事務局",
        "postcode": os.environ.get("CHOTEI_OFFICE_OSAKA_POSTCODE", "541-0041"),
        "address": os.environ.get("CHOTEI_OFFICE_OSAKA_ADDRESS", "大阪府大阪市中央区北浜二丁目1番23号"),
        "phone": os.environ.get("CHOTEI_OFFICE_OSAKA_PHONE", "0120-159-800"),
        "hours": os.environ.get("CHOTEI_OFFICE_OSAKA_HOURS", "平日 9:00〜17:00"),
    },
}

# IM-06: a user refused this many times within one clock hour is flagged to the auditor.
CHOTEI_REFUSALS_PER_HOUR_ALERT = int(os.environ.get("CHOTEI_REFUSALS_PER_HOUR_ALERT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "chotei.operations.logs.JsonFormatter"}},
    "filters": {"japanese": {"()": "chotei.operations.logs.JapaneseMessages"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["japanese"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("CHOTEI_LOG_LEVEL", "WARNING")},
    # One line per request (operations.logs) at INFO; everything else from WARNING unless told.
    "loggers": {"chotei": {"level": os.environ.get("CHOTEI_LOG_LEVEL", "INFO")}},
}
