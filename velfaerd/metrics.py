"""/metrics in Prometheus' text format (prometheus-client), for the site's operators only: it answers a request that
sends ``Authorization: Bearer`` and ``DJANGO_METRICS_TOKEN``, and is 404 to anything else (and when no token is set).

Counted as the site works, in each process: requests by view and status, their time, the database queries each
made, the page cache's hits, misses and stores (velfaerd/caching/pagecache.py), the cache found unavailable
(velfaerd/caching/cache.py), uploads refused by reason (velfaerd/content/uploads.py). With several worker processes
(gunicorn), set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder of the site's own: each process writes its counts
there and a scrape adds them up (deploy/gunicorn.conf.py clears it at start and removes a dead worker's).

Read when scraped: the shared parts (database, cache, file storage) up or not, changes editors scheduled (waiting,
overdue: `publish_scheduled` is not running, or failed), link-check results, the age of the newest backup in
``DJANGO_BACKUP_DIR``, this process's open cache breakers.
"""

import datetime
import hmac
import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from velfaerd import probes
from velfaerd.backups.rotation import made_at
from velfaerd.caching.cache import CircuitBreaker
from velfaerd.drafts.drafts import Draft
from velfaerd.editorial.models import LinkCheck

REQUESTS = Counter("velfaerd_requests_total", "Requests answered, by view and status", ["view", "status"])
LATENCY = Histogram(
    "velfaerd_request_duration_seconds",
    "Time to answer a request, by view",
    ["view"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
QUERIES = Histogram(
    "velfaerd_request_queries", "Database queries one request made", buckets=(0, 1, 2, 3, 5, 10, 20, 50, 100, 200)
)
#: A scheduled change this long past its time has not been published by `publish_scheduled`.
OVERDUE_AFTER = timedelta(minutes=5)


def backup_age(now=None):
    """Seconds since the newest backup in BACKUP_DIR was made (its name says when: `backup --into`), or None when
    no folder is set or it holds none."""
    if not settings.BACKUP_DIR:
        return None
    folder = Path(settings.BACKUP_DIR)
    times = [made for path in (folder.iterdir() if folder.is_dir() else ()) if (made := made_at(path))]
    if not times:
        return None
    newest = timezone.make_aware(max(times), datetime.UTC)
    return ((now or timezone.now()) - newest).total_seconds()


def _view(request, response):
    if getattr(response, "from_page_cache", False):
        return "page cache"
    match = request.resolver_match
    return match.view_name if match is not None else "none"


class MetricsMiddleware:
    """Counts each request, its time and its queries (a wrapper around the database's execute: no query of its
    own). Near the top of MIDDLEWARE, so that pages from the cache are counted too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = self.get_response(request)
        view = _view(request, response)
        REQUESTS.labels(view, str(response.status_code)).inc()
        LATENCY.labels(view).observe(time.perf_counter() - started)
        QUERIES.observe(queries)
        return response


class SiteState:
    """What is read when scraped, not counted as the site works."""

    def describe(self):
        """The families, without reading anything: a registry asks at registration (else it would collect, and
        query the database, at start-up)."""
        yield GaugeMetricFamily("velfaerd_shared_up", "A shared part answers (1) or not", labels=["part"])
        yield GaugeMetricFamily("velfaerd_cache_breakers_open", "Caches this process skips for now")
        yield GaugeMetricFamily("velfaerd_scheduled_changes", "Scheduled changes, by state", labels=["state"])
        yield GaugeMetricFamily("velfaerd_link_checks", "Links checked, by result", labels=["status"])
        yield GaugeMetricFamily("velfaerd_backup_age_seconds", "Age of the newest backup in DJANGO_BACKUP_DIR")

    def collect(self):
        shared = GaugeMetricFamily(
            "velfaerd_shared_up", "A part every instance shares answers (1) or not", labels=["part"]
        )
        states = {
            "database": probes.database_state(),
            "cache": probes.cache_state(),
            "storage": probes.storage_state(),
        }
        for part, state in states.items():
            shared.add_metric([part], 1 if state == "ok" else 0)
        yield shared
        if (age := backup_age()) is not None:
            yield GaugeMetricFamily(
                "velfaerd_backup_age_seconds", "Age of the newest backup in DJANGO_BACKUP_DIR", value=age
            )
        yield GaugeMetricFamily(
            "velfaerd_cache_breakers_open", "Caches this process skips for now", value=CircuitBreaker.open_count()
        )
        if states["database"] != "ok":
            return
        try:
            yield self._scheduled()
            yield self._link_checks()
        except DatabaseError:
            return

    def _scheduled(self):
        now = timezone.now()
        scheduled = Draft.objects.filter(publish_at__isnull=False)
        family = GaugeMetricFamily(
            "velfaerd_scheduled_changes", "Changes editors scheduled, by state", labels=["state"]
        )
        family.add_metric(["waiting"], scheduled.filter(publish_at__gt=now).count())
        family.add_metric(["overdue"], scheduled.filter(publish_at__lte=now - OVERDUE_AFTER, failure="").count())
        family.add_metric(["failed"], scheduled.exclude(failure="").count())
        return family

    def _link_checks(self):
        family = GaugeMetricFamily("velfaerd_link_checks", "Links checked, by result", labels=["status"])
        counts = dict(LinkCheck.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        for status in LinkCheck.Status.values:
            family.add_metric([status], counts.get(status, 0))
        return family


SITE_STATE = SiteState()
REGISTRY.register(SITE_STATE)


def _registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(SITE_STATE)
        return registry
    return REGISTRY


@never_cache
def metrics_view(request):
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise Http404
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
