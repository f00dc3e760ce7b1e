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
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from storages.backends.s3 import S3Storage

from velfaerd.caching.versions import content_changed
from velfaerd.content.uploads import HELD

#: Not in a backup: what Django makes itself. Each app of the site adds what it derives from content and makes
#: again as the restored content is loaded (the search index, content health) or is of no use after a restore
#: (the log of changes): its AppConfig's ``not_backed_up``, model names.
DJANGO_MAKES = ["contenttypes", "auth.permission", "sessions", "axes"]


def excluded():
    return DJANGO_MAKES + [
        f"{config.label}.{name}" for config in apps.get_app_configs() for name in getattr(config, "not_backed_up", ())
    ]


RENDITIONS = "CACHE"
#: A restore's files wait in a folder of this name inside the media folder (the media folder may be a mount
#: point: files can be moved within it, not across to another file system).
STAGING = ".restore-"
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
    """The uploaded files to back up. A link in the media folder is refused: the backup could never be restored
    (a restore accepts plain files only), and it could reach outside the folder."""
    root = Path(root)
    if not root.exists():
        return []
    files = []
    for path in sorted(root.rglob("*")):
        top = path.relative_to(root).parts[0]
        if top in (RENDITIONS, HELD) or top.startswith(STAGING):
            continue  # made again on demand, waiting for a form's next save, or a restore's own
        if path.is_symlink():
            raise BackupError(
                f"The media folder holds a link, {path.relative_to(root)}: a backup of it could not be restored. "
                "Replace the link with the file itself, then back up again."
            )
        if path.is_file():
            files.append(path)
    return files


def _private_file(target):
    """``target`` opened for writing with mode 0600 whatever the umask, made anew (never an existing file's mode)."""
    target.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def _media_on_disk():
    """Backups hold the media folder. Uploads on object storage are not in it: refused, rather than a backup that
    says it succeeded and holds none of the files."""
    if isinstance(default_storage, S3Storage):
        raise BackupError(
            "The uploaded files are on object storage (DJANGO_MEDIA_STORAGE=s3), which backup and restore do not "
            "read yet: back the bucket up with its own versioning or replication."
        )


def make_backup(target):
    """Write a backup to ``target`` (a path); returns the path."""
    _media_on_disk()
    target = Path(target)
    root = Path(settings.MEDIA_ROOT)
    files = _media_files(root)  # refused before anything is written when one cannot be restored
    data = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata",
            format=SERIALIZATION_FORMAT,
            natural_foreign=True,  # content types and permissions by name: their ids differ between databases
            exclude=excluded(),
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
            for path in files:
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


def _kept_tables():
    """What a restore leaves as it is: the content types and permissions, whose ids every running worker holds in
    memory (were they made anew, in another order, every save after the restore would be recorded against the
    wrong model), and the sessions and login records, which are not in a backup (editors stay logged in)."""
    kept = {ContentType, Permission, Session}
    kept |= set(apps.get_app_config("axes").get_models()) if apps.is_installed("axes") else set()
    return {model._meta.db_table for model in kept}


def _empty_content_tables():
    """Every table a backup fills, emptied in one statement per table (``flush`` would empty all of them)."""
    kept = _kept_tables()
    tables = [t for t in connection.introspection.django_table_names(only_existing=True) if t not in kept]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=True))


def _open_archive(source):
    try:
        return tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"The file is not a backup: {error}") from error


def _check_database():
    """The database must be migrated to this release before a backup can be loaded into it."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("The database is not migrated to this release: run `manage.py migrate` first.")


def _swap_media(root, incoming, outgoing):
    """Move what the media folder holds to ``outgoing`` and what ``incoming`` holds into it, entry by entry (the
    folder itself stays: it may be a mount point). Returns a function that puts everything back."""
    moved_out, moved_in = [], []

    def undo():
        for name in moved_in:
            if (root / name).is_dir():
                shutil.rmtree(root / name, ignore_errors=True)
            else:
                (root / name).unlink(missing_ok=True)
        for name in moved_out:
            (outgoing / name).rename(root / name)

    try:
        for entry in sorted(root.iterdir()):
            if not entry.name.startswith(STAGING):
                entry.rename(outgoing / entry.name)
                moved_out.append(entry.name)
        for entry in sorted(incoming.iterdir()):
            entry.rename(root / entry.name)
            moved_in.append(entry.name)
    except OSError:
        undo()
        raise
    return undo


def restore_backup(source):
    """Replace all data and uploaded files with those in the backup at ``source``; raises BackupError, changing
    nothing, when the archive cannot be used."""
    _media_on_disk()
    _check_database()
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with _open_archive(source) as archive, tempfile.TemporaryDirectory(dir=root, prefix=STAGING) as folder:
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
        outgoing.mkdir()
        undo = None
        try:
            with transaction.atomic():
                _empty_content_tables()
                # The backup refers to content types and permissions by name; any it names that this database
                # lacks are made (new ones only: those there keep their ids).
                for app_config in apps.get_app_configs():
                    create_contenttypes(app_config, verbosity=0)
                    create_permissions(app_config, verbosity=0)
                call_command("loaddata", str(data), verbosity=0)
                undo = _swap_media(root, incoming, outgoing)
        except BaseException:
            if undo is not None:
                undo()
            raise
    content_changed()
    return manifest
