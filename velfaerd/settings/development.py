"""Local development: DEBUG on, SQLite in the project folder, a secret key made on first run and kept out of git."""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR, env


def _local_secret_key():
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "") or _local_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# Static files come from the apps' folders (WhiteNoise finds them); nothing needs collecting.
STATIC_ROOT = None

# Template changes show at once while developing: no page cache unless asked for.
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "0"))
