"""A backup and a restore lose nothing: data, revisions, users and uploaded files."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from reversion.models import Version

from publications.models import Publication
from tests import factories
from tests.html import form_data
from velfaerd.models import CallToAction, ThemePage


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "velfaerd.storage.MediaStorage"}}
    return settings.MEDIA_ROOT


def snapshot():
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    return {
        "page": (page.title, page.intro, page.last_updated),
        "sections": list(page.sections.values_list("heading", "body", "order")),
        "ctas": sorted(CallToAction.objects.values_list("text", "publication__slug", "article__slug")),
        "publications": sorted(Publication.objects.values_list("slug", "title", "cover")),
        "versions": Version.objects.count(),
        "users": sorted(User.objects.values_list("username", "password")),
        "groups": sorted((g.name, g.permissions.count()) for g in Group.objects.all()),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(admin_client, media, tmp_path, seeded):
    publication = Publication.objects.get(slug="maskinrummet")
    url = f"/admin/publications/publication/{publication.pk}/change/"
    data = form_data(admin_client.get(url).content.decode())
    data.update({"cover": factories.image_file(), "cover_alt": "Forsiden", "_save": "Gem"})
    assert admin_client.post(url, data).status_code == 302
    publication.refresh_from_db()
    cover = Path(publication.cover.path).read_bytes()
    before = snapshot()

    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    assert backup.stat().st_size > 0

    # Things go wrong: content deleted and changed, the file lost.
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    page.sections.all().delete()
    ThemePage.objects.filter(pk=page.pk).update(title="Ødelagt")
    Path(publication.cover.path).unlink()
    User.objects.create_user("ny")

    call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert snapshot() == before
    assert Path(Publication.objects.get(slug="maskinrummet").cover.path).read_bytes() == cover
    # The site still works after the restore.
    assert admin_client.get("/leder/velfaerdsledelse/").status_code == 200
