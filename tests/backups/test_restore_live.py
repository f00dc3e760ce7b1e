"""A restore on a running site: every worker goes on saving, against the right content types (a live gunicorn)."""

import sqlite3
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from harness import Server, Site, manage, prepare, site_environment  # noqa: E402
from htmlforms import form_data  # noqa: E402

pytestmark = pytest.mark.slow


def save_publication(site, pk, title):
    url = f"/admin/publications/publication/{pk}/change/"
    page = site.request("GET", url)
    assert page.status_code == 200, page.status_code
    form = form_data(page.text, "publication_form")
    form.update({"title": title, "_save": "1"})
    return site.request("POST", url, data=form)


def test_a_site_left_running_through_a_restore_keeps_saving(tmp_path):
    env, _database = site_environment(tmp_path, "restore_live")
    prepare(env)
    backup = tmp_path / "backup.tar.gz"
    manage(env, "backup", str(backup))
    database = sqlite3.connect(tmp_path / "db.sqlite3")
    pk = database.execute("SELECT id FROM publications_publication WHERE slug = 'maskinrummet'").fetchone()[0]
    database.close()
    with Server(env, workers=1) as server:
        site = Site(server.base)
        site.login(env)
        assert save_publication(site, pk, "Maskinrummet før").status_code == 302  # the worker knows its types now
        manage(env, "restore", "--yes", str(backup))
        for n in range(3):
            response = save_publication(site, pk, f"Maskinrummet efter {n}")
            assert response.status_code == 302, response.status_code
        assert site.request("GET", "/admin/").status_code == 200
        assert site.request("GET", "/admin/indholdstjek/").status_code == 200
    database = sqlite3.connect(tmp_path / "db.sqlite3")
    kinds = database.execute(
        "SELECT DISTINCT ct.app_label, ct.model FROM reversion_version v JOIN django_content_type ct "
        "ON ct.id = v.content_type_id JOIN reversion_revision r ON r.id = v.revision_id "
        "WHERE v.object_repr LIKE 'Maskinrummet efter%'"
    ).fetchall()
    database.close()
    assert kinds == [("publications", "publication")]
