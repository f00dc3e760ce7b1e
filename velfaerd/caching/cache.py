"""Cache backends that never take the site down with them, and a cache folder nobody else can write.

The cache only makes the site faster, so a cache that is gone (Redis killed, hung or unreachable; the cache
folder's disk full) must cost visitors and editors nothing but speed: every operation that fails is logged and
answered as a miss ("nothing cached", "nothing stored"), and a circuit breaker then skips the cache for a few
seconds, so a dead or hung cache costs milliseconds per request instead of a time-out each time.
"""

import logging
import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import diskcache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from prometheus_client import Counter

logger = logging.getLogger(__name__)

#: Seconds the cache is skipped after it failed, before it is tried again.
PAUSE_SECONDS = 5.0


#: For /metrics: times a cache was found unavailable and then skipped for a while.
BREAKER_TRIPS = Counter("velfaerd_cache_breaker_trips_total", "Times the cache was found unavailable and skipped")


class CircuitBreaker:
    """Open for ``pause`` seconds after a failure: while open, the cache is not asked at all."""

    _breakers = {}
    _lock = threading.Lock()

    def __init__(self, pause):
        self.pause = pause
        self.open_until = 0.0

    @classmethod
    def for_location(cls, location, pause=PAUSE_SECONDS):
        """One breaker per cache location in this process, shared by its threads."""
        with cls._lock:
            return cls._breakers.setdefault(location, cls(pause))

    @property
    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self):
        self.open_until = time.monotonic() + self.pause
        BREAKER_TRIPS.inc()

    @classmethod
    def open_count(cls):
        """How many of this process's breakers are open now (for /metrics)."""
        with cls._lock:
            return sum(breaker.is_open for breaker in cls._breakers.values())

    def reset(self):
        self.open_until = 0.0


def _fail_soft(name, fallback):
    def method(self, *args, **kwargs):
        if self.breaker.is_open:
            return fallback(*args, **kwargs)
        try:
            return getattr(super(FailSoftMixin, self), name)(*args, **kwargs)
        except self.unavailable as error:
            self.breaker.trip()
            logger.warning(
                "The cache is unavailable (%s: %s); the site goes on without it for %g s.",
                type(error).__name__,
                error,
                self.breaker.pause,
            )
            return fallback(*args, **kwargs)

    method.__name__ = name
    return method


class FailSoftMixin:
    """Answers as a miss when the cache is unavailable (``unavailable``: the exceptions that mean so)."""

    unavailable = (OSError,)

    def __init__(self, location, params):
        super().__init__(location, params)
        self.breaker = CircuitBreaker.for_location(f"{type(self).__name__}:{location}")

    get = _fail_soft("get", lambda key, default=None, version=None: default)
    get_many = _fail_soft("get_many", lambda keys, version=None: {})
    has_key = _fail_soft("has_key", lambda key, version=None: False)
    set = _fail_soft("set", lambda key, value, timeout=DEFAULT_TIMEOUT, version=None: None)
    add = _fail_soft("add", lambda key, value, timeout=DEFAULT_TIMEOUT, version=None: False)
    set_many = _fail_soft("set_many", lambda data, timeout=DEFAULT_TIMEOUT, version=None: list(data))
    touch = _fail_soft("touch", lambda key, timeout=DEFAULT_TIMEOUT, version=None: False)
    delete = _fail_soft("delete", lambda key, version=None: False)
    delete_many = _fail_soft("delete_many", lambda keys, version=None: None)
    clear = _fail_soft("clear", lambda: None)

    def incr(self, key, delta=1, version=None):
        # There is no right "miss" for a counter: the caller is told, as for a missing key.
        if self.breaker.is_open:
            raise ValueError("The cache is unavailable.")
        try:
            return super().incr(key, delta, version)
        except self.unavailable as error:
            self.breaker.trip()
            raise ValueError("The cache is unavailable.") from error

    def is_available(self):
        """Whether the cache answers right now (for /healthz): a value written can be read back."""
        probe = f"velfaerd:probe:{os.getpid()}:{threading.get_ident()}"
        value = time.time_ns()
        self.set(probe, value, timeout=10)
        return self.get(probe) == value


class RedisCache(FailSoftMixin, RedisCache):
    """Django's Redis cache; set short socket time-outs in OPTIONS (the settings do). The redis package is
    imported only by a site that uses it: it costs each worker 6 MB."""

    def __init__(self, location, params):
        from redis.exceptions import RedisError

        super().__init__(location, params)
        self.unavailable = (RedisError, OSError)


class DiskCache(FailSoftMixin, diskcache.DjangoCache):
    """The default cache on one server: python-diskcache, files indexed by SQLite in a folder only this site's
    user may write. Bounded in size (OPTIONS size_limit), the least recently stored entries go first; safe for
    every worker process at once, with atomic increments; writes stay as fast when it is full."""

    unavailable = (OSError, sqlite3.Error, diskcache.Timeout)

    def __init__(self, location, params):
        private_folder(location)
        super().__init__(location, params)

    def close(self, **kwargs):
        """Keeps the connections open: Django closes every cache after each request, and opening diskcache's
        SQLite files again costs more than the hit itself. diskcache opens new ones in a forked process."""


class FileBasedCache(FailSoftMixin, FileBasedCache):
    """Django's file cache, in a folder that only this site's user may write (see ``private_folder``)."""

    def __init__(self, location, params):
        private_folder(location)
        super().__init__(location, params)


def private_folder(path):
    """``path`` as a folder only this process's user can write: made with mode 0700 if it is missing, refused
    (ImproperlyConfigured) if it is a link, belongs to another user or may be written by others.

    Django's file cache unpickles what it finds in its folder: whoever can write there can run code as the site.
    """
    path = Path(path)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError as error:
        raise ImproperlyConfigured(f"The cache folder {path} cannot be made or read: {error}.") from error
    problem = None
    if not stat.S_ISDIR(info.st_mode):
        problem = "is not a folder (a link is not accepted)"
    elif info.st_uid != os.geteuid():
        problem = f"belongs to another user (uid {info.st_uid}, the site runs as uid {os.geteuid()})"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = f"may be written by other users (mode {stat.filemode(info.st_mode)})"
    if problem:
        raise ImproperlyConfigured(
            f"Refusing to use the cache folder {path}: it {problem}. Whoever can write there can run code as "
            f"the site. Remove it, or set DJANGO_CACHE_DIR to a folder of the site's own user with mode 0700."
        )
    return path
