"""Consistent backups of the database and the uploaded files, and restoring them.

A backup is one .tar.gz, readable by its owner only (it holds password hashes and drafts), with ``data.json``
(every table, read inside one transaction so it is a single moment's state: a snapshot on PostgreSQL, the write
lock on SQLite; every row with its own id and every time to the microsecond, so that what refers to a row by its
id, such as the owners in old revisions, still finds it) and ``media/`` (every uploaded file; image renditions are
left out and made again on demand).

Restoring checks the whole archive first and replaces nothing unless all of it can be used; then the database and
the files are replaced together: the files are swapped in inside the database's transaction, so a failure on either
side leaves both as they were.
"""

import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.utils import timezone

from .versions import content_changed

#: Not in a backup: what Django makes itself, and what is derived from content and made again as the restored
#: content is loaded (the search index, content health) or of no use after a restore (the log of changes).
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "core.searchdocument",
    "core.contentchange",
    "editorial.healthcheck",
    "editorial.finding",
]
RENDITIONS = "CACHE"
FORMAT = 2
SERIALIZATION_FORMAT = "velfaerd-backup"


class BackupError(ValueError):
    """The archive cannot be restored; nothing was changed."""


class ExactEncoder(DjangoJSONEncoder):
    """JSON with times to the microsecond (Django's encoder keeps milliseconds only, as ECMAScript does)."""

    def default(self, o):
        if hasattr(o, "isoformat") and hasattr(o, "microsecond"):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class ExactSerializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


# This module is the serialization format: dumpdata and loaddata find Serializer and Deserializer here.
Serializer = ExactSerializer
Deserializer = serializers.get_deserializer("json")
serializers.register_serializer(SERIALIZATION_FORMAT, __name__)


def _media_files(root):
    root = Path(root)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != RENDITIONS)


def _private_file(target):
    """``target`` opened for writing with mode 0600 whatever the umask, made anew (never an existing file's mode)."""
    target.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


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
            format=SERIALIZATION_FORMAT,
            natural_foreign=True,  # content types and permissions by name: their ids differ between databases
            exclude=EXCLUDE,
            stdout=data,
            indent=None,
        )
    manifest = {"format": FORMAT, "made": timezone.now().isoformat(), "database": connection.vendor}
    partial = target.with_name(f".{target.name}.partial")
    try:
        with _private_file(partial) as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
            for name, text in (("manifest.json", json.dumps(manifest)), ("data.json", data.getvalue())):
                payload = text.encode()
                info = tarfile.TarInfo(name)
                info.size = len(payload)
                info.mode = 0o600
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(payload))
            root = Path(settings.MEDIA_ROOT)
            for path in _media_files(root):
                archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _checked_members(archive, root):
    """The archive's members, all checked before anything is replaced: the manifest of a known format, readable
    data, and uploaded files that land inside the media folder (no "..", absolute paths, links or devices)."""
    members = {}
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if member.name in ("manifest.json", "data.json") and member.isfile():
            members[member.name] = member
            continue
        if name.parts[:1] != ("media",) or len(name.parts) < 2 or not member.isfile():
            raise BackupError(f"The backup holds something it should not: {member.name!r}.")
        try:
            tarfile.data_filter(member.replace(name=str(PurePosixPath(*name.parts[1:]))), str(root))
        except tarfile.FilterError as error:
            raise BackupError(f"The backup holds a file that would land outside the media folder: {error}") from error
        members.setdefault("media", []).append(member)
    for required in ("manifest.json", "data.json"):
        if required not in members:
            raise BackupError(f"The backup has no {required}.")
    return members


def _open_archive(source):
    try:
        return tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"The file is not a backup: {error}") from error


def restore_backup(source):
    """Replace all data and uploaded files with those in the backup at ``source``; raises BackupError, changing
    nothing, when the archive cannot be used."""
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    with _open_archive(source) as archive, tempfile.TemporaryDirectory(dir=root.parent, prefix=".restore-") as folder:
        members = _checked_members(archive, root)
        try:
            manifest = json.load(archive.extractfile(members["manifest.json"]))
            data = Path(folder) / "data.json"
            data.write_bytes(archive.extractfile(members["data.json"]).read())
            json.loads(data.read_text())
        except (ValueError, tarfile.TarError) as error:
            raise BackupError(f"The backup cannot be read: {error}") from error
        if manifest.get("format") not in (1, FORMAT):
            raise BackupError(f"Unknown backup format: {manifest.get('format')}")
        incoming = Path(folder) / "media"
        incoming.mkdir()
        for member in members.get("media", []):
            member = member.replace(name=str(PurePosixPath(*PurePosixPath(member.name).parts[1:])))
            archive.extract(member, incoming, filter="data")
        # Only now is anything replaced: the data, and the files as the transaction's last step; should the
        # commit itself fail, the old files are put back.
        outgoing = Path(folder) / "old-media"
        swapped = False
        try:
            with transaction.atomic():
                # Emptied without post_migrate's other work (the editor groups would be made anew and collide with
                # the backup's), then given back the content types and permissions the backup refers to by name.
                call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
                for app_config in apps.get_app_configs():
                    create_contenttypes(app_config, verbosity=0)
                    create_permissions(app_config, verbosity=0)
                call_command("loaddata", str(data), verbosity=0)
                if root.exists():
                    root.rename(outgoing)
                incoming.rename(root)
                swapped = True
        except BaseException:
            if swapped:
                shutil.rmtree(root, ignore_errors=True)
            if outgoing.exists():
                outgoing.rename(root)
            raise
    content_changed()
    return manifest
