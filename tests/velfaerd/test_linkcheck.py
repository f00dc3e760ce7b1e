"""The link checker against a local HTTP server: no internet needed."""

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from tests import factories
from velfaerd.linkcheck import collect_links
from velfaerd.models import LinkCheck

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    hits = {}

    def do_GET(self):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/error":
            self.send_response(500)
        elif self.path == "/flaky":
            self.send_response(503 if Handler.hits[self.path] == 1 else 200)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(**options):
    out = io.StringIO()
    call_command("check_links", timeout=0.5, retries=1, stdout=out, **options)
    return out.getvalue()


def test_the_six_cases_are_classified_in_bounded_time(server, closed_port):
    page = factories.make_theme_page(intro=f'<p><a href="{server}/missing">Den manglende rapport</a></p>')
    section = factories.add_page_section(page, body=f'<p><a href="{server}/slow">En langsom side</a></p>')
    factories.make_publication(url=f"{server}/ok")
    factories.make_article(url=f"{server}/moved")
    factories.make_knowledge_link(url=f"{server}/error")
    factories.make_report(url=f"http://127.0.0.1:{closed_port}/")

    started = time.monotonic()
    output = run()
    elapsed = time.monotonic() - started

    checks = {check.url.removeprefix(server): check for check in LinkCheck.objects.all()}
    assert checks["/ok"].status == "ok"
    assert checks["/ok"].status_code == 200
    assert checks["/moved"].status == "redirect"
    assert checks["/moved"].final_url == f"{server}/ok"
    assert checks["/moved"].redirects == [{"status": 301, "url": f"{server}/moved"}]
    assert checks["/missing"].status == "broken"
    assert checks["/missing"].status_code == 404
    assert checks["/error"].status == "broken"
    assert checks["/error"].status_code == 500
    assert checks["/slow"].status == "unreachable"
    assert "0.5 sekunder" in checks["/slow"].error
    closed = checks[f"http://127.0.0.1:{closed_port}/"]
    assert closed.status == "unreachable"
    assert closed.error
    # Two tries of 0.5 s at most for the slow one, concurrently with the rest.
    assert elapsed < 6
    assert "6 links checked, 4 broken." in output

    # Where each link is used is stored with it.
    [usage] = checks["/missing"].usages
    assert usage == {
        "label": f"Temaside “{page}”: indledning",
        "app_label": "velfaerd",
        "model_name": "themepage",
        "pk": page.pk,
    }
    assert checks["/slow"].usages[0]["label"] == f"Temaside “{page}”, afsnit “{section}”: tekst"


def test_transient_errors_are_retried(server):
    factories.make_publication(url=f"{server}/flaky")
    run()
    check = LinkCheck.objects.get()
    assert check.status == "ok"
    assert Handler.hits["/flaky"] == 2


def test_a_500_is_retried_then_reported(server):
    factories.make_publication(url=f"{server}/error")
    run()
    assert LinkCheck.objects.get().status == "broken"
    assert Handler.hits["/error"] == 2


def test_quiet_prints_nothing(server):
    factories.make_publication(url=f"{server}/missing")
    assert run(quiet=True) == ""
    assert LinkCheck.objects.get().status == "broken"


def test_links_no_longer_used_are_forgotten(server):
    publication = factories.make_publication(url=f"{server}/ok")
    run()
    publication.url = ""
    publication.save()
    run()
    assert not LinkCheck.objects.exists()


def test_only_external_addresses_are_collected():
    factories.make_theme_page(
        intro='<p><a href="/leder/">intern</a> <a href="mailto:a@example.org">mail</a> '
        '<a href="https://example.org/x">ekstern</a></p>'
    )
    assert list(collect_links()) == ["https://example.org/x"]
