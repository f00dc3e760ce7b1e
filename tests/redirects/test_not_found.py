"""Addresses not found are counted within a bound whatever a client sends, and editors see only those visitors
keep asking for."""

import datetime
import html

import pytest
from django.core.cache import cache

from velfaerd.redirects import redirects
from velfaerd.redirects.redirects import NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_address_asked_for_once_writes_nothing(client):
    for n in range(50):
        assert client.get(f"/probe-{n}/").status_code == 404
    assert not NotFound.objects.exists()
    client.get("/probe-7/")
    assert NotFound.objects.get().path == "/probe-7/"
    assert NotFound.objects.get().hits == 2


def test_the_table_is_bounded_and_keeps_the_most_asked_for(client, monkeypatch):
    monkeypatch.setattr(redirects, "MAX_NOT_FOUND", 5)
    for _ in range(10):
        client.get("/gammel-kampagne/")
    for n in range(40):  # a client asking for new addresses twice each
        client.get(f"/angreb-{n}/")
        client.get(f"/angreb-{n}/")
    assert NotFound.objects.count() == 5
    assert NotFound.objects.get(path="/gammel-kampagne/").hits == 10


def test_editors_see_only_what_visitors_keep_asking_for(admin_client, client):
    for _ in range(5):
        client.get("/en-enkelt-byge/")  # many times, but within one burst
    for _ in range(3):
        client.get("/gammel/side/")
    NotFound.objects.filter(path="/gammel/side/").update(
        first_seen=NotFound.objects.get(path="/gammel/side/").first_seen - datetime.timedelta(days=2)
    )
    health = html.unescape(admin_client.get("/admin/indholdstjek/").content.decode())
    assert "/gammel/side/" in health
    assert "/en-enkelt-byge/" not in health
