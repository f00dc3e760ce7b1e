"""Consistent backups of the database and the uploaded files, and restoring them.

A backup is one .tar.gz, readable by its owner only (it holds password hashes and drafts), with ``data.json``
(every table, read inside one transaction so it is a single moment's state: a snapshot on PostgreSQL, the write
lock on SQLite; every row with its own id and every time to the microsecond, so that what refers to a row by its
id, such as the owners in old revisions, still finds it) and ``media/`` (every uploaded file; image renditions are
left out and made again on demand).

Files are read and written through Django's storage API, so a backup and a restore work alike with uploads in a
folder and in a bucket of object storage (velfaerd/content/storage.py).

Restoring checks the whole archive first and replaces nothing unless all of it can be used. Then the backup's
files are written (a file of the same name and other content is first copied aside), the database is replaced in
one transaction, and only after it commits are the files the restored site does not know deleted. A failure
before that puts every file back as it was: the new ones deleted, those copied aside written back.
"""

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import secrets
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

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
#: A restore copies the files it replaces into a folder of this name in the storage until its data commits.
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


@dataclasses.dataclass
class Written:
    """What a backup or a restore wrote."""

    made: str = ""
    files: int = 0
    bytes: int = 0


def files(written):
    """ "12 uploaded files (3.4 MB)" """
    count = "1 uploaded file" if written.files == 1 else f"{written.files} uploaded files"
    return f"{count} ({written.bytes / 1_000_000:.1f} MB)"


