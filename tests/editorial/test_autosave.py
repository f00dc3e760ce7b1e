"""Unsaved changes kept on the server: each editor's own, gone when the form is saved."""

import json

import pytest

from tests import factories
from tests.admin import change_url, save
from velfaerd.editorial.models import Autosave

pytestmark = pytest.mark.django_db
URL = "/admin/ikke-gemt/"


def keep(client, path, **state):
    return client.post(URL, json.dumps({"path": path, **state}), content_type="application/json")


def test_what_one_editor_keeps_no_other_editor_gets(admin_client, editor_client):
    path = "/admin/publications/publication/1/change/"
    assert keep(admin_client, path, at=1, fields={"title": "Min tekst"}, changed=["title"]).status_code == 204
    assert admin_client.get(URL, {"path": path}).json()["fields"] == {"title": "Min tekst"}
    assert editor_client.get(URL, {"path": path}).status_code == 204


def test_a_save_of_the_form_forgets_what_was_kept(admin_client):
    publication = factories.make_publication()
    path = change_url(publication)
    keep(admin_client, path, at=1, fields={"title": "Ny"}, changed=["title"])
    assert save(admin_client, path, "publication_form", title="Ny").status_code == 302
    assert not Autosave.objects.exists()


def test_only_admin_forms_and_a_bounded_size_are_kept(admin_client, client):
    assert keep(admin_client, "/leder/", at=1, fields={}).status_code == 400
    big = {"path": "/admin/x/", "fields": {"t": "x" * (Autosave.MAX_BYTES + 1)}}
    assert admin_client.post(URL, json.dumps(big), content_type="application/json").status_code == 413
    assert client.get(URL, {"path": "/admin/x/"}).status_code == 302  # visitors are sent to the login
    assert not Autosave.objects.exists()
