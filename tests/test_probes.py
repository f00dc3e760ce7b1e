"""/livez and /readyz, as a load balancer meets them: by the instance's IP and port, often, and while the shared
database is away."""

import contextlib
import json
import logging
import socket

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from velfaerd import probes

pytestmark = pytest.mark.django_db(transaction=True)
#: How a load balancer asks: the instance's own address, which is not one of the site's names.
BY_ADDRESS = {"HTTP_HOST": "10.0.0.5:8000"}


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    """Each test as a new worker: nothing found true yet, not shutting down."""
    monkeypatch.setattr(probes, "_known", {"migrated": False, "static": False})
    monkeypatch.setattr(probes, "_shutting_down", probes.threading.Event())


@contextlib.contextmanager
def database_unreachable(tmp_path):
    """The default database really does not answer: its settings point where nothing is."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    else:
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(port))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def probe(path, **headers):
    response = Client().get(path, **BY_ADDRESS, **headers)
    return response, json.loads(response.content)


def test_livez_answers_by_address_without_asking_anything_shared(django_assert_num_queries):
    with django_assert_num_queries(0):
        response, body = probe("/livez")
    assert response.status_code == 200
    assert body == {"live": True}
    assert "no-store" in response["Cache-Control"]


def test_readyz_says_the_instance_is_ready_and_how_the_shared_parts_are(page_cache):
    response, body = probe("/readyz")
    assert response.status_code == 200
    assert body == {
        "ready": True,
        "instance": {"migrations": True, "static_files": True, "shutting_down": False},
        "shared": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_readyz_stays_ready_while_the_database_is_away_and_says_so(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    with database_unreachable(tmp_path):
        responses = [probe("/readyz") for _ in range(5)]
        assert Client(raise_request_exception=False).get("/healthz").status_code == 503  # as before
    for response, body in responses:
        assert response.status_code == 200
        assert body["shared"]["database"] == "down"
        assert body["instance"]["migrations"] == "unknown"
    assert not [r for r in caplog.records if r.name.startswith(("django.request", "velfaerd.probes"))]
    _response, body = probe("/readyz")
    assert body["shared"]["database"] == "ok"
    assert body["instance"]["migrations"] is True


def test_an_instance_whose_migrations_are_not_applied_is_not_ready():
    last = MigrationRecorder.Migration.objects.filter(app="knowledge").latest("id")
    last.delete()
    try:
        response, body = probe("/readyz")
        assert response.status_code == 503
        assert body["instance"]["migrations"] is False
    finally:
        MigrationRecorder.Migration.objects.create(app=last.app, name=last.name)
    assert probe("/readyz")[0].status_code == 200


def test_an_instance_shutting_down_is_not_ready_and_logs_nothing_per_probe(caplog):
    caplog.set_level(logging.INFO)
    probes.begin_shutdown()
    for _ in range(3):
        response, body = probe("/readyz")
        assert response.status_code == 503
        assert body["instance"]["shutting_down"] is True
    assert probe("/livez")[0].status_code == 200  # alive still: the requests under way finish
    assert caplog.records == []


def test_other_methods_and_addresses_go_to_the_site():
    assert Client().post("/readyz", **BY_ADDRESS).status_code == 400  # the Host check applies again
    assert Client().get("/readyz/").status_code == 404


def test_a_worker_told_to_stop_says_it_is_not_ready(monkeypatch):
    """deploy/gunicorn.conf.py's hook: the SIGTERM gunicorn sends a worker makes its /readyz 503 at once, and the
    worker's own handling of the signal still runs (here, gunicorn's is stood in for by a recorder)."""
    import os
    import runpy
    import signal
    from pathlib import Path

    config = runpy.run_path(str(Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"))
    handled = []
    before = signal.signal(signal.SIGTERM, lambda signum, frame: handled.append(signum))
    try:
        config["post_worker_init"](worker=None)
        os.kill(os.getpid(), signal.SIGTERM)
        assert handled == [signal.SIGTERM]  # gunicorn's own stop goes on
        response, body = probe("/readyz")
        assert response.status_code == 503
        assert body["instance"]["shutting_down"] is True
    finally:
        signal.signal(signal.SIGTERM, before)
