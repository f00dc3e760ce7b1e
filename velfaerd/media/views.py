"""Uploaded files served so that one can never run as a page of this site, and only to whom its item allows it."""

import mimetypes

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve

from velfaerd.content.images import heal
from velfaerd.media.access import RENDITIONS, holder, may_download, shown_by_preview_link

MEDIA_HEADERS = {
    # An uploaded file is shown as what it is, never run as a page of this site.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _file(request, path):
    """The file: from the media folder with Django's own view (conditional requests answered), or streamed from
    object storage, with the same headers either way."""
    if isinstance(default_storage, FileSystemStorage):
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    if not default_storage.exists(path):
        raise Http404
    content_type, _encoding = mimetypes.guess_type(path)
    return FileResponse(default_storage.open(path, "rb"), content_type=content_type or "application/octet-stream")


def serve_media(request, path):
    """Uploaded files from MEDIA_ROOT, each only to whom its item allows it (velfaerd/media/access.py). A proxy that
    serves /media/ itself bypasses that check: see docs/operations.md."""
    previewed = False
    if not may_download(request, path):
        if not shown_by_preview_link(request, path):
            raise Http404
        previewed = True
    if path.startswith(RENDITIONS) and not default_storage.exists(path) and (found := holder(path)).obj is not None:
        heal(found.obj, path)  # a rendition gone after a restore or a full disk is made again, not lost for good
    response = _file(request, path)
    for header, value in MEDIA_HEADERS.items():
        response.headers[header] = value
    # Visitors carry no session cookie: their answer never touches the session (no "Vary: Cookie").
    if previewed or (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated):
        # Staff may be shown a draft's file: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True)
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        # Public while its item is; a short time, since the item can be taken down.
        patch_cache_control(response, public=True, max_age=300)
    return response
