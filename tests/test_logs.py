"""The log: one line per event, each with the request's id (the one the visitor is shown on the 500 page and the
proxy sent, or one made here), as JSON with DJANGO_LOG_FORMAT=json; nothing of the request's secrets in it."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from velfaerd.logs import JsonLinesFormatter, RequestContext

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def json_log():
    """The root logger's lines as the console handler writes them with DJANGO_LOG_FORMAT=json: parsed, one by one."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonLinesFormatter())
    handler.addFilter(RequestContext())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_every_response_carries_a_request_id_the_proxy_s_if_it_is_sane(client):
    made = client.get("/robots.txt")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/robots.txt")["X-Request-ID"] != made
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID="f3b0c442-98fc-1c14")["X-Request-ID"] == "f3b0c442-98fc-1c14"
    odd = client.get("/robots.txt", HTTP_X_REQUEST_ID='"><script>alert(1)</script>')["X-Request-ID"]
    assert "<" not in odd
    assert len(odd) == 32


def test_a_500_shows_the_visitor_the_id_the_log_has(json_log, monkeypatch, admin_user):
    monkeypatch.setattr("velfaerd.editorial.health.summary", lambda: 1 / 0)
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    response = client.get("/admin/", HTTP_X_REQUEST_ID="proxy-id-0001")
    assert response.status_code == 500
    assert "fejlkode <code>proxy-id-0001</code>" in response.content.decode()
    lines = json_log()
    error = next(line for line in lines if line["logger"] == "django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == "proxy-id-0001"
    assert error["path"] == "/admin/"
    assert error["user_id"] == admin_user.pk  # staff: who met it
    assert "ZeroDivisionError" in error["exc_info"]
    assert {"time", "message"} <= error.keys()
    everything = "\n".join(json.dumps(line) for line in lines)
    assert client.cookies["sessionid"].value not in everything
    assert "Cookie" not in everything


def test_a_visitor_s_line_names_no_user(json_log, monkeypatch):
    monkeypatch.setattr("velfaerd.pages.views.HomeView.get_queryset", lambda self: 1 / 0)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    error = next(line for line in json_log() if line["logger"] == "django.request")
    assert error["request_id"] == response["X-Request-ID"]
    assert error["user_id"] is None


def test_a_refused_host_is_one_warning_line_without_a_traceback(json_log):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="scanner.example")
    assert response.status_code == 400
    [line] = [line for line in json_log() if line["logger"] == "django.security.DisallowedHost"]
    assert line["level"] == "WARNING"
    assert "exc_info" not in line


def run_with(log_format, code):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "velfaerd.settings.development", "DJANGO_LOG_FORMAT": log_format}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_django_log_format_json_writes_one_json_object_per_line():
    done = run_with("json", "import logging; log = logging.getLogger('velfaerd'); log.warning('én'); log.error('to')")
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(line["level"], line["logger"], line["message"]) for line in lines] == [
        ("WARNING", "velfaerd", "én"),
        ("ERROR", "velfaerd", "to"),
    ]
    text = run_with("text", "import logging; logging.getLogger('velfaerd').warning('hej')")
    assert text.stderr.rstrip().endswith("WARNING velfaerd [-] hej")
    wrong = run_with("xml", "")
    assert 'DJANGO_LOG_FORMAT is "text" or "json"' in wrong.stderr
