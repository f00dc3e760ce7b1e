"""A database that does not answer: visitors get the Danish 503 page with Retry-After, and the log says so once
in a while, not with a traceback per request."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from velfaerd import views
from velfaerd.content.outages import Throttle

pytestmark = pytest.mark.django_db


def test_an_outage_is_a_danish_503_and_one_log_line(seeded, caplog, monkeypatch):
    monkeypatch.setattr(views, "_database_down", Throttle(10))  # as in a new process
    client = Client(raise_request_exception=False)
    caplog.set_level(logging.INFO)
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        responses = [client.get("/leder/velfaerdsledelse/") for _ in range(20)]
    assert {r.status_code for r in responses} == {503}
    assert responses[0]["Retry-After"] == "30"
    assert "no-cache" in responses[0]["Cache-Control"]
    assert "Siden er midlertidigt utilgængelig" in responses[0].content.decode()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "database does not answer" in errors[0].getMessage()
    assert errors[0].exc_info is None


def test_a_fault_of_the_page_is_still_a_500(seeded, monkeypatch):
    client = Client(raise_request_exception=False)
    monkeypatch.setattr("velfaerd.pages.views.ThemePageDetailView.get_object", mock.Mock(side_effect=KeyError("x")))
    response = client.get("/leder/velfaerdsledelse/")
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_while_the_database_is_away_cached_pages_are_served_and_logged_once(tmp_path, caplog, linked_page, monkeypatch):
    """The database really does not answer (its settings point where nothing is): visitors get the pages the cache
    has, and the log says so once in a while, not a traceback per request."""
    from tests.test_probes import database_unreachable
    from velfaerd.caching import versions
    from velfaerd.content.outages import Throttle

    monkeypatch.setattr(versions, "_database_away", Throttle(10))  # as in a new process

    url = linked_page.page.get_absolute_url()
    client = Client(raise_request_exception=False)
    assert client.get(url).status_code == 200  # cached
    caplog.set_level(logging.INFO)
    with database_unreachable(tmp_path):
        responses = []
        for _ in range(20):
            versions._checked["at"] = -3600  # each request is a second later: the version is checked again
            responses.append(client.get(url))
    assert {r.status_code for r in responses} == {200}
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert warnings[0].exc_info is None
