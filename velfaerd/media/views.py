"""Uploaded files served so that one can never run as a page of this site, and only to whom its item allows it."""

import mimetypes

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
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


def _file(request, path, *, private):
    """The file: from the media folder with Django's own view (conditional requests answered), or from object
    storage: streamed, or, for one person's document, a redirect to a link to it in the bucket that lives a minute
    (its bytes need not pass through the site; a public file is streamed so that a CDN may keep it, and an image so
    that it is shown in the site's pages, whose policy lets images come from the site only)."""
    if isinstance(default_storage, FileSystemStorage):
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    if not default_storage.exists(path):
        raise Http404
    content_type, _encoding = mimetypes.guess_type(path)
    content_type = content_type or "application/octet-stream"
    if private and settings.MEDIA_SIGNED_REDIRECTS and not content_type.startswith("image/"):
        return HttpResponseRedirect(default_storage.signed_url(path, content_type))
    return FileResponse(default_storage.open(path, "rb"), content_type=content_type)


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
    # Visitors carry no session cookie: their answer never touches the session (no "Vary: Cookie").
    private = previewed or (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)
    response = _file(request, path, private=private)
    for header, value in MEDIA_HEADERS.items():
        response.headers[header] = value
    if private:
        # Staff may be shown a draft's file: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True)
        response.headers["X-Robots-Tag"] = "noindex"
    else:
        # Public while its item is; a short time, since the item can be taken down.
        patch_cache_control(response, public=True, max_age=300)
    return response
