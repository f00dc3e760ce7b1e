"""A page cache for anonymous visitors, correct at once after every edit, on every worker and every instance.

Each cached page is kept with the *content version* it was made for and with what it shows (its *scopes*: each
item it loaded, and the kinds whose lists it shows); the current version lives in the shared cache (Redis, or a
folder on one machine). Any committed change to content moves the version on and logs what it changed, in the
same transaction (versions.py). A page made for an older version is used only if no change since touched what it
shows: checked against the log once per page and change (and remembered), then the page is stamped with the
current version. So a typo fixed in one publication makes that publication's page, its lists, feed and sitemap,
and the pages that link to it new, and leaves the rest of the site cached. A cached page also expires when
scheduled content next appears or disappears ("Udgiv fra/til"), since no save marks that moment.

Only requests without a session cookie are served from the cache, so visitors share one copy and logged-in staff
never see a cached page (and theirs are never cached: they are marked private). Responses carry ETag,
Last-Modified and a Cache-Control a CDN can use, and a client that has the page already gets 304 Not Modified.
"""

import contextvars
import functools
import hashlib
import logging
import re
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.http import HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from prometheus_client import Counter

from velfaerd.caching import compression
from velfaerd.caching.versions import VERSION_KEY, ContentVersion, changes_between, current_version
from velfaerd.content import keyset
from velfaerd.content.changes import EVERYTHING, item_scope, kind_scope
from velfaerd.content.registry import registry

logger = logging.getLogger(__name__)

CACHED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")


#: Addresses an app above keeps out of the page cache (``bypass``): pages that read parameters the cache drops,
#: or are never the same for two visitors.
_bypassed = []


#: For /metrics: pages asked of the page cache and found (hit) or not (miss), and pages stored.
PAGE_CACHE = Counter("velfaerd_page_cache_total", "Pages asked of the page cache, by outcome", ["outcome"])
PAGE_CACHE_HIT, PAGE_CACHE_MISS, PAGE_CACHE_STORE = (PAGE_CACHE.labels(o) for o in ("hit", "miss", "store"))


def bypass(prefix):
    """Requests for addresses beginning with ``prefix`` go straight to their view (set once, at start-up)."""
    if prefix not in _bypassed:
        _bypassed.append(prefix)
        skipped_prefixes.cache_clear()


@functools.cache
def skipped_prefixes():
    """Addresses never looked up in the page cache: the admin, files, health, the benchmark, and what apps bypass."""
    return (
        reverse("admin:index"),
        "/_nested_admin/",
        reverse("healthz"),
        settings.STATIC_URL,
        settings.MEDIA_URL,
        "/_bench/",
        *_bypassed,
    )


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


# What a page shows, collected while it is made.
_shown = contextvars.ContextVar("velfaerd_page_shows", default=None)


class Shown:
    """The scopes one page shows: every content item loaded while it is made (post_init), and the kinds its
    views declare (``depends_on``). A page whose view declares nothing is taken to show everything."""

    def __init__(self):
        self.scopes = set()
        self.declared = False

    def final(self):
        return frozenset(self.scopes) if self.declared else frozenset({EVERYTHING})


def depends_on(*things):
    """The page being made shows these: models (all of a kind: a list, a count, a feed) or items. Views of
    single items need only call it with nothing: the items they load are recorded by themselves."""
    shown = _shown.get()
    if shown is None:
        return
    shown.declared = True
    for thing in things:
        shown.scopes.add(kind_scope(thing) if isinstance(thing, type) else item_scope(type(thing), thing.pk))


class ShowsMixin:
    """For views: ``shows`` names the kinds whose lists (or counts) the page shows; the items it loads are
    recorded by themselves. A view without it is taken to show everything."""

    shows = ()

    def dispatch(self, request, *args, **kwargs):
        depends_on(*self.shows)
        return super().dispatch(request, *args, **kwargs)


