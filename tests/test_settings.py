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
    assert result.stdout.split() == ["django.db.backends.postgresql", "velfaerd.caching.cache.RedisCache"]


@pytest.mark.slow  # two start-ups of the production settings
def test_the_default_cache_folder_is_private(tmp_path):
    folder = tmp_path / "cache"
    code = "from django.conf import settings as s; print(s.CACHES['default']['LOCATION'])"
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION, DJANGO_CACHE_DIR=str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder)
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    # Without DJANGO_CACHE_DIR: inside the project, not in the shared temp folder.
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.stdout.strip() == str(ROOT / "var" / "cache")


@pytest.mark.slow  # a start-up of the production settings for each
@pytest.mark.parametrize("danger", ["world-writable", "another user's", "a link"])
def test_a_cache_folder_others_can_write_is_refused_at_start_up(tmp_path, danger):
    folder = tmp_path / "velfaerd-cache"
    if danger == "a link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    else:
        folder.mkdir()
        folder.chmod(0o777 if danger == "world-writable" else 0o700)
    if danger == "another user's":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(folder, 65534, 65534)
    result = manage("check", **PRODUCTION, DJANGO_CACHE_DIR=str(folder))
    assert result.returncode != 0
    assert f"Refusing to use the cache folder {folder}" in result.stderr


@pytest.mark.slow  # collectstatic with brotli over every static file
def test_static_files_are_compressed_hashed_and_cached_for_ever(tmp_path):
    env = PRODUCTION | {"DJANGO_STATIC_ROOT": str(tmp_path)}
    assert manage("collectstatic", "--noinput", **env).returncode == 0
    for accepted in ("gzip", "br, gzip"):
        code = (
            "from django.test import Client; from django.templatetags.static import static; "
            "url = static('css/site.css'); "
            f"r = Client(HTTP_HOST='velfaerd.example').get(url, headers={{'Accept-Encoding': '{accepted}', "
            "'X-Forwarded-Proto': 'https'}, secure=True); "
            "print(url, r.status_code, r['Cache-Control'].replace(' ', ''), r.get('Content-Encoding'))"
        )
        result = manage("shell", "--no-imports", "-c", code, **env)
        assert result.returncode == 0, result.stderr
        url, status, cache_control, encoding = result.stdout.split()
        assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
        assert status == "200"
        assert cache_control.startswith("max-age=315360000,")
        assert encoding == accepted.split(",")[0]  # made by collectstatic, served as a file
    assert list(tmp_path.glob("css/site.*.css.br"))


def test_error_mail_goes_to_the_admins_through_the_smtp_server_set():
    code = (
        "from django.conf import settings as s; o = s.MAILERS['default']['OPTIONS']; "
        "print(s.ADMINS, s.SERVER_EMAIL, o['host'], o['port'], o['username'], o['password'], o['use_tls'], "
        "o['use_ssl'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        **PRODUCTION,
        DJANGO_ADMINS="Drift <drift@velfaerd.example>, vagt@velfaerd.example",
        DJANGO_SERVER_EMAIL="fejl@velfaerd.example",
        DJANGO_EMAIL_HOST="smtp.velfaerd.example",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_USER="velfaerd",
        DJANGO_EMAIL_PASSWORD="hemmeligt",
        DJANGO_EMAIL_TLS="starttls",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['Drift <drift@velfaerd.example>', 'vagt@velfaerd.example'] fejl@velfaerd.example smtp.velfaerd.example "
        "587 velfaerd hemmeligt True False"
    )


def test_media_on_object_storage_is_switched_on_by_the_environment():
    code = (
        "from django.conf import settings as s; o = s.STORAGES['default']; "
        "print(o['BACKEND'], o['OPTIONS']['bucket_name'], o['OPTIONS']['endpoint_url'], o['OPTIONS']['default_acl'])"
    )
    s3 = {"DJANGO_MEDIA_STORAGE": "s3", "DJANGO_S3_ENDPOINT_URL": "http://minio.internal:9000"}
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION, **s3, DJANGO_S3_BUCKET="velfaerd-media")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "velfaerd.content.s3storage.S3MediaStorage",
        "velfaerd-media",
        "http://minio.internal:9000",
        "None",
    ]
    without_bucket = manage("check", **PRODUCTION, **s3)
    assert "The environment variable DJANGO_S3_BUCKET must be set." in without_bucket.stderr


def test_two_step_login_is_required_and_single_sign_on_switched_on_by_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.REQUIRE_2FA, s.MFA_TRUST_COOKIE_AGE.days, [str(x) for x in s.SECURE_CSP['form-action']], "
        "[a['settings']['server_url'] for a in s.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS']])"
    )
    default = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == "True 30 [\"'self'\"] []"
    sso = {"DJANGO_OIDC_ISSUER": "https://login.example/realms/forening", "DJANGO_2FA_REMEMBER_DAYS": "7"}
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION, **sso)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "True 7 [\"'self'\", 'https://login.example'] ['https://login.example/realms/forening']"
    )


def test_the_benchmarks_comparison_stack_starts():
    """`make bench` compares our middleware with Django's default stack, which must still start the site."""
    result = manage("check", **PRODUCTION, DJANGO_BENCHMARK="1", DJANGO_BENCHMARK_MIDDLEWARE="django")
    assert result.returncode == 0, result.stdout + result.stderr