def _stored(storage, folder="", *, everything=False):
    """The names of the stored files under ``folder``, sorted. Left out unless ``everything``: image renditions
    (made again on demand), uploads held for a form's next save, and a restore's own files. A link in a media
    folder on disk is refused: it could reach outside the folder, and a restore writes plain files only."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []  # no upload yet: the media folder is made by the first
    names = []
    on_disk = isinstance(storage, FileSystemStorage)
    for name in sorted(folders):
        path = f"{folder}{name}"
        if not folder and not everything and name in (RENDITIONS, HELD):
            continue
        if not folder and name.startswith(STAGING):
            continue
        if on_disk and os.path.islink(storage.path(path)):
            raise BackupError(
                f"The media folder holds a link, {path}: a backup of it could not be restored. "
                "Replace the link with the folder itself, then back up again."
            )
        names += _stored(storage, f"{path}/", everything=everything)
    for name in sorted(files):
        path = f"{folder}{name}"
        if on_disk and os.path.islink(storage.path(path)):
            raise BackupError(
                f"The media folder holds a link, {path}: a backup of it could not be restored. "
                "Replace the link with the file itself, then back up again."
            )
        names.append(path)
    return names


def _private_file(target):
    """``target`` opened for writing with mode 0600 whatever the umask, made anew (never an existing file's mode)."""
    target.unlink(missing_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def _add(archive, name, stream, size, mtime):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = mtime
    archive.addfile(info, stream)


def make_backup(target, storage=None):
    """Write a backup to ``target`` (a path); returns what it wrote."""
    storage = storage or default_storage
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
            exclude=excluded(),
            stdout=data,
            indent=None,
        )
    # The files after the data: every file the data names was stored before it was saved, and uploads are never
    # overwritten, so each is there with the content the data knows.
    names = _stored(storage)
    made = timezone.now()
    written = Written(made=made.isoformat(), files=len(names))
    manifest = {"format": FORMAT, "made": written.made, "database": connection.vendor, "files": len(names)}
    partial = target.with_name(f".{target.name}.partial")
    try:
        with _private_file(partial) as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
            for name, text in (("manifest.json", json.dumps(manifest)), ("data.json", data.getvalue())):
                payload = text.encode()
                _add(archive, name, io.BytesIO(payload), len(payload), int(made.timestamp()))
            for name in names:
                with storage.open(name, "rb") as stored:
                    _add(archive, f"media/{name}", stored, stored.size, int(made.timestamp()))
                    written.bytes += stored.size
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return written


def _checked_members(archive):
    """The archive's members, all checked before anything is replaced: the manifest of a known format, readable
    data, and uploaded files with names a storage accepts (no "..", absolute paths, links or devices), each once."""
    members = {"media": {}}
    for member in archive.getmembers():
        name = PurePosixPath(member.name)
        if member.name in ("manifest.json", "data.json") and member.isfile():
            members[member.name] = member
            continue
        if name.parts[:1] != ("media",) or len(name.parts) < 2 or not member.isfile():
            raise BackupError(f"The backup holds something it should not: {member.name!r}.")
        stored = str(PurePosixPath(*name.parts[1:]))
        try:
            validate_file_name(stored, allow_relative_path=True)
        except SuspiciousFileOperation as error:
            raise BackupError(f"The backup holds a file that would land outside the media folder: {error}") from error
        if stored in members["media"] or stored.split("/", 1)[0].startswith(STAGING):
            raise BackupError(f"The backup holds something it should not: {member.name!r}.")
        members["media"][stored] = member
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


def _digest(stream):
    return hashlib.file_digest(stream, "sha256").digest()


def _write(storage, name, stream):
    """``stream`` stored as ``name`` exactly (the name is free: a storage would otherwise choose another)."""
    if (stored := storage.save(name, File(stream, name=PurePosixPath(name).name))) != name:
        storage.delete(stored)
        raise OSError(f"{name} was taken while the backup was restored")


class _Files:
    """The backup's files written into the storage, undone unless the restore commits."""

    def __init__(self, storage):
        self.storage = storage
        self.aside = f"{STAGING}{secrets.token_hex(8)}/"
        self.new = []
        self.replaced = []

    def write(self, archive, members):
        """Each member read once, in the archive's order (a compressed archive cannot go back cheaply)."""
        for name, member in members.items():
            if not self.storage.exists(name):
                self.new.append(name)
                _write(self.storage, name, archive.extractfile(member))
                continue
            with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as incoming:
                shutil.copyfileobj(archive.extractfile(member), incoming)
                if self.storage.size(name) == member.size:
                    incoming.seek(0)
                    with self.storage.open(name, "rb") as stored:
                        if _digest(stored) == _digest(incoming):
                            continue  # the same file: left as it is
                with self.storage.open(name, "rb") as old:
                    _write(self.storage, self.aside + name, old)
                self.replaced.append(name)
                self.storage.delete(name)
                incoming.seek(0)
                _write(self.storage, name, incoming)

    def undo(self):
        _delete(self.storage, self.new + self.replaced)
        for name in self.replaced:
            with self.storage.open(self.aside + name, "rb") as old:
                _write(self.storage, name, old)
        self.forget_aside()

    def forget_aside(self):
        _delete(self.storage, [self.aside + name for name in self.replaced])


def _delete(storage, names):
    """The files deleted, and on disk the folders that leaves empty (never the media folder itself: it may be a
    mount point)."""
    folders = set()
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)
        folders.update(str(parent) for parent in PurePosixPath(name).parents if str(parent) != ".")
    if isinstance(storage, FileSystemStorage):
        for folder in sorted(folders, key=lambda folder: folder.count("/"), reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(storage.path(folder))  # only when empty


def restore_backup(source, storage=None):
    """Replace all data and uploaded files with those in the backup at ``source``; raises BackupError, changing
    nothing, when the archive cannot be used. Returns what it wrote."""
    storage = storage or default_storage
    _check_database()
    with _open_archive(source) as archive:
        members = _checked_members(archive)
        try:
            manifest = json.load(archive.extractfile(members["manifest.json"]))
            data = archive.extractfile(members["data.json"]).read()
            json.loads(data)
        except (ValueError, tarfile.TarError) as error:
            raise BackupError(f"The backup cannot be read: {error}") from error
        if manifest.get("format") not in (1, FORMAT):
            raise BackupError(f"Unknown backup format: {manifest.get('format')}")
        media = members["media"]
        if manifest.get("files", len(media)) != len(media):
            raise BackupError(
                f"The backup is incomplete: its manifest counts {manifest['files']} uploaded files, "
                f"it holds {len(media)}."
            )
        # What the site held before: after the restore, what the backup does not have goes (derived files with it).
        before = _stored(storage, everything=True)
        files = _Files(storage)
        try:
            files.write(archive, media)
            with transaction.atomic():
                _empty_content_tables()
                # The backup refers to content types and permissions by name; any it names that this database
                # lacks are made (new ones only: those there keep their ids).
                for app_config in apps.get_app_configs():
                    create_contenttypes(app_config, verbosity=0)
                    create_permissions(app_config, verbosity=0)
                with _data_file(data) as path:
                    call_command("loaddata", str(path), verbosity=0)
        except BaseException:
            files.undo()
            raise
    _delete(storage, [name for name in before if name not in media])
    files.forget_aside()
    content_changed()
    # The search reads the restored PDFs' text now the data is in: each in the bounded process, outside the
    # restore's transaction, so editors' saves do not wait for it.
    call_command("check_pdfs", verbosity=0, stdout=io.StringIO())
    return Written(made=manifest.get("made", ""), files=len(media), bytes=sum(m.size for m in media.values()))


@contextlib.contextmanager
def _data_file(data):
    """The backup's data in a file of its own for loaddata, which reads files by name."""
    with tempfile.TemporaryDirectory(prefix="velfaerd-restore-") as folder:
        path = Path(folder) / "data.json"
        path.write_bytes(data)
        yield path
