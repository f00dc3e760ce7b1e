"""A worker loads what its configuration uses, not every driver the project can use: on the default SQLite
set-up, serving pages (a cover image's renditions included) imports neither the PostgreSQL driver (10 MB per
worker), Redis's client (6 MB), the PDF library (6 MB, only uploads need it), S3's client (boto3, 15 MB, only for
files on object storage), the link checker's HTTP client (httpx with its command line's rich, pygments and click:
only a link check needs it), Django's testing modules (10 MB with unittest and Jinja2) nor every image format
Pillow knows."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_seed", verbosity=0)
from publications.models import Publication
from tests import factories
publication = Publication.objects.get(slug="maskinrummet")
publication.cover = factories.image_file()
publication.cover_alt = "Forsiden"
publication.save()
"""

# In a process of its own, as a worker: it never loads the migrations (they name contrib.postgres's field), and it
# is called as gunicorn calls it (WSGI), not through django.test's client, which would load the testing modules.
SERVE = """
import json, sys
from wsgiref.util import setup_testing_defaults
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
application = WSGIHandler()

def get(address):
    path, _, query = address.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "localhost", "HTTP_X_FORWARDED_PROTO": "https"}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(application(environ, lambda line, headers, exc_info=None: status.append(line)))
    return int(status[0].split()[0]), body.decode()

for path in ("/", "/leder/velfaerdsledelse/", "/publikationer/", "/publikationer/maskinrummet/", "/soeg/?q=ledelse",
             "/feed/", "/sitemap.xml"):
    assert get(path)[0] == 200, path
assert ".webp" in get("/publikationer/maskinrummet/")[1]  # its renditions are shown
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.slow  # starts a worker process
@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite set-up")
def test_a_worker_on_the_default_set_up_imports_no_driver_it_does_not_use(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "velfaerd.settings.development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_SECRET_KEY": "a-key-for-this-test-only-" + "x" * 40,
    }
    for script in (PREPARE, SERVE):
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr[-3000:]
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert not {"psycopg", "redis", "pypdf", "boto3", "botocore", "httpx", "rich"} & modules
    assert not {"django.test", "unittest", "jinja2"} & modules  # 10 MB: the tests' client and its template engine
    assert "PIL.WebPImagePlugin" in modules
    assert not {"PIL.TiffImagePlugin", "PIL.PdfImagePlugin", "PIL.EpsImagePlugin"} & modules
