"""Errors reach the people who run the site: mailed to ADMINS, and with SENTRY_DSN reported to a Sentry server
(here a real HTTP server on this machine that receives what sentry-sdk sends), without personal data, with the
request's id."""

import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import brotli
import pytest
from django.core import mail
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_a_500_is_mailed_to_the_admins_without_the_session(settings, monkeypatch, admin_user):
    settings.ADMINS = ["drift@velfaerd.example"]
    monkeypatch.setattr("velfaerd.editorial.health.summary", lambda: 1 / 0)
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 500
    [message] = mail.outbox
    assert message.to == ["drift@velfaerd.example"]
    assert "/admin/" in message.subject
    assert "ZeroDivisionError" in message.body
    assert client.cookies["sessionid"].value not in message.body


class Envelopes(http.server.BaseHTTPRequestHandler):
    """What a Sentry server does with an event: takes the envelope sentry-sdk posts, and answers 200."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        coding = self.headers.get("Content-Encoding")
        if coding == "gzip":
            body = gzip.decompress(body)
        elif coding == "br":
            body = brotli.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    Envelopes.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.mark.django_db(transaction=True)
def test_with_sentry_dsn_an_error_is_reported_without_personal_data(sentry_server):
    """In a process of its own, as the site starts with SENTRY_DSN set (sentry-sdk hooks into Django for good)."""
    database = connection.settings_dict
    url = (
        f"sqlite:///{database['NAME']}"
        if connection.vendor == "sqlite"
        else f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    code = """
import django; django.setup()
from unittest import mock
import sentry_sdk
from django.test import Client
with mock.patch("velfaerd.pages.views.HomeView.get_queryset", side_effect=ZeroDivisionError("hov")):
    response = Client(raise_request_exception=False).get(
        "/", HTTP_X_REQUEST_ID="sentry-test-0001", HTTP_COOKIE="sessionid=hemmelig-session", REMOTE_ADDR="192.0.2.9"
    )
print(response.status_code)
sentry_sdk.flush(timeout=10)
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "velfaerd.settings.test",
        "DATABASE_URL": url,
        "SENTRY_DSN": f"http://offentlig@127.0.0.1:{sentry_server.server_port}/42",
        "SENTRY_ENVIRONMENT": "test",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.strip() == "500", done.stderr
    [(path, body)] = [(path, body) for path, body in Envelopes.received if b'"exception"' in body]
    assert path == "/api/42/envelope/"
    event = json.loads(body.splitlines()[2])
    assert event["environment"] == "test"
    assert event["tags"]["request_id"] == "sentry-test-0001"
    assert event["exception"]["values"][-1]["type"] == "ZeroDivisionError"
    sent = body.decode()
    assert "hemmelig-session" not in sent
    assert "192.0.2.9" not in sent
