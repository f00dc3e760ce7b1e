"""Consistent backups of the database and the uploaded files, and restoring them.

A backup is one .tar.gz with ``data.json`` (every table, read inside one transaction so it is a single moment's
state: a snapshot on PostgreSQL, the write lock on SQLite) and ``media/`` (every uploaded file; image renditions
are left out and made again on demand). Restoring replaces all data with the backup's.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]
RENDITIONS = "CACHE"
FORMAT = 1


def _media_files(root):
    root = Path(root)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != RENDITIONS)


def make_backup(target):
    """Write a backup to ``target`` (a path); returns the path."""
    target = Path(target)
    data = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDE,
            stdout=data,
            indent=None,
        )
    manifest = {"format": FORMAT, "made": timezone.now().isoformat(), "database": connection.vendor}
    with tarfile.open(target, "w:gz") as archive:
        for name, text in (("manifest.json", json.dumps(manifest)), ("data.json", data.getvalue())):
            payload = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(payload))
        root = Path(settings.MEDIA_ROOT)
        for path in _media_files(root):
            archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
    return target


def restore_backup(source):
    """Replace all data and uploaded files with those in the backup at ``source``."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"Unknown backup format: {manifest.get('format')}")
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "data.json"
            data.write_bytes(archive.extractfile("data.json").read())
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(data), verbosity=0)
        root = Path(settings.MEDIA_ROOT)
        members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
        for member in members:
            member.name = member.name.removeprefix("media/")
        root.mkdir(parents=True, exist_ok=True)
        # "data" filter: no absolute paths, no "..", no links out of the folder.
        archive.extractall(root, members=members, filter="data")
    return manifest
