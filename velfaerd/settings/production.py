"""Production: behind an HTTPS proxy that sets X-Forwarded-Proto. Refuses to start without its required variables."""

from .base import *  # noqa: F403
from .base import STORAGES, env, env_list

SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
# The site's own address: by default the first allowed host, over HTTPS.
SITE_URL = env("DJANGO_SITE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if ALLOWED_HOSTS[0] != "*" else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# One proxy in front by default; it appends the client's address to X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(env("DJANGO_EMAIL_PORT", "25")),
            "username": env("DJANGO_EMAIL_USER", ""),
            "password": env("DJANGO_EMAIL_PASSWORD", ""),
            # STARTTLS on the submission port (587), or TLS from the start (465): one or neither.
            "use_tls": env("DJANGO_EMAIL_TLS", "").lower() in ("1", "true", "yes", "starttls"),
            "use_ssl": env("DJANGO_EMAIL_TLS", "").lower() == "ssl",
            "timeout": 10,
        },
    }
}
