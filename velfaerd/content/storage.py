"""Media storage, on disk or on S3-compatible object storage, that leaves nothing behind when a save fails.

A file written during a save that then fails (a full disk half-way through a file, or any error after the file
was stored that rolls the database back) is deleted again, so no partial or orphan file is left.
"""

import contextlib
import contextvars
import logging
from urllib.parse import urljoin

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

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


class S3MediaStorage(ForgetsFailedSaves, S3Storage):
    """Uploads in a private bucket of S3-compatible object storage (DJANGO_MEDIA_STORAGE=s3). Nothing in it is
    public: visitors get each file from the site, which applies its item's rule (velfaerd/media/views.py). A name
    already taken gets another, never overwriting an older file that a revision may still name."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except (BotoCoreError, ClientError) as error:
            raise UploadFailed(f"Could not store {name}: {error}") from error

    def url(self, name, parameters=None, expire=None, http_method=None):
        """The file's address on the site (MEDIA_URL), never the bucket's: a page that links it may be cached for
        an hour, longer than a signed link lives, and the site decides who may have it."""
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))

    def signed_url(self, name, content_type):
        """A link straight to the file in the bucket, valid for ``querystring_expire`` seconds, for one person the
        site has let have it: the store answers with this content type and keeps no copy in any cache."""
        parameters = {"ResponseContentType": content_type, "ResponseCacheControl": "private, no-store"}
        return super().url(name, parameters=parameters)


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
