"""Probes for load balancers and process managers, answered before anything else reads the request.

``/livez``: the process answers. Nothing shared is asked (no database, no cache): a restart is what it decides.

``/readyz``: this instance can serve: the migrations its code needs are applied, its static files are collected,
and it is not shutting down. The parts every instance shares (the database, the cache, the file storage) are
reported in the body, never as a failure: a database blip would otherwise take every instance out of the load
balancer at once (visitors then get nothing instead of the site's Danish 503 page, with its retry time).

Both answer whatever the Host header says (a load balancer asks by the instance's IP and port), are never cached,
and log nothing: a probe every few seconds is no news. ``/healthz`` (velfaerd/views.py) stays as it was.
"""

import json
import logging
import threading

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

#: What this process has found true once stays true for its code: checked again only until it is.
_known = {"migrated": False, "static": False}
_shutting_down = threading.Event()


def begin_shutdown():
    """This instance is going away: /readyz says so (503), so the load balancer sends no new visitors, while the
    requests under way finish (deploy/gunicorn.conf.py calls it when a worker is told to stop)."""
    _shutting_down.set()


def shutting_down():
    return _shutting_down.is_set()


def database_state():
    """ "ok" when the database answers, else "down"."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def cache_state():
    """ "ok" when the cache answers, else "down" (the site works without it, more slowly)."""
    try:
        if hasattr(cache, "is_available"):
            return "ok" if cache.is_available() else "down"
        cache.set("velfaerd:probe", 1, timeout=10)
        return "ok" if cache.get("velfaerd:probe") == 1 else "down"
    except Exception:  # any backend's own error: reported, never raised
        return "down"


def storage_state():
    """ "ok" when the file storage answers, else "down"."""
    try:
        default_storage.exists("readyz-probe")
    except Exception:  # any backend's own error (a store that does not answer): reported, never raised
        return "down"
    return "ok"


def _migrated(database):
    """True once every migration of the code is applied; "unknown" while the database cannot say."""
    if _known["migrated"]:
        return True
    if database != "ok":
        return "unknown"
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _known["migrated"] = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return "unknown"
    return _known["migrated"]


def _static_collected():
    """The collected files' manifest is there (production); without one, files come from the apps' folders."""
    if not _known["static"]:
        manifest = getattr(staticfiles_storage, "manifest_name", None)
        _known["static"] = manifest is None or staticfiles_storage.exists(manifest)
    return _known["static"]


def readiness():
    """What /readyz reports: (ready, the body as a dict)."""
    shared = {"database": database_state(), "cache": cache_state(), "storage": storage_state()}
    own = {
        "migrations": _migrated(shared["database"]),
        "static_files": _static_collected(),
        "shutting_down": shutting_down(),
    }
    # Migrations not known to be applied because the database is down: that is the shared part's state, reported
    # above, not a fault of this instance.
    ready = own["migrations"] is not False and own["static_files"] and not own["shutting_down"]
    return ready, {"ready": ready, "instance": own, "shared": shared}


def _answer(body, status):
    response = HttpResponse(body, status=status, content_type="application/json")
    add_never_cache_headers(response)
    response._has_been_logged = True  # a 503 here is the answer asked for, not an error to log per probe
    return response


def live(request):
    return _answer(json.dumps({"live": True}), 200)


def ready(request):
    is_ready, body = readiness()
    return _answer(json.dumps(body), 200 if is_ready else 503)


PROBES = {"/livez": live, "/readyz": ready}


class ProbeMiddleware:
    """First in MIDDLEWARE: the probes are answered before the Host header is checked, a session read or a page
    cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return probe(request)
