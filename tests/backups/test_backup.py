"""A backup and a restore lose nothing: data, revisions, users and uploaded files."""

import datetime
import io
import os
import stat
import tarfile
from pathlib import Path
from unittest import mock

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from reversion.models import Version

from publications.models import Publication
from tests import factories
from tests.admin import change_url, save
from velfaerd.editorial import health
from velfaerd.pages.models import CallToAction, ThemePage


def snapshot():
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    return {
        "page": (page.title, page.intro, page.last_updated),
        "sections": list(page.parts.values_list("heading", "body", "order")),
        "ctas": sorted(CallToAction.objects.values_list("text", "publication__slug", "article__slug")),
        "publications": sorted(Publication.objects.values_list("slug", "title", "cover")),
        "versions": Version.objects.count(),
        "users": sorted(User.objects.values_list("username", "password")),
        "groups": sorted((g.name, g.permissions.count()) for g in Group.objects.all()),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(admin_client, media, tmp_path, seeded):
    publication = Publication.objects.get(slug="maskinrummet")
    assert (
        save(admin_client, change_url(publication), cover=factories.image_file(), cover_alt="Forsiden").status_code
        == 302
    )
    publication.refresh_from_db()
    cover = Path(publication.cover.path).read_bytes()
    before = snapshot()

    backup = tmp_path / "backup.tar.gz"
    said = io.StringIO()
    call_command("backup", str(backup), stdout=said)
    assert backup.stat().st_size > 0
    assert f"the data and 1 uploaded file ({len(cover) / 1_000_000:.1f} MB)" in said.getvalue()

    # Things go wrong: content deleted and changed, the file lost.
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    page.parts.all().delete()
    ThemePage.objects.filter(pk=page.pk).update(title="Ødelagt")
    Path(publication.cover.path).unlink()
    User.objects.create_user("ny")

    said = io.StringIO()
    call_command("restore", str(backup), yes=True, stdout=said)
    assert "the data and 1 uploaded file" in said.getvalue()
    assert snapshot() == before
    assert Path(Publication.objects.get(slug="maskinrummet").cover.path).read_bytes() == cover
    # The site still works after the restore, and what is derived from content is made again from it.
    assert admin_client.get("/leder/velfaerdsledelse/").status_code == 200
    assert "Maskinrummet" in admin_client.get("/soeg/", {"q": "maskinrummet"}).content.decode()
    assert "Du kan læse rapporten her" in [row.detail for row in health.weak_link_texts()]


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(media, tmp_path, seeded):
    backup = tmp_path / "backup.tar.gz"
    old = os.umask(0o000)
    try:
        call_command("backup", str(backup), stdout=io.StringIO())
    finally:
        os.umask(old)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_back_the_same_ids_and_exact_times(media, tmp_path, seeded):
    """Revisions keep owners by id: after a restore, an old revision must still name the same user."""
    first = User.objects.create_user("foerste")
    owner = User.objects.create_user("ejer")
    first.delete()  # the owner's id is not the lowest any more
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    exact = datetime.datetime(2026, 3, 4, 5, 6, 7, 891234, tzinfo=datetime.UTC)
    ThemePage.objects.filter(pk=page.pk).update(publish_at=exact)
    page.refresh_from_db()
    page.owner = owner
    with reversion.create_revision():
        page.save()
    version = Version.objects.get_for_object(page).first()

    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    call_command("restore", str(backup), yes=True, stdout=io.StringIO())

    assert User.objects.get(username="ejer").pk == owner.pk
    restored = ThemePage.objects.get(pk=page.pk)
    assert restored.publish_at == exact
    Version.objects.get(pk=version.pk).revision.revert()
    assert ThemePage.objects.get(pk=page.pk).owner.username == "ejer"


def evil_backup(path, media_name):
    """A backup as ours, with one more member named ``media_name``."""
    with tarfile.open(path, "w:gz") as archive:
        for name, payload in (
            ("manifest.json", b'{"format": 2, "made": "x"}'),
            ("data.json", b"[]"),
            (media_name, b"x"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))


@pytest.mark.parametrize("name", ["media/../x", "/etc/x", "media/../../x", "other/x"])
@pytest.mark.django_db(transaction=True)
def test_a_bad_archive_is_refused_before_anything_is_replaced(media, tmp_path, seeded, name):
    before = snapshot()
    backup = tmp_path / "evil.tar.gz"
    evil_backup(backup, name)
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert snapshot() == before
    assert not (tmp_path / "x").exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_leaves_data_and_files_as_they_were(media, tmp_path, seeded):
    (media / "publication").mkdir(parents=True)
    (media / "publication" / "gammel.pdf").write_bytes(b"gammel")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    (media / "publication" / "ny.pdf").write_bytes(b"ny")
    (media / "publication" / "gammel.pdf").write_bytes(b"senere")  # the restore copies it aside, then back
    ThemePage.objects.update(title="Efter backuppen")
    before = snapshot()

    def flush_then_fail(name, *args, **options):
        if name == "loaddata":
            raise RuntimeError("loaddata failed")
        return call_command(name, *args, **options)

    with mock.patch("velfaerd.backups.backup.call_command", flush_then_fail), pytest.raises(RuntimeError):
        call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert snapshot() == before
    assert (media / "publication" / "ny.pdf").read_bytes() == b"ny"
    assert (media / "publication" / "gammel.pdf").read_bytes() == b"senere"
    assert sorted(path.name for path in media.iterdir()) == ["publication"]  # nothing left aside


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_media_folder_that_is_a_mount_point(media, tmp_path, seeded, monkeypatch):
    """A mount point cannot be renamed or replaced (EBUSY): a restore moves what is inside it instead."""
    (media / "publication").mkdir(parents=True)
    (media / "publication" / "gammel.pdf").write_bytes(b"gammel")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    (media / "publication" / "gammel.pdf").write_bytes(b"senere")
    rename = Path.rename

    def like_a_mount_point(self, target):
        if Path(self) == Path(media) or Path(target) == Path(media):
            raise OSError(16, "Device or resource busy", str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", like_a_mount_point)
    call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert (media / "publication" / "gammel.pdf").read_bytes() == b"gammel"
    assert not [p for p in media.iterdir() if p.name.startswith(".restore-")]


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_a_media_folder_with_a_link_is_refused(media, tmp_path, seeded):
    (media / "publication").mkdir(parents=True)
    (media / "publication" / "link.pdf").symlink_to("/etc/hostname")
    with pytest.raises(CommandError, match="holds a link"):
        call_command("backup", str(tmp_path / "backup.tar.gz"), stdout=io.StringIO())
    assert not list(tmp_path.glob("*.tar.gz"))


def run_restore(tmp_path, *args, database):
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "velfaerd.settings.test", "DATABASE_URL": database}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", *args],
        cwd=Path(__file__).resolve().parent.parent.parent,
        env={k: v for k, v in env.items() if k != "PYTEST_CURRENT_TEST"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_a_restore_without_yes_and_without_a_terminal_says_so(media, tmp_path, seeded):
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    result = run_restore(tmp_path, str(backup), database=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert result.returncode == 1
    assert "with no terminal to ask on, say --yes" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_unmigrated_database_says_so_and_changes_nothing(media, tmp_path, seeded):
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    empty = tmp_path / "empty.sqlite3"
    result = run_restore(tmp_path, str(backup), "--yes", database=f"sqlite:///{empty}")
    assert result.returncode == 1
    assert "run `manage.py migrate` first" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db(transaction=True)  # a backup reads one consistent moment: not inside a test's transaction
def test_a_backup_leaves_out_files_held_for_a_forms_next_save(media, tmp_path, seeded):
    (media / "held" / "abc").mkdir(parents=True)
    (media / "held" / "abc" / "rapport.pdf").write_bytes(b"%PDF-")
    (media / "publication").mkdir()
    (media / "publication" / "gammel.pdf").write_bytes(b"gammel")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    with tarfile.open(backup) as archive:
        names = archive.getnames()
    assert "media/publication/gammel.pdf" in names
    assert not [name for name in names if "/held/" in name]


@pytest.mark.django_db(transaction=True)
def test_a_restore_removes_the_files_the_restored_site_does_not_know(media, tmp_path, seeded):
    (media / "publication").mkdir(parents=True)
    (media / "publication" / "gammel.pdf").write_bytes(b"gammel")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    (media / "article" / "2026").mkdir(parents=True)
    (media / "article" / "2026" / "ny.png").write_bytes(b"ny")
    (media / "CACHE" / "publication").mkdir(parents=True)
    (media / "CACHE" / "publication" / "gammel.jpg").write_bytes(b"en udgave")  # made again on demand
    call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert sorted(str(path.relative_to(media)) for path in media.rglob("*")) == [
        "publication",
        "publication/gammel.pdf",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_backup_missing_some_of_its_files_is_refused(media, tmp_path, seeded):
    (media / "publication").mkdir(parents=True)
    (media / "publication" / "gammel.pdf").write_bytes(b"gammel")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    cut = tmp_path / "cut.tar.gz"
    with tarfile.open(backup) as archive, tarfile.open(cut, "w:gz") as copy:
        for member in archive.getmembers():
            if not member.name.startswith("media/"):
                copy.addfile(member, archive.extractfile(member))
    (media / "publication" / "gammel.pdf").write_bytes(b"senere")
    with pytest.raises(
        CommandError, match=r"incomplete: its manifest counts 1 uploaded files, it holds 0\. Nothing was restored"
    ):
        call_command("restore", str(cut), yes=True, stdout=io.StringIO())
    assert (media / "publication" / "gammel.pdf").read_bytes() == b"senere"


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_the_search_the_text_of_the_pdfs_again(admin_client, client, media, tmp_path, seeded):
    """The search index is not in a backup: made again from the restored content, the PDFs' text read after."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    publication = Publication.objects.get(slug="maskinrummet")
    pdf = SimpleUploadedFile("m.pdf", factories.made_pdf("Kanariefuglene i minen"), content_type="application/pdf")
    assert save(admin_client, change_url(publication), document=pdf).status_code == 302
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    html = client.get("/soeg/", {"q": "kanariefugl"}).content.decode()
    assert "Maskinrummet" in html
    assert "<mark>Kanariefuglene</mark>" in html
