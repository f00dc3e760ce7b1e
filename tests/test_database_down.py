"""A database that does not answer: visitors get the Danish 503 page with Retry-After, and the log says so once
in a while, not with a traceback per request."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from velfaerd import views

pytestmark = pytest.mark.django_db


def test_an_outage_is_a_danish_503_and_one_log_line(seeded, caplog, monkeypatch):
    monkeypatch.setitem(views._database_down_logged, "at", -1e9)
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
