"""A worker loads what its configuration uses, not every driver the project can use: on the default SQLite
set-up, serving pages (a cover image's renditions included) imports neither the PostgreSQL driver (10 MB per
worker), Redis's client (6 MB), the PDF library (6 MB, only uploads need it), S3's client (boto3, 15 MB, only for
files on object storage), the link checker's HTTP client (httpx with its command line's rich, pygments and click:
only a link check needs it) nor every image format Pillow knows."""

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

# In a process of its own, as a worker: it never loads the migrations (they name contrib.postgres's field).
SERVE = """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
visitor = Client(headers={"X-Forwarded-Proto": "https"})
for path in ("/", "/leder/velfaerdsledelse/", "/publikationer/", "/publikationer/maskinrummet/", "/soeg/?q=ledelse",
             "/feed/", "/sitemap.xml"):
    assert visitor.get(path).status_code == 200, path
assert ".webp" in visitor.get("/publikationer/maskinrummet/").content.decode()  # its renditions are shown
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
    assert "PIL.WebPImagePlugin" in modules
    assert not {"PIL.TiffImagePlugin", "PIL.PdfImagePlugin", "PIL.EpsImagePlugin"} & modules
