"""Production settings: refuse to start without their variables; pass Django's deployment checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "velfaerd.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-this-test-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "velfaerd.example",
}


def manage(*args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_variables(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set." in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_values():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_PROXY_SSL_HEADER, s.LANGUAGE_CODE, s.TIME_ZONE, s.ALLOWED_HOSTS, "
        "s.CSRF_TRUSTED_ORIGINS, s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = manage(
        "shell", "--no-imports", "-c", code, **PRODUCTION, DJANGO_CSRF_TRUSTED_ORIGINS="https://velfaerd.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "False ('HTTP_X_FORWARDED_PROTO', 'https') da Europe/Copenhagen ['velfaerd.example'] "
        "['https://velfaerd.example'] whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_database_and_cache_come_from_the_environment():
    code = (
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        **PRODUCTION,
        DATABASE_URL="postgres://user@db.invalid:5432/velfaerd",
        REDIS_URL="redis://cache.invalid:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "django.core.cache.backends.redis.RedisCache"]


def test_static_files_are_compressed_hashed_and_cached_for_ever(tmp_path):
    env = PRODUCTION | {"DJANGO_STATIC_ROOT": str(tmp_path)}
    assert manage("collectstatic", "--noinput", **env).returncode == 0
    code = (
        "from django.test import Client; from django.templatetags.static import static; "
        "url = static('css/site.css'); "
        "r = Client(HTTP_HOST='velfaerd.example').get(url, headers={'Accept-Encoding': 'gzip', "
        "'X-Forwarded-Proto': 'https'}, secure=True); "
        "print(url, r.status_code, r['Cache-Control'].replace(' ', ''), r.get('Content-Encoding'))"
    )
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    url, status, cache_control, encoding = result.stdout.split()
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    assert status == "200"
    assert cache_control.startswith("max-age=315360000,")
    assert encoding == "gzip"
