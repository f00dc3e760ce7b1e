"""Counting page views without cookies, consent or any record of who: per address and day, in memory, written in
batches.

``ReadingMiddleware`` sits above the page cache, so a page served from it is counted as one made by a view. It counts
a GET answered 200 with HTML, not from the admin, the account pages, the editors' pages or a preview link, not from
staff (a session cookie: visitors have none), not from known bots or a browser's prefetch. The count is kept in this
process and written, one statement for all the addresses, every ``READING_FLUSH_SECONDS`` or every
``READING_FLUSH_VIEWS`` views, after the response that reaches the bound has been sent; a worker that stops writes
what it has. So a cached page costs a dictionary increment, and the database sees a write a minute per worker. A
worker that is killed loses at most that minute's counts.

A search that found nothing, made by a reader (the same test), is counted by a hash of its text in the cache; its
text is written only when it has been asked ``READING_SEARCH_MISS_MIN`` times that day.
"""

import collections
import datetime
import functools
import hashlib
import itertools
import logging
import re
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import MAX_PATH, PageViews, SearchMiss

logger = logging.getLogger(__name__)

#: User agents that are not readers: search engines, link previews, monitors, scripts, headless browsers.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|uptime|pingdom|lighthouse|"
    r"headless|phantom|curl|wget|python|httpx|go-http|java/|okhttp|libwww|scrapy|node-fetch|axios|feed",
    re.IGNORECASE,
)
#: At most this many addresses are held between writes (the site's pages are far fewer; a bound all the same),
#: written FLUSH_ROWS to a statement.
MAX_PENDING = 20_000
FLUSH_ROWS = 1000

_lock = threading.Lock()
_pending = collections.Counter()
_state = {"views": 0, "since": time.monotonic()}


@functools.lru_cache(maxsize=1024)
def is_bot(agent):
    """Whether a User-Agent is no reader's (none at all, or a bot's); browsers' few strings are looked up once."""
    return not agent or BOTS.search(agent) is not None


def is_reader(request):
    """Whether a GET comes from a reader: not staff (a session cookie: visitors never get one), not a browser's
    prefetch, not a bot or a script. Cheap: it runs for every page served."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    meta = request.META
    if meta.get("HTTP_SEC_PURPOSE", meta.get("HTTP_PURPOSE", "")).startswith("prefetch"):
        return False
    return not is_bot(meta.get("HTTP_USER_AGENT", ""))


def counted(request, response):
    """Whether this request is a reader's view of a public page."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return False
    path = request.path
    return len(path) <= MAX_PATH and not path.startswith(settings.READING_NOT_COUNTED) and is_reader(request)


_day = {"day": None, "until": 0.0}


def today():
    """The site's date, worked out again only when the day it was worked out for has ended."""
    now = time.time()
    if now >= _day["until"]:
        local = timezone.localtime()
        midnight = (local + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        _day.update(day=local.date(), until=min(midnight.timestamp(), now + 3600))
    return _day["day"]


def count(path, day=None):
    """One view of ``path``; returns True when the batch is due to be written."""
    day = day or today()
    with _lock:
        if (path, day) not in _pending and len(_pending) >= MAX_PENDING:
            return True
        _pending[path, day] += 1
        _state["views"] += 1
        return (
            _state["views"] >= settings.READING_FLUSH_VIEWS
            or time.monotonic() - _state["since"] >= settings.READING_FLUSH_SECONDS
        )


def flush():
    """Write what this process has counted: one statement, adding to the day's counts. Kept for the next time if
    the database cannot take it now."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _state["views"] = 0
        _state["since"] = time.monotonic()
    if not batch:
        return 0
    rows = sorted(batch.items())
    table = PageViews._meta.db_table
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # In statements of at most FLUSH_ROWS rows: SQLite takes at most 32,766 parameters in one.
            for chunk in itertools.batched(rows, FLUSH_ROWS):
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {table} (path, day, views) VALUES {values} "  # noqa: S608 - our table, placeholders
                    f"ON CONFLICT (path, day) DO UPDATE SET views = {table}.views + excluded.views",
                    [value for (path, day), views in chunk for value in (path, day, views)],
                )
    except DatabaseError:
        logger.warning("Page views could not be written; kept for the next try", exc_info=True)
        with _lock:
            for key, views in batch.items():
                if key in _pending or len(_pending) < MAX_PENDING:
                    _pending[key] += views
        return 0
    return len(rows)


class ReadingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.READING_COUNT and counted(request, response) and count(request.path):
            response._resource_closers.append(flush)  # written after the response has been sent
        return response


def count_search_miss(query, day=None):
    """A search for ``query`` found nothing. Its text is written once it has been asked often enough that day."""
    query = " ".join(query.casefold().split())[: SearchMiss._meta.get_field("query").max_length]
    if not query:
        return
    day = day or today()
    digest = hashlib.blake2b(query.encode(), digest_size=16).hexdigest()
    key = f"velfaerd:search-miss:{day.isoformat()}:{digest}"
    try:
        asked = 1 if cache.add(key, 1, timeout=2 * 24 * 3600) else cache.incr(key)
    except ValueError:  # gone from the cache between the two calls
        cache.add(key, 1, timeout=2 * 24 * 3600)
        asked = 1
    wanted = settings.READING_SEARCH_MISS_MIN
    if asked < wanted:
        return
    try:
        if asked == wanted:
            SearchMiss.objects.bulk_create([SearchMiss(query=query, day=day, searches=asked)], ignore_conflicts=True)
        else:
            SearchMiss.objects.filter(query=query, day=day).update(searches=F("searches") + 1)
    except DatabaseError:
        logger.warning("A search that found nothing could not be counted", exc_info=True)


def forget_before(day):
    """Remove the counts older than ``day``; returns how many rows."""
    views = PageViews.objects.filter(day__lt=day).delete()[0]
    return views + SearchMiss.objects.filter(day__lt=day).delete()[0]


def kept_since(now=None):
    return (now or timezone.now()).astimezone(timezone.get_current_timezone()).date() - datetime.timedelta(
        days=settings.READING_DAYS
    )
