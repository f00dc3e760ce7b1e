"""A worker gives the memory its requests freed back to the system every MEMORY_TRIM_REQUESTS requests, and freezes
what it loaded after its first request (velfaerd/memory.py), after the response."""

import sys

import pytest

from velfaerd import memory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_glibc_s_trim_is_found_on_linux():
    assert memory._trim is not None
    assert memory._trim(0) in (0, 1)  # 1: memory was given back; 0: there was none to give


def test_every_nth_request_trims_once_it_has_been_answered(client, settings, monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "_trim", calls.append)
    monkeypatch.setattr(memory, "_requests", iter(range(1, 100)))
    settings.MEMORY_TRIM_REQUESTS = 3
    for _ in range(7):
        assert client.get("/healthz").status_code == 200
    assert calls == [0, 0]


def test_a_workers_first_request_freezes_what_it_loaded_once(client):
    """A full pass of the collector then walks only what later requests made, not the worker's 140,000 objects."""
    import gc

    gc.unfreeze()
    memory.connect()  # as a new worker: an earlier test's request has settled this process already
    assert gc.get_freeze_count() == 0
    assert client.get("/healthz").status_code == 200
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # Django, the site's modules, the URLconf
    assert client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() <= frozen  # once (a frozen object no longer referred to is still freed)