def shows(*models):
    """The same for a view function: ``shows(Publication)(view)``; ``shows()`` with no models: all content."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            depends_on(*(models or registry.models()))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def item_loaded(sender, instance, **kwargs):
    """post_init of every model: a content item loaded while a page is made is shown on it."""
    shown = _shown.get()
    if shown is not None:
        shown.scopes.add(item_scope(sender, instance.pk))


#: (old version, new version) -> what changed between them, for this process (a few entries: pages are stamped
#: with the current version once checked).
_changes = OrderedDict()


def _changed_between(old, new):
    key = (old, new)
    if key not in _changes:
        _changes[key] = changes_between(old, new)
        while len(_changes) > 64:
            _changes.popitem(last=False)
    return _changes[key]


def still_valid(scopes, old, new):
    """True when no change after version ``old`` up to ``new`` touched anything in ``scopes``."""
    if old > new:
        return False
    changed = _changed_between(old, new)
    return changed is not None and EVERYTHING not in changed and EVERYTHING not in scopes and not (changed & scopes)


def seconds_until_next_scheduled_change(now=None):
    """Seconds until published content next appears or disappears by its dates, or None."""
    now = now or timezone.now()
    upcoming = []
    for entry in registry:
        if entry.publishable:
            dates = entry.model._default_manager.aggregate(
                publish=Min("publish_at", filter=Q(is_published=True, publish_at__gt=now)),
                expire=Min("expire_at", filter=Q(is_published=True, expire_at__gt=now)),
            )
            upcoming += [d for d in dates.values() if d]
    # Drafts that editors scheduled to go live then: the version keeps when the next is due (drafts.py).
    upcoming += ContentVersion.objects.filter(pk=1, changes_due_at__gt=now).values_list("changes_due_at", flat=True)
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


#: The query parameters public pages read, with the values they accept: the publications filter (theme,
#: organisation, year) and every list's page (a number, "last", or the id of the item it goes on from). Any other
#: parameter (utm_source, fbclid, a random string) changes nothing on a page, so it is dropped before the page is
#: made and is not part of the cache key; a value that is not of the accepted form bypasses the cache. Together with
#: lists that refuse unknown filter values (no-store) and pages from items that exist only, what one client can add
#: to the cache is bounded by the site's own content.
PAGE_QUERY_PARAMETERS = {
    "tema": re.compile(r"[-a-z0-9_]{1,100}"),
    "organisation": re.compile(r"[-a-z0-9_]{1,200}"),
    "aar": re.compile(r"[12][0-9]{3}"),
    "page": re.compile(r"[1-9][0-9]{0,5}|last"),
    "efter": re.compile(keyset.ID),  # a list's page from one of its items (velfaerd/content/keyset.py)
    "foer": re.compile(keyset.ID),
    "p": re.compile(r"[1-9][0-9]{0,5}"),  # a sitemap section's page
}


def page_query(request):
    """The query string that matters to the page, normalised; None when it cannot be cached."""
    kept = []
    for name, values in request.GET.lists():
        if (pattern := PAGE_QUERY_PARAMETERS.get(name)) is None or values == [""]:
            continue  # not read by pages, or empty (a filter left at "all")
        if len(values) != 1 or not pattern.fullmatch(values[0]):
            return None
        kept.append((name, values[0]))
    query = QueryDict(mutable=True)
    for name, value in sorted(kept):
        query[name] = value
    return query.urlencode()


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(skipped_prefixes())
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


#: The layout of a cache entry; part of the key, so that a release that changes it never reads an older one.
ENTRY_FORMAT = 2


def _send(request, forms, headers, etag, last_modified):
    """A cached page in the form the client accepts best (brotli, gzip or as it is)."""
    coding = compression.accepted(request)
    if coding not in forms:
        coding = None
    response = HttpResponse()
    for name, value in headers.items():
        response[name] = value
    response["ETag"] = etag
    compression.send(response, coding, forms[coding])
    return _public(request, response, response["ETag"], last_modified)


def _public(request, response, etag, last_modified):
    """The page with its validators and CDN headers, or 304 Not Modified when the client has it already."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)
    return get_conditional_response(request, etag=etag, last_modified=int(last_modified), response=response)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request) or (query := page_query(request)) is None:
            return self.get_response(request)
        # The page is made from the parameters that matter to it only, so that what is cached under the key is
        # exactly what the key says.
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)
        # One round trip to the cache (MGET on Redis) for both the content version and the page: the page is kept
        # with the version it was made for, and is used only while that is still the current version.
        key = f"velfaerd:page:{ENTRY_FORMAT}:{release()}:{request.get_host()}:{request.get_full_path()}"
        found = cache.get_many([VERSION_KEY, key])
        version = current_version(found.get(VERSION_KEY))
        entry = found.get(key)
        if version is not None and entry is not None and len(entry) == 7:
            made_for, forms, headers, etag, last_modified, scopes, expires = entry
            if made_for != version and still_valid(scopes, made_for, version):
                # Nothing it shows has changed: it is stamped with the current version, for every process.
                cache.set(key, (version, *entry[1:]), timeout=max(1, int(expires - time.time())))
                made_for = version
            if made_for == version:
                PAGE_CACHE_HIT.inc()
                response = _send(request, forms, headers, etag, last_modified)
                response.from_page_cache = True  # for /metrics: counted as the page cache's, not a view's
                return response
        PAGE_CACHE_MISS.inc()

        shown = Shown()
        token = _shown.set(shown)
        try:
            response = self.get_response(request)
        finally:
            _shown.reset(token)
        # A page whose HTML holds this response's CSP nonce is for this response only.
        if version is not None and _cacheable_response(response) and not getattr(request, "_csp_nonce", None):
            etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
            last_modified = time.time()
            headers = {name: response[name] for name in CACHED_HEADERS if name in response}
            forms = compression.variants(response.content)  # compressed once, here, not on each hit
            timeout = _timeout(version)
            entry = (version, forms, headers, etag, last_modified, shown.final(), time.time() + timeout)
            cache.set(key, entry, timeout=timeout)
            PAGE_CACHE_STORE.inc()
            return _send(request, forms, headers, etag, last_modified)
        return response
