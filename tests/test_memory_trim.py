"""A worker gives the memory its requests freed back to the system every MEMORY_TRIM_REQUESTS requests
(velfaerd/memory.py), after the response."""

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
