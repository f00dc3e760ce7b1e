"""The site's own small views, for every app: health for load balancers, the favicon, and the error pages in
Danish (400, 403, CSRF, 500 and 503 when the database does not answer)."""

import logging
import sys

from django.contrib import admin
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from velfaerd.content.outages import Throttle
from velfaerd.content.uploads import MAX_IMAGE_BYTES, MAX_PDF_BYTES

from .logs import request_id_of
from .probes import cache_state, database_state

logger = logging.getLogger(__name__)


def healthz(request):
    """For monitoring, as it always was (load balancers have /livez and /readyz, velfaerd/probes.py): 200 when the
    database answers, 503 when it does not. The cache is reported too; the site serves without it (more slowly), so
    a cache that is down does not make it unhealthy."""
    database = database_state()
    body = f"database: {database}\ncache: {cache_state()}\n"
    response = HttpResponse(body, status=200 if database == "ok" else 503, content_type="text/plain")
    response._has_been_logged = True  # a probe's 503 is its answer, not an error to log every few seconds
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page says: to the static file (its hashed name in production)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


#: A database that does not answer is said in the log once per process every ten seconds, not per request;
#: visitors are asked to come back after this many.
DATABASE_DOWN_RETRY_SECONDS = 30
_database_down = Throttle(10)


def server_error(request):
    """500 in Danish; 503 with Retry-After when the database does not answer (an outage, not a fault of the page),
    logged once per process every few seconds instead of a traceback per request."""
    # Rendered without the request: its context processors could ask the database that just failed.
    error = sys.exception()
    context = {"request_id": request_id_of(request)}  # the id the log has, for the visitor to quote
    if not isinstance(error, OperationalError | InterfaceError):
        return HttpResponseServerError(render_to_string("500.html", context))
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(DATABASE_DOWN_RETRY_SECONDS)
    add_never_cache_headers(response)
    response._has_been_logged = True  # Django would log a traceback for each request
    if _database_down.due():
        logger.error("The database does not answer; visitors get 503 meanwhile: %s", error)
    return response


def request_too_large(request):
    """413 in Danish: the proxy refused what was sent (larger than the site's largest upload) and shows this page
    instead of its own (deploy/nginx/velfaerd.conf). Nothing was saved."""
    limits = {"pdf_mb": MAX_PDF_BYTES // 2**20, "image_mb": MAX_IMAGE_BYTES // 2**20}
    response = render(request, "413.html", limits, status=413)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception):
    """400 in Danish. A form too large to be read (too many fields or too much data) says that nothing was saved
    and how to get the editor's work back."""
    too_large = isinstance(exception, (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig))
    return render(request, "400.html", {"too_large": too_large}, status=400)


def _in_the_admin(request):
    return request.path.startswith(reverse("admin:index"))


def _refused(request, admin_title, **context):
    """A 403 in Danish: in the admin's look for editors (with the way back), else in the site's."""
    if _in_the_admin(request):
        return render(
            request, "admin/403.html", {**admin.site.each_context(request), "title": admin_title, **context}, status=403
        )
    return render(request, "403.html", context, status=403)


def permission_denied(request, exception=None):
    return _refused(request, _("You may not open this page"))


def csrf_failure(request, reason=""):
    """A form sent from a page that was open too long, or from another login (Django's own page is English): what
    happened, that nothing was saved, and what to do."""
    return _refused(request, _("The form could not be sent"), csrf_failure=True)


def bench_ceiling(request, size):
    """The benchmark's ceiling: a trivial page of ``size`` bytes through the same middleware (only when
    DJANGO_BENCHMARK is set)."""
    return HttpResponse(b"x" * min(size, 1_000_000), content_type="text/html; charset=utf-8")
