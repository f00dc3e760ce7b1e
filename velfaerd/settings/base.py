"""Settings shared by every environment. Values that differ between machines come from the environment."""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from velfaerd.caching.cache import private_folder

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """The environment variable ``name``; without a default it must be set and non-empty."""
    value = os.environ.get(name, "")
    if value:
        return value
    if default is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return default


def origin_of(url):
    """https://login.example/realms/x -> https://login.example"""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def env_list(name, default=None):
    """A comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False

INSTALLED_APPS = [
    "velfaerd.editorial.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "imagekit",
    "django_prose_editor",
    "nested_admin",
    "reversion",
    "velfaerd.editorial.apps.AxesConfig",  # django-axes, named in Danish
    # Login, two-step login (passkeys, an authenticator app, recovery codes) and password reset (docs/decisions.md).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # The site's apps, each depending only on those above it (tests/test_layout.py): content; then the features
    # (caching, redirects, search; drafts; media, seo, backups); editorial; the content types; pages on top.
    "velfaerd.content",
    "velfaerd.caching",
    "velfaerd.redirects",
    "velfaerd.reading",
    "velfaerd.search",
    "velfaerd.drafts",
    "velfaerd.media",
    "velfaerd.seo",
    "velfaerd.backups",
    "velfaerd.accounts",
    "velfaerd.notices",
    "velfaerd.editorial",
    "publications",
    "articles",
    "velfaerd.knowledge",
    "velfaerd.pages",
]

MIDDLEWARE = [
    # /livez and /readyz for load balancers, whatever the Host header, before anything else (velfaerd/probes.py).
    "velfaerd.probes.ProbeMiddleware",
    # Each request's id, from X-Request-ID or made, in its response and on every log line (velfaerd/logs.py).
    "velfaerd.logs.RequestIdMiddleware",
    # Requests by view and status, time and queries, for /metrics (velfaerd/metrics.py): cached pages too.
    "velfaerd.metrics.MetricsMiddleware",
    # Pages are made for the site's own address (SITE_URL), whatever the Host header said; a path with NUL is 404.
    "velfaerd.middleware.SiteAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and the headers Django has no setting for, in one layer.
    "velfaerd.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: static files are compressed once, by collectstatic. Pages from the cache come compressed.
    "velfaerd.caching.compression.CompressionMiddleware",
    # Page views per address and day, without cookies or any record of who (velfaerd/reading): cached pages too.
    "velfaerd.reading.counting.ReadingMiddleware",
    # Everything above also applies to pages served from the page cache; everything below is skipped for them.
    "velfaerd.caching.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    # Staff who have not passed a second step this session reach only their enrolment (velfaerd/accounts).
    "velfaerd.accounts.middleware.SecondStepMiddleware",
    # Last, so it sees a 404 first: an address that is gone answers with a redirect to where its content is now.
    "velfaerd.redirects.redirects.RedirectMiddleware",
]

#: The site's own address (scheme and host), e.g. https://velfaerd.example: pages, feeds and the page cache use it
#: whatever the Host header said. Empty: each request's own host (development, where the port varies).
SITE_URL = env("DJANGO_SITE_URL", "")

ROOT_URLCONF = "velfaerd.urls"
WSGI_APPLICATION = "velfaerd.wsgi.application"

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
                "django.template.context_processors.csp",
                "velfaerd.pages.menus.menus",
            ],
        },
    },
]

# Form widgets render with the project's templates too (the rich-text widget shows its readability); a field's
# label and its <input> are drawn in Python (velfaerd/renderers.py).
FORM_RENDERER = "velfaerd.renderers.FormRenderer"

# SQLite file in the project folder unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Kept open between requests (opening one costs more than a small page), checked before each reuse.
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Safe with several processes: write-ahead log, writers take the lock at BEGIN (no deadlock between a reader
    # turning writer and another writer), and wait up to 20 s for it instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache is shared by every worker: Redis when REDIS_URL is set (and then by every instance too), otherwise a
# folder on this machine that only the site's user may write. The page cache for visitors lives in it
# (velfaerd/caching/pagecache.py). Both backends fail soft (velfaerd/caching/cache.py): a cache that is down costs
# speed, not pages.
if os.environ.get("REDIS_URL"):
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    CACHES = {
        "default": {
            "BACKEND": "velfaerd.caching.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "velfaerd",
            # A hung or unreachable Redis answers within a quarter of a second, and is not retried.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry": Retry(NoBackoff(), 0)},
        }
    }
else:
    CACHES = {
        "default": {
            # python-diskcache (velfaerd/caching/cache.py): bounded, process-safe, atomic increments. When full, the
            # least recently stored entries go first: a page lives an hour at most (PAGE_CACHE_SECONDS), so those
            # are the pages nearest their end anyway, and a hit writes nothing (least recently used would write on
            # every hit: 1.0 ms of CPU per cached page against 0.6 ms, make bench and scripts/bench_cache.py).
            "BACKEND": "velfaerd.caching.cache.DiskCache",
            # Checked now, at start-up: a folder another user can write is refused.
            "LOCATION": str(private_folder(env("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")))),
            "SHARDS": 4,
            "DATABASE_TIMEOUT": 0.25,  # seconds a worker waits for another's write before it goes on without
            "OPTIONS": {"size_limit": int(env("DJANGO_CACHE_SIZE_MB", "1024")) * 2**20},
        }
    }
# How long a page stays in the cache at most (0 turns the page cache off), and how long a CDN may keep it.
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_CDN_SECONDS = int(env("DJANGO_PAGE_CACHE_CDN_SECONDS", "30"))

# How many days a preview link of a draft works (editors can revoke it sooner).
PREVIEW_LINK_DAYS = int(env("DJANGO_PREVIEW_LINK_DAYS", "7"))
# A search that takes longer is stopped by PostgreSQL and the visitor told so (velfaerd/search/search.py).
SEARCH_TIMEOUT_MS = int(env("DJANGO_SEARCH_TIMEOUT_MS", "5000"))
# A search ranks at most the newest so many of its matches and as many again with its words in their title, so a word
# in every document costs what a rare one does; it says "more than" when there are more (velfaerd/search/search.py).
SEARCH_CANDIDATES = int(env("DJANGO_SEARCH_CANDIDATES", "500"))
# How much of an uploaded PDF's text the search reads: its first pages, and at most so many characters.
SEARCH_PDF_PAGES = int(env("DJANGO_SEARCH_PDF_PAGES", "50"))
SEARCH_PDF_CHARS = int(env("DJANGO_SEARCH_PDF_CHARS", "100000"))

# Only for `make bench`: a trivial page of a given size, the ceiling the real pages are compared with.
BENCHMARK = env("DJANGO_BENCHMARK", "").lower() in ("1", "true", "yes")
if BENCHMARK and env("DJANGO_BENCHMARK_MIDDLEWARE", "") == "django":
    # The stack `django-admin startproject` writes, which make bench compares ours with on that trivial page, and
    # the one middleware django-allauth will not start without.
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "allauth.account.middleware.AccountMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Logging in: django-allauth's login, two-step login and password reset, in the admin's look (velfaerd/accounts).
# Nobody signs up: the first user is made with createsuperuser, the others in the admin.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "admin:index"
ACCOUNT_ADAPTER = "velfaerd.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SESSION_REMEMBER = None  # the editor chooses ("Husk mig")
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Velfærd: "
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset leads to the login, and so to the second step
ACCOUNT_RATE_LIMITS = {"login_failed": False}  # django-axes counts failed logins (below), one lockout for all
#: Everyone who can reach the admin logs in in two steps (on by default; the tests switch it per test).
REQUIRE_2FA = env("DJANGO_REQUIRE_2FA", "true").lower() in ("1", "true", "yes")
MFA_ADAPTER = "velfaerd.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["webauthn", "totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "velfaerd.accounts.forms.LockedOutAuthenticateForm",
    "authenticate_webauthn": "velfaerd.accounts.forms.LockedOutAuthenticateWebAuthnForm",
}
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is the second step, after the password
MFA_TOTP_ISSUER = "Velfærd"
MFA_TOTP_TOLERANCE = 1  # a code of the period before or after is accepted too: phones' clocks drift
MFA_RECOVERY_CODE_COUNT = 10
MFA_TRUST_ENABLED = True  # "Husk denne browser", only when the editor ticks it
MFA_TRUST_COOKIE_AGE = datetime.timedelta(days=int(env("DJANGO_2FA_REMEMBER_DAYS", "30")))
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False

# Single sign-on with the organisation's OpenID Connect provider (Microsoft Entra ID, Google Workspace, Keycloak),
# when DJANGO_OIDC_ISSUER is set. A login is matched to an existing user by the address the provider says it has
# verified; nobody is made by it (users and their groups are given in the admin).
OIDC_ISSUER = env("DJANGO_OIDC_ISSUER", "")
#: Authentication methods (the ID token's "amr", RFC 8176) that mean the provider did a second step itself: such a
#: login counts as this site's second step too. Empty: never; the editor then also enrols here.
OIDC_MFA_METHODS = set(env_list("DJANGO_OIDC_MFA_METHODS", "mfa"))
SOCIALACCOUNT_ADAPTER = "velfaerd.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "sso",
                "name": env("DJANGO_OIDC_NAME", "organisationens login"),
                "client_id": env("DJANGO_OIDC_CLIENT_ID", ""),
                "secret": env("DJANGO_OIDC_CLIENT_SECRET", ""),
                "settings": {"server_url": OIDC_ISSUER},
            }
        ]
        if OIDC_ISSUER
        else [],
    }
}

# Login throttling: after 5 failed logins for one user name from one address, that pair must wait 15 minutes;
# a successful login resets the count. The address is the client's, also behind a proxy (TRUSTED_PROXY_COUNT).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "velfaerd.middleware.client_ip"
AXES_VERBOSE = False
# Login records (who logged in or failed to, from which address and browser) are kept this many days, to look into
# a break-in attempt, then removed by `manage.py prune`.
LOGIN_RECORDS_DAYS = int(env("DJANGO_LOGIN_RECORDS_DAYS", "90"))
TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "velfaerd.content.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads on S3-compatible object storage instead of MEDIA_ROOT (django-storages): a private bucket, credentials
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY as boto3 reads them. Files are still served by the site, which
# applies each item's rule (velfaerd/media/views.py).
MEDIA_STORAGE = env("DJANGO_MEDIA_STORAGE", "disk")
if MEDIA_STORAGE not in ("disk", "s3"):
    raise ImproperlyConfigured(f'DJANGO_MEDIA_STORAGE is "disk" or "s3", not "{MEDIA_STORAGE}".')
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "velfaerd.content.s3storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": env("DJANGO_S3_BUCKET"),
            "endpoint_url": env("DJANGO_S3_ENDPOINT_URL", "") or None,  # MinIO and other S3-compatible stores
            "region_name": env("DJANGO_S3_REGION", "") or None,
            "default_acl": None,  # the bucket's own: private
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": "path",
        },
    }
# A draft's document is given to its editor as a redirect to a signed link in the bucket: false when editors'
# browsers cannot reach the store (a store on an internal network), and the site streams it instead.
MEDIA_SIGNED_REDIRECTS = env("DJANGO_S3_SIGNED_REDIRECTS", "true").lower() in ("1", "true", "yes")

#: A worker gives the memory its requests freed back to the system every so many requests (velfaerd/memory.py).
MEMORY_TRIM_REQUESTS = int(env("DJANGO_MEMORY_TRIM_REQUESTS", "1000"))

#: Reading figures (velfaerd/reading): page views counted per address and day, kept so many days, written in batches
#: (every so many seconds or views per process); a search that found nothing is kept once asked so many times a day.
READING_COUNT = env("DJANGO_READING_COUNT", "true").lower() in ("1", "true", "yes")
READING_DAYS = int(env("DJANGO_READING_DAYS", "730"))
READING_FLUSH_SECONDS = int(env("DJANGO_READING_FLUSH_SECONDS", "60"))
READING_FLUSH_VIEWS = int(env("DJANGO_READING_FLUSH_VIEWS", "500"))
READING_SEARCH_MISS_MIN = int(env("DJANGO_READING_SEARCH_MISS_MIN", "3"))
#: Addresses whose views are not a reader's: the admin, accounts, the editors' pages, preview links.
READING_NOT_COUNTED = ("/admin/", "/konto/", "/redaktion/", "/forhaandsvisning/", "/_nested_admin/", "/_bench/")

#: A public link to a PDF without a text layer (a scan) says so: "(PDF, 2,3 MB, ikke tilgængelig)".
PDF_SAY_INACCESSIBLE = env("DJANGO_PDF_SAY_INACCESSIBLE", "false").lower() in ("1", "true", "yes")

# A theme page's form has about 30 fields per section with its links: 10,000 fields is room for some 300 sections
# (Django's default of 1,000 refused a page of 120). What is larger gets the Danish 400 page (velfaerd/views.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Uploads larger than this are refused before Django reads them into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Django's own page for a refused form is English: ours says in Danish that nothing was saved and what to do.
CSRF_FAILURE_VIEW = "velfaerd.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy on every page, public and admin, with a fresh nonce in each response whose page uses one
# (velfaerd.middleware.SecurityHeadersMiddleware). The style hash is the rich-text editor's one inline style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if OIDC_ISSUER:
    # The login form's single sign-on button leads on to the provider: a form may go there too.
    SECURE_CSP["form-action"] = [*SECURE_CSP["form-action"], origin_of(OIDC_ISSUER)]

# Uploaded files are served by the application with safe headers (velfaerd.media.views.serve_media) unless a proxy
# or object storage serves them.
SERVE_MEDIA = env("DJANGO_SERVE_MEDIA", "true").lower() in ("1", "true", "yes")

# The link checker never fetches addresses inside this server's network (loopback, private, link-local) unless
# this is on: for an intranet site whose links point at internal servers.
LINKCHECK_ALLOW_PRIVATE_ADDRESSES = env("DJANGO_LINKCHECK_ALLOW_PRIVATE_ADDRESSES", "").lower() in ("1", "true", "yes")

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Errors are mailed to ADMINS ("Name <address>, address", comma-separated) and, with SENTRY_DSN, reported to
# Sentry without personal data (velfaerd/errors.py).
ADMINS = env_list("DJANGO_ADMINS", "")
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", "velfaerd@localhost")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_SUBJECT_PREFIX = "Velfærd: "
if SENTRY_DSN := env("SENTRY_DSN", ""):
    from velfaerd.errors import report_errors

    report_errors(SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", "production"))

# /metrics answers only "Authorization: Bearer <this token>" (velfaerd/metrics.py); without a token, nobody.
METRICS_TOKEN = env("DJANGO_METRICS_TOKEN", "")
# Where `backup --into` writes (deploy/systemd/velfaerd-backup.service): /metrics says how old the newest is.
BACKUP_DIR = env("DJANGO_BACKUP_DIR", "")

# Logs go to standard error, a line each, with the time, level, logger and the request's id (velfaerd/logs.py):
# readable text by default, one JSON object per line with DJANGO_LOG_FORMAT=json.
LOG_FORMAT = env("DJANGO_LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f'DJANGO_LOG_FORMAT is "text" or "json", not "{LOG_FORMAT}".')
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request": {"()": "velfaerd.logs.RequestContext"},
        "without_traceback": {"()": "velfaerd.logs.WithoutTraceback"},
    },
    "formatters": {
        "text": {"()": "velfaerd.logs.TextFormatter"},
        "json": {"()": "velfaerd.logs.JsonLinesFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request"]}},
    "loggers": {"django.security.DisallowedHost": {"filters": ["without_traceback"]}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}

# Image renditions (velfaerd/content/images.py): what is recorded of each in the shared cache expires, and a record
# that cannot be true any more ("being made" by a worker that died, a file gone after a restore) heals itself.
IMAGEKIT_DEFAULT_CACHEFILE_BACKEND = "velfaerd.content.images.Renditions"
IMAGEKIT_CACHE_TIMEOUT = 24 * 60 * 60
