"""A page cache for anonymous visitors, correct at once after every edit, on every worker and every instance.

Each cached page is kept with the *content version* it was made for; the current version lives in the shared cache
(Redis, or a folder on one machine). Any committed change to content moves the version on, so every process stops
using older pages at once; nothing waits for a timeout. A cached page also expires when scheduled content next
appears or disappears ("Udgiv fra/til"), since no save marks that moment.

Only requests without a session cookie are served from the cache, so visitors share one copy and logged-in staff
never see a cached page (and theirs are never cached: they are marked private). Responses carry ETag,
Last-Modified and a Cache-Control a CDN can use.
"""

import functools
import hashlib
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

VERSION_KEY = "velfaerd:content-version"
CACHED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")
SKIP_PREFIXES = ("/admin/", "/_nested_admin/", "/soeg/", "/healthz", "/media/", "/static/", "/_bench/")


@functools.cache
def release():
    """A fingerprint of the templates, static files and translations this process serves pages with: pages made
    by an earlier release are never served by a new one. The same code gives the same fingerprint on every
    machine, so instances of one release share their cached pages."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in ("templates", "static", "locale"):
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A new, never used number, so that keys from before a cache restart are never taken for current ones.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def content_changed(**kwargs):
    """Content changed: cached pages are out of date once the change is committed."""
    transaction.on_commit(_bump)


def seconds_until_next_scheduled_change(now=None):
    """Seconds until published content next appears or disappears by its dates, or None."""
    from .publishing import Publishable

    now = now or timezone.now()
    upcoming = []
    for model in apps.get_models():
        if issubclass(model, Publishable):
            dates = model._default_manager.aggregate(
                publish=Min("publish_at", filter=Q(is_published=True, publish_at__gt=now)),
                expire=Min("expire_at", filter=Q(is_published=True, expire_at__gt=now)),
            )
            upcoming += [d for d in dates.values() if d]
    return max(1, int((min(upcoming) - now).total_seconds()) + 1) if upcoming else None


def _timeout(version):
    """How long an entry made now may live: the configured time, or until the next scheduled change."""
    key = f"velfaerd:next-change:{version}"
    deadline = cache.get(key)
    if deadline is None:
        seconds = seconds_until_next_scheduled_change()
        deadline = time.time() + seconds if seconds else 0
        cache.set(key, deadline, timeout=settings.PAGE_CACHE_SECONDS)
    limit = settings.PAGE_CACHE_SECONDS
    return min(limit, max(1, int(deadline - time.time()))) if deadline else limit


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "Vary" not in response
    )


def _public_headers(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        # One round trip to the cache (MGET on Redis) for both the content version and the page: the page is kept
        # with the version it was made for, and is used only while that is still the current version.
        key = f"velfaerd:page:{release()}:{request.get_host()}:{request.get_full_path()}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            _version, content, headers, etag, last_modified = entry
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            _public_headers(response, etag, last_modified)
            return response

        response = self.get_response(request)
        if _cacheable_response(response):
            etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
            last_modified = time.time()
            headers = {name: response[name] for name in CACHED_HEADERS if name in response}
            cache.set(key, (version, response.content, headers, etag, last_modified), timeout=_timeout(version))
            _public_headers(response, etag, last_modified)
        return response
