"""Redirects cannot take the site's own addresses, send visitors elsewhere unasked or go round in a loop; the
CSV import is bounded; an address with a NUL character is 404, never 500."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from velfaerd.redirects.redirects import Redirect

pytestmark = pytest.mark.django_db

ADD = "/admin/redirects/redirect/add/"
IMPORT = "/admin/redirects/redirect/importer/"


def add(client, old, new, **extra):
    response = client.post(ADD, {"old_path": old, "new_path": new, "permanent": "on", **extra})
    return html.unescape(response.content.decode()), response.status_code


@pytest.mark.parametrize(
    "old", ["/admin", "/admin/", "/_nested_admin", "/forhaandsvisning", "/soeg", "/soeg/", "/feed", "/", "/media"]
)
def test_the_sites_own_addresses_cannot_be_redirected(admin_client, old):
    text, status = add(admin_client, old, "/publikationer/")
    assert status == 200
    assert "er en af sitets egne adresser" in text
    assert not Redirect.objects.exists()


def test_a_redirect_made_outside_the_admin_to_admin_is_not_followed(client):
    Redirect.objects.create(old_path="/admin", new_path="https://phishing.example/", external=True)
    response = client.get("/admin")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/admin/"  # Django's own closing slash, not the stored redirect


def test_another_website_only_when_ticked_and_marked_in_the_list(admin_client, client):
    text, status = add(admin_client, "/gammel/", "https://andet.example/side/")
    assert status == 200
    assert "på et andet websted" in text
    assert not Redirect.objects.exists()
    _text, status = add(admin_client, "/gammel/", "https://andet.example/side/", external="on")
    assert status == 302
    assert client.get("/gammel/")["Location"] == "https://andet.example/side/"
    listing = admin_client.get("/admin/redirects/redirect/").content.decode()
    assert "column-leads_outside" in listing


def test_a_full_address_on_the_site_itself_is_kept_as_its_path(admin_client):
    _text, status = add(admin_client, "/gammel/", "http://testserver/publikationer/")
    assert status == 302
    assert Redirect.objects.get().new_path == "/publikationer/"


@pytest.mark.parametrize(("old", "new"), [("/loop-a/", "/loop-a"), ("/loop-b", "/loop-b/")])
def test_a_loop_through_the_closing_slash_is_refused(admin_client, old, new):
    text, status = add(admin_client, old, new)
    assert status == 200
    assert "rundt i ring" in text
    assert not Redirect.objects.exists()


def test_a_large_import_is_refused_plainly_and_a_bad_one_shows_its_first_errors(admin_client):
    big = "".join(f"/gammel-{n}/;/ny-{n}/\n" for n in range(10_001)).encode()
    response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("stor.csv", big)})
    text = html.unescape(response.content.decode())
    assert "Filen har 10001 linjer; der kan højst importeres 10000 ad gangen." in text.replace(".000", "000")
    bad = "".join(f"/gammel-{n}/\n" for n in range(3_000)).encode()
    response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("fejl.csv", bad)})
    text = html.unescape(response.content.decode())
    assert text.count("der skal både være en gammel og en ny adresse") == 50
    assert "2950 fejl mere" in text.replace(".", "")
    assert len(response.content) < 100_000
    huge = b"/a/;/b/\n" * 400_000
    response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("kaempe.csv", huge)})
    assert "større end" in html.unescape(response.content.decode())
    assert not Redirect.objects.exists()


def test_an_import_of_many_lines_takes_a_few_statements(admin_client):
    Redirect.objects.create(old_path="/meget-gammel/", new_path="/gammel-7/")
    lines = "".join(f"/gammel-{n}/;/ny-{n}/\n" for n in range(5_000)).encode()
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(IMPORT, {"file": SimpleUploadedFile("mange.csv", lines)})
    assert response.status_code == 302
    assert Redirect.objects.count() == 5_001
    assert Redirect.objects.get(old_path="/meget-gammel/").new_path == "/ny-7/"  # one hop
    assert len(queries) < 100, len(queries)


@pytest.mark.parametrize("address", ["/a%00b/", "/media/publication/x%00.pdf", "/publikationer/%00/", "/%00"])
def test_an_address_with_a_nul_character_is_not_found(client, address):
    assert client.get(address).status_code == 404
