"""A cache that is gone, hung or full costs speed, never a page or a save: visitors get the page rendered without
it, editors get the success they earned, /healthz says "cache: down", and a breaker keeps a hung cache from
costing a time-out per request."""

import errno
import socket
import sqlite3
import threading
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.admin import change_url, save
from velfaerd.caching import versions
from velfaerd.caching.cache import CircuitBreaker
from velfaerd.pages.models import ThemePage

pytestmark = [pytest.mark.django_db(transaction=True)]

PAGE = "/leder/velfaerdsledelse/"


class SilentServer:
    """A TCP server that accepts connections and never answers: a hung Redis (SIGSTOP) as a client meets it."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.sock.close()
        for connection in self.connections:
            connection.close()


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url):
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "default": {
            "BACKEND": "velfaerd.caching.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry": Retry(NoBackoff(), 0)},
        }
    }


@pytest.fixture(autouse=True)
def fresh_breakers():
    CircuitBreaker._breakers.clear()
    versions._checked.update(at=-3600, version=None)
    yield
    CircuitBreaker._breakers.clear()


def save_title(admin_client, title):
    page = ThemePage.objects.get()
    return save(admin_client, change_url(page), "themepage_form", title=title)


def test_with_redis_unreachable_visitors_get_pages_and_editors_saves_succeed(client, admin_client, seeded):
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0"), PAGE_CACHE_SECONDS=600):
        for _ in range(3):
            assert client.get(PAGE).status_code == 200
        response = save_title(admin_client, "Velfærdsledelse under udfald")
        assert response.status_code == 302  # the save was committed, and the editor is told so
        assert ThemePage.objects.get().title == "Velfærdsledelse under udfald"
        assert "Velfærdsledelse under udfald" in client.get(PAGE).content.decode()
        health = client.get("/healthz")
        assert health.status_code == 200
        assert health.content.decode() == "database: ok\ncache: down\n"


def test_a_hung_redis_is_asked_once_then_skipped(client, seeded):
    server = SilentServer()
    try:
        with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{server.port}/0"), PAGE_CACHE_SECONDS=600):
            for _ in range(10):
                assert client.get(PAGE).status_code == 200
            assert client.get("/healthz").status_code == 200
        # The first request met the time-out; the breaker kept the other ten from waiting for it too.
        assert len(server.connections) == 1
    finally:
        server.close()


def test_a_full_cache_disk_costs_no_page_and_no_save(client, admin_client, seeded, tmp_path):
    caches = {"default": {"BACKEND": "velfaerd.caching.cache.FileBasedCache", "LOCATION": str(tmp_path / "cache")}}
    full = mock.patch(
        "django.core.cache.backends.filebased.tempfile.mkstemp",
        side_effect=OSError(errno.ENOSPC, "No space left on device"),
    )
    with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=600), full:
        assert client.get(PAGE).status_code == 200
        assert save_title(admin_client, "Velfærdsledelse, disken fuld").status_code == 302
        assert "Velfærdsledelse, disken fuld" in client.get(PAGE).content.decode()


def test_the_default_disk_cache_that_fails_costs_no_page_and_no_save(client, admin_client, seeded, tmp_path):
    """python-diskcache keeps its index in SQLite: a disk that is full or broken raises sqlite3 errors there."""
    (tmp_path / "cache").mkdir(mode=0o700)
    caches = {"default": {"BACKEND": "velfaerd.caching.cache.DiskCache", "LOCATION": str(tmp_path / "cache")}}
    with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=600):
        assert client.get(PAGE).status_code == 200
        broken = sqlite3.OperationalError("database or disk is full")
        with (
            mock.patch("diskcache.core.Cache.get", side_effect=broken),
            mock.patch("diskcache.core.Cache.set", side_effect=broken),
        ):
            assert client.get(PAGE).status_code == 200
            assert save_title(admin_client, "Velfærdsledelse, disken i stykker").status_code == 302
        assert "Velfærdsledelse, disken i stykker" in client.get(PAGE).content.decode()


def test_after_the_cache_comes_back_an_edit_made_during_the_outage_is_served(client, admin_client, seeded):
    """Redis restarted with its old data: the version it holds is older than the database's, and is mended."""
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        assert "Velfærdsledelse" in client.get(PAGE).content.decode()
        old_data = dict(cache._cache)
        with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
            assert save_title(admin_client, "Ændret under udfaldet").status_code == 302
            assert "Ændret under udfaldet" in client.get(PAGE).content.decode()  # served without the cache
        cache._cache.update(old_data)  # back, with what it held before: the old version and the old page
        # At once, not a second later: the cache's version is older than one this process read meanwhile.
        with mock.patch.object(versions, "VERSION_CHECK_SECONDS", 3600):
            assert "Ændret under udfaldet" in client.get(PAGE).content.decode()


def test_the_default_disk_cache_keeps_its_files_open_between_requests(client, seeded, tmp_path):
    """Django closes every cache after each request; opening diskcache's SQLite files again cost a cached page
    three times its CPU (make bench), so DiskCache keeps them open."""
    (tmp_path / "cache").mkdir(mode=0o700)
    caches = {"default": {"BACKEND": "velfaerd.caching.cache.DiskCache", "LOCATION": str(tmp_path / "cache")}}
    with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=600):
        assert client.get(PAGE).status_code == 200
        assert client.get(PAGE).status_code == 200
        with mock.patch("sqlite3.connect", wraps=sqlite3.connect) as connect:
            for _ in range(3):
                assert client.get(PAGE).status_code == 200
        opened = [call.args[0] for call in connect.call_args_list if str(call.args[0]).endswith("cache.db")]
        assert opened == []
