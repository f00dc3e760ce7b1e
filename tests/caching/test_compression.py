"""Pages go compressed (brotli, else gzip) to clients that accept it, from the page cache without compressing
again; a response that may hold a secret (a CSRF token, a session) never is (BREACH)."""

import gzip
from unittest import mock

import brotli
import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from velfaerd.caching import compression

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("identity", None),
        ("", None),
        ("br;q=nonsense", None),
    ],
)
def test_the_coding_is_the_best_the_client_accepts(header, coding):
    assert compression.accepted(RequestFactory().get("/", headers={"Accept-Encoding": header})) == coding


@pytest.mark.parametrize("cached", [False, True], ids=["made now", "from the page cache"])
def test_a_page_goes_compressed_each_way_and_reads_the_same(client, linked_page, settings, cached, request):
    if cached:
        request.getfixturevalue("page_cache")
    else:
        settings.PAGE_CACHE_SECONDS = 0
    theme_page = linked_page.page.get_absolute_url()
    plain = client.get(theme_page)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    html = plain.content.decode()
    assert linked_page.page.title in html
    as_br = client.get(theme_page, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert as_br["Content-Encoding"] == "br"
    assert "Accept-Encoding" in as_br["Vary"]
    assert int(as_br["Content-Length"]) == len(as_br.content) < len(plain.content) / 2
    as_gzip = client.get(theme_page, headers={"Accept-Encoding": "gzip"})
    assert as_gzip["Content-Encoding"] == "gzip"
    assert brotli.decompress(as_br.content).decode() == html
    assert gzip.decompress(as_gzip.content).decode() == html


def test_a_hit_in_the_page_cache_compresses_nothing_and_answers_304_to_a_client_that_has_it(
    client, linked_page, page_cache
):
    theme_page = linked_page.page.get_absolute_url()
    first = client.get(theme_page, headers={"Accept-Encoding": "br"})
    assert first["Content-Encoding"] == "br"
    with mock.patch.object(compression.brotli, "compress", side_effect=AssertionError("compressed again")):
        again = client.get(theme_page, headers={"Accept-Encoding": "br"})
        assert again.content == first.content
        assert again["ETag"].startswith('W/"')  # the page, in other bytes
        plain = client.get(theme_page)
        assert not plain["ETag"].startswith("W/")
        not_modified = client.get(theme_page, headers={"Accept-Encoding": "br", "If-None-Match": again["ETag"]})
    assert not_modified.status_code == 304
    assert "Accept-Encoding" in not_modified["Vary"]


def test_a_response_with_a_csrf_token_is_never_compressed(client):
    login = client.get("/konto/login/", headers={"Accept-Encoding": "br, gzip"})
    assert 'name="csrfmiddlewaretoken"' in login.content.decode()
    assert "Content-Encoding" not in login


def test_staff_pages_are_never_compressed(editor_client, linked_page):
    for path in ("/admin/", linked_page.page.get_absolute_url()):
        response = editor_client.get(path, headers={"Accept-Encoding": "br, gzip"})
        assert response.status_code == 200
        assert "Content-Encoding" not in response, path


def test_what_is_too_small_or_compressed_already_is_sent_as_it_is(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    robots = client.get("/robots.txt", headers={"Accept-Encoding": "br"})
    assert len(robots.content) < compression.MIN_BYTES
    assert "Content-Encoding" not in robots
    pdf = HttpResponse(b"%PDF-" + b"x" * 2000, content_type="application/pdf")
    request = RequestFactory().get("/", headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in compression.CompressionMiddleware(lambda request: pdf)(request)
