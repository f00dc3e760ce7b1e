"""Media storage, on disk or on S3-compatible object storage, that leaves nothing behind when a save fails.

A file written during a save that then fails (a full disk half-way through a file, or any error after the file
was stored that rolls the database back) is deleted again, so no partial or orphan file is left.

The S3 storage is in s3storage.py, so that a site that keeps its files on disk never loads boto3 (some 15 MB in
every worker).
"""

import contextlib
import contextvars
import logging

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)

_written = contextvars.ContextVar("velfaerd_written_files", default=None)


class UploadFailed(OSError):
    """A file could not be stored (typically: the disk is full)."""


class ForgetsFailedSaves:
    """A storage whose files written inside ``keep_files_only_on_success()`` are deleted again if the block fails."""

    def _save(self, name, content):
        name = super()._save(name, content)
        if (written := _written.get()) is not None:
            written.append((self, name))
        return name


class MediaStorage(ForgetsFailedSaves, FileSystemStorage):
    """Uploads in a folder (MEDIA_ROOT): one server, or a network folder every instance mounts."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError as error:
            # The file was opened exclusively, so what is there now is our partial file.
            with contextlib.suppress(OSError):
                if self.exists(name):
                    self.delete(name)
            raise UploadFailed(error.errno, f"Could not store {name}: {error.strerror}") from error


@contextlib.contextmanager
def keep_files_only_on_success():
    """Files stored inside the block are deleted again if the block raises (its transaction rolled back)."""
    token = _written.set([])
    try:
        yield
    except BaseException:
        for storage, name in _written.get():
            with contextlib.suppress(OSError):
                storage.delete(name)
                logger.info("Deleted %s: the save it belonged to failed.", name)
        raise
    finally:
        _written.reset(token)
