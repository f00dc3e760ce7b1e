"""The link checker against a local HTTP server: no internet needed."""

import contextlib
import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.core.management import call_command

from tests import factories
from velfaerd.editorial.linkcheck import collect_links
from velfaerd.editorial.models import LinkCheck

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_addresses_allowed(settings):
    """The test server is on this machine: allowed here as an intranet site would allow it (tests below that
    check the refusal turn it off)."""
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = True


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
        elif self.path.partition("?")[0] == "/slow":
            time.sleep(2)
            self.send_response(200)
        elif self.path.startswith("/to-internal"):
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        elif self.path == "/trickle":
            # One byte of the answer every half second, for ever: no single wait is long enough to time out.
            with contextlib.suppress(OSError):
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(40):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.5)
            return
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
        "anchor": "#id_intro",
    }
    assert checks["/slow"].usages[0]["label"] == f"Temaside “{page}”, afsnit “{section}”: tekst"
    # The health page's row opens the form at the field, in its section.
    assert checks["/slow"].usages[0]["anchor"].startswith("#id_parts-")
    assert checks["/slow"].usages[0]["anchor"].endswith("-body")


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


INTERNAL = [
    "http://127.0.0.1:9/",
    "http://localhost:8000/admin/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://2130706433/",  # 127.0.0.1 as one number
    "http://0x7f.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_are_never_fetched(settings, url, server):
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = False
    factories.make_publication(url=url)
    run()
    check = LinkCheck.objects.get()
    assert check.status == "internal"
    assert check.status_code is None
    assert check.error == ""
    assert Handler.hits == {}


def test_a_redirect_into_the_internal_network_is_not_followed(settings, server):
    factories.make_publication(url=f"{server}/to-internal")
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = False
    # The test server itself is on 127.0.0.1, so the first hop is refused here too; pretend it is public.
    real = __import__("velfaerd.editorial.linkcheck", fromlist=["is_internal_ip"]).is_internal_ip
    with mock.patch("velfaerd.editorial.linkcheck.is_internal_ip", lambda ip: ip != "127.0.0.1" and real(ip)):
        run()
    check = LinkCheck.objects.get()
    assert check.status == "internal"
    assert check.redirects == [{"status": 302, "url": f"{server}/to-internal"}]
    assert check.final_url == "http://169.254.169.254/latest/meta-data/"


def test_internal_addresses_are_shown_on_the_health_page(settings, admin_client):
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = False
    factories.make_publication(url="http://169.254.169.254/")
    run()
    page = admin_client.get("/admin/indholdstjek/").content.decode()
    assert "http://169.254.169.254/" in page
    assert "intern adresse – ikke tjekket" in page


def test_a_server_that_trickles_its_answer_is_cut_off_at_the_deadline(server):
    factories.make_publication(url=f"{server}/trickle")
    started = time.monotonic()
    out = io.StringIO()
    call_command("check_links", timeout=1, deadline=1.5, retries=0, stdout=out)
    assert time.monotonic() - started < 5
    check = LinkCheck.objects.get()
    assert check.status == "unreachable"
    assert "1.5 sekunder" in check.error


def test_the_whole_run_is_bounded(server):
    for n in range(3):
        factories.make_publication(url=f"{server}/slow?{n}")
    started = time.monotonic()
    out = io.StringIO()
    call_command("check_links", timeout=5, retries=0, per_host=1, run_deadline=1, stdout=out)
    assert time.monotonic() - started < 4
    checks = list(LinkCheck.objects.all())
    assert len(checks) == 3
    assert all(check.status == "unreachable" for check in checks)
    assert any("tidsgrænse" in check.error for check in checks)


@pytest.mark.django_db(transaction=True)
def test_editors_check_the_links_now_from_the_health_page_and_see_how_far_it_is(admin_client, server):
    from django.core.cache import cache

    from tests.html import visible_text
    from velfaerd.editorial import linkcheck

    cache.delete_many([linkcheck.RUN_KEY, linkcheck.LOCK_KEY])
    factories.make_publication(url=f"{server}/missing")
    factories.make_article(url=f"{server}/ok")
    page = visible_text(admin_client.get("/admin/indholdstjek/").content.decode())
    assert "check_links" not in page  # no command to run: a button
    assert "Tjek linkene nu" in page
    response = admin_client.post("/admin/indholdstjek/tjek-links/")
    assert response.status_code == 302  # at once: the check runs beside the request
    deadline = time.monotonic() + 20
    while (linkcheck.run_status() or {}).get("state") == "running" and time.monotonic() < deadline:
        status = admin_client.get("/admin/indholdstjek/tjek-links/status/").json()
        assert status["state"] in ("running", "done")
        time.sleep(0.1)
    assert linkcheck.run_status()["state"] == "done"
    page = visible_text(admin_client.get("/admin/indholdstjek/").content.decode())
    assert "Tjekket: 2 links, 1 i stykker." in page
    assert f"{server}/missing" in page
    assert LinkCheck.objects.count() == 2
    cache.delete(linkcheck.RUN_KEY)


def test_the_health_page_shows_a_running_check_as_progress(admin_client):
    from django.core.cache import cache

    from velfaerd.editorial import linkcheck

    cache.set(linkcheck.RUN_KEY, {"state": "running", "done": 3, "total": 8})
    html = admin_client.get("/admin/indholdstjek/").content.decode()
    assert '<progress id="link-check-progress" value="3" max="8">' in html
    assert "3 af 8" in html
    cache.delete(linkcheck.RUN_KEY)
