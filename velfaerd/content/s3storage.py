"""Media on S3-compatible object storage (DJANGO_MEDIA_STORAGE=s3), in a module of its own: only a site that
chooses it loads boto3."""

from urllib.parse import urljoin

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from .storage import ForgetsFailedSaves, UploadFailed


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
