"""Addresses that never break: every address an item has had answers 301, one hop, to its current one; editors
redirect the rest (one at a time, from a CSV file, or when they delete an item); loops are refused; addresses not
found are counted without anything about who asked."""

import datetime
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.admin import change_url, save
from velfaerd.redirects.redirects import NotFound, Redirect

pytestmark = pytest.mark.django_db
THEME_PAGE = "/leder/velfaerdsledelse/"


def one_hop(client, old, new, status=301):
    response = client.get(old)
    assert response.status_code == status, (old, response.status_code)
    assert response["Location"] == new
    assert client.get(new).status_code == 200
    return response


def rename(admin_client, obj, form_id, **changes):
    response = save(admin_client, change_url(obj), form_id, **changes)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_renaming_the_theme_page_keeps_its_old_addresses_working_in_one_hop(admin_client, client, seeded):
    from velfaerd.pages.models import ThemePage

    page = ThemePage.objects.get()
    rename(admin_client, page, "themepage_form", slug="velfaerd")
    one_hop(client, THEME_PAGE, "/leder/velfaerd/")
    assert "/leder/velfaerd/</loc>" in client.get("/sitemap-velfaerd-themepage.xml").content.decode()
    assert "/leder/velfaerd/" in client.get("/feed/").content.decode()
    assert THEME_PAGE not in client.get("/sitemap-velfaerd-themepage.xml").content.decode()

    rename(admin_client, page, "themepage_form", slug="velfaerdsledelse-i-kommunerne")
    new = "/leder/velfaerdsledelse-i-kommunerne/"
    one_hop(client, THEME_PAGE, new)  # not by way of /leder/velfaerd/
    one_hop(client, "/leder/velfaerd/", new)

    # Back to the first address: it is the page's again, and no redirect leads in a loop.
    rename(admin_client, page, "themepage_form", slug="velfaerdsledelse")
    assert client.get(THEME_PAGE).status_code == 200
    one_hop(client, "/leder/velfaerd/", THEME_PAGE)
    one_hop(client, new, THEME_PAGE)
    assert not Redirect.objects.filter(old_path=THEME_PAGE).exists()
    assert Redirect.objects.filter(automatic=True).count() == 2


def test_a_renamed_section_takes_its_pages_old_addresses_along(admin_client, client, seeded):
    from velfaerd.pages.models import Section

    rename(admin_client, Section.objects.get(slug="leder"), "section_form", slug="ledelse")
    one_hop(client, "/leder/", "/ledelse/")
    one_hop(client, THEME_PAGE, "/ledelse/velfaerdsledelse/")


def test_an_item_never_published_leaves_no_redirect(admin_client):
    draft = factories.make_publication(slug="kladde", is_published=False)
    rename(admin_client, draft, "publication_form", slug="kladde-2", _draft=None)
    assert not Redirect.objects.exists()


def test_editors_redirect_an_old_address_and_a_loop_is_refused_in_danish(admin_client, client, seeded):
    response = admin_client.post(
        "/admin/redirects/redirect/add/",
        {"old_path": "https://gammelt.example.dk/velfaerdsledelse.aspx", "new_path": THEME_PAGE, "permanent": "on"},
    )
    assert response.status_code == 302
    one_hop(client, "/velfaerdsledelse.aspx", THEME_PAGE)
    # The query string goes along (campaign links in old newsletters).
    assert (
        client.get("/velfaerdsledelse.aspx?utm_source=nyhedsbrev")["Location"] == f"{THEME_PAGE}?utm_source=nyhedsbrev"
    )

    response = admin_client.post(
        "/admin/redirects/redirect/add/", {"old_path": THEME_PAGE, "new_path": "/velfaerdsledelse.aspx"}
    )
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Det ville sende besøgende rundt i ring tilbage til /leder/velfaerdsledelse/." in text
    assert 'value="/velfaerdsledelse.aspx"' in text  # what the editor typed is kept
    assert Redirect.objects.count() == 1


def test_a_temporary_redirect_and_one_to_another_site(admin_client, client, seeded):
    Redirect.objects.create(old_path="/kampagne/", new_path="/publikationer/", permanent=False)
    one_hop(client, "/kampagne/", "/publikationer/", status=302)
    Redirect.objects.create(old_path="/videncenter/", new_path="https://www.example.org/velfaerdsledelse")
    assert client.get("/videncenter/")["Location"] == "https://www.example.org/velfaerdsledelse"
    # An old site's address without its closing slash finds a redirect made with one, and the other way round.
    assert client.get("/kampagne")["Location"] == "/publikationer/"


