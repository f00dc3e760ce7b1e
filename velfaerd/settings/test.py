"""Tests: fast hashing, media in memory, the database from DATABASE_URL (a SQLite file by default)."""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "tests-only-not-secret"  # noqa: S105 - used by the test run only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; production uses Argon2
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on themselves
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
REQUIRE_2FA = False  # the tests of two-step login switch it on (tests/accounts)
READING_COUNT = False  # the tests of reading figures switch it on (tests/reading): no write mid-way in a query pin
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the browser tests' live server answers on http://localhost

# Static files come from the apps' folders (WhiteNoise finds them); nothing is collected for tests.
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as the site runs on: the live server's threads then have connections of their own, each with its own
    # transaction, instead of sharing the one connection of a database in memory (pytest-django adds a suffix per
    # worker).
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405