def test_a_redirect_never_hides_a_page(client, seeded):
    Redirect.objects.create(old_path=THEME_PAGE, new_path="/publikationer/")
    assert client.get(THEME_PAGE).status_code == 200


def test_a_csv_file_of_old_addresses_is_imported_and_a_bad_one_imports_nothing(admin_client, client, seeded):
    good = (
        "gammel adresse;ny adresse;type\n"
        "/velfaerdsledelse.aspx;/leder/velfaerdsledelse/\n"
        "https://gammelt.example.dk/publikationer/maskinrummet.pdf;/publikationer/maskinrummet/\n"
        "/nyheder/lederundersoegelse;/rapporter/coks-lederundersoegelse-2015/;midlertidig\n"
    )
    page = admin_client.get("/admin/redirects/redirect/")
    assert 'href="/admin/redirects/redirect/importer/"' in page.content.decode()
    response = admin_client.post(
        "/admin/redirects/redirect/importer/", {"file": SimpleUploadedFile("adresser.csv", good.encode())}, follow=True
    )
    assert "3 omdirigeringer blev importeret." in html.unescape(response.content.decode())
    one_hop(client, "/velfaerdsledelse.aspx", THEME_PAGE)
    one_hop(client, "/publikationer/maskinrummet.pdf", "/publikationer/maskinrummet/")
    one_hop(client, "/nyheder/lederundersoegelse", "/rapporter/coks-lederundersoegelse-2015/", status=302)

    bad = "/a/;/b/\n/b/\n/b/;/a/\n"
    response = admin_client.post(
        "/admin/redirects/redirect/importer/", {"file": SimpleUploadedFile("x.csv", bad.encode())}
    )
    text = html.unescape(response.content.decode())
    assert "Intet blev importeret" in text
    assert "Linje 2: der skal både være en gammel og en ny adresse." in text
    assert Redirect.objects.count() == 3

    # Lines that are each fine but lead round in a loop together.
    loop = "/gammel-a/;/gammel-b/\n/gammel-b/;/gammel-a/\n"
    response = admin_client.post(
        "/admin/redirects/redirect/importer/", {"file": SimpleUploadedFile("y.csv", loop.encode())}
    )
    text = html.unescape(response.content.decode())
    assert "Intet blev importeret" in text
    assert "ville sende besøgende rundt i ring" in text
    assert Redirect.objects.count() == 3


def test_deleting_an_item_offers_a_redirect_from_its_address(admin_client, client, seeded):
    publication = factories.make_publication(title="Forældet", slug="foraeldet")
    response = admin_client.post(change_url(publication, "delete"), {"post": "yes"}, follow=True)
    page = html.unescape(response.content.decode())
    offer = re.search(r'adressen /publikationer/foraeldet/ finder nu intet\. <a href="([^"]+)">', page)
    assert offer, page[:3000]
    add = offer.group(1)
    form = admin_client.get(add).content.decode()
    assert 'value="/publikationer/foraeldet/"' in form  # the address is filled in
    assert client.get("/publikationer/foraeldet/").status_code == 404
    admin_client.post(add, {"old_path": "/publikationer/foraeldet/", "new_path": "/publikationer/", "permanent": "on"})
    one_hop(client, "/publikationer/foraeldet/", "/publikationer/")


def test_addresses_not_found_are_counted_without_anything_about_who_asked(admin_client, client, seeded):
    for _ in range(3):
        response = client.get("/gammel/side/?email=someone@example.org", headers={"User-Agent": "Test"})
        assert response.status_code == 404
        assert not response.cookies
    client.get("/kun-en-gang/")
    found = NotFound.objects.get(path="/gammel/side/")
    assert found.hits == 3
    assert [field.name for field in NotFound._meta.get_fields()] == ["id", "path", "hits", "first_seen", "last_seen"]
    found.first_seen -= datetime.timedelta(days=1)  # asked for on several days: editors see it
    found.save()
    assert not NotFound.objects.filter(path__contains="someone").exists()
    health = html.unescape(admin_client.get("/admin/indholdstjek/").content.decode())
    assert "/gammel/side/" in health
    assert "/kun-en-gang/" not in health  # asked for once: a typo, most likely
    assert "/admin/redirects/redirect/add/?old_path=%2Fgammel%2Fside%2F" in health


def test_an_address_not_found_leaves_the_list_once_it_is_redirected(admin_client, client, seeded):
    for _ in range(2):
        client.get("/gammel/side/")
    admin_client.post(
        "/admin/redirects/redirect/add/", {"old_path": "/gammel/side/", "new_path": THEME_PAGE, "permanent": "on"}
    )
    assert not NotFound.objects.exists()
    one_hop(client, "/gammel/side/", THEME_PAGE)
