"""Menus editors change: the main menu and the footer's links, edited in the admin with drafts and history, shown
on every page at once (page cache on), every link answering or refused when saved."""

import pytest
from django.test import Client

from tests.admin import admin_form, change_url, save
from tests.html import visible_text
from velfaerd.pages.models import Menu, MenuItem


def nav(html, label):
    """The link texts of the navigation named ``label``."""
    import re

    block = re.search(rf'<nav aria-label="{label}">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r"<a [^>]*>([^<]+)</a>", block)


@pytest.mark.django_db
def test_every_menu_link_of_the_site_answers(client, seeded):
    links = list(MenuItem.objects.values_list("address", flat=True))
    assert len(links) >= 10
    for address in links:
        assert client.get(address).status_code == 200, address
    html = client.get("/").content.decode()
    assert nav(html, "Hovedmenu") == ["Leder", "Publikationer", "Rapporter", "Artikler", "Temaer", "Søg"]
    assert nav(html, "Sidefod") == ["Hjem", "Leder", "Tilgængelighedserklæring", "Privatliv", "Nyhedsfeed (RSS)"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("/findes-ikke/", "Der er ingen side for besøgende på /findes-ikke/ (den svarer 404). Tjek adressen."),
        ("/admin/", "Der er ingen side for besøgende på /admin/ (den svarer 302). Tjek adressen."),
        ("javascript:alert(1)", "“javascript:alert(1)” er ikke en adresse."),
        ("/was", "/was er flyttet til /om/tilgaengelighedserklaering/. Brug den nye adresse."),
    ],
)
def test_a_link_that_does_not_answer_is_refused_with_what_was_typed_kept(admin_client, seeded, address, error):
    menu = Menu.objects.get(key=Menu.MAIN)
    url = change_url(menu)
    first = MenuItem.objects.filter(menu=menu).first()
    typed = {"items-0-address": address, "items-0-text": "Ny"}
    response = admin_client.post(url, admin_form(admin_client, url, **typed))
    assert response.status_code == 200
    html = response.content.decode()
    assert error in visible_text(html)
    assert f'value="{address}"' in html.replace("&amp;", "&") or address in html
    first.refresh_from_db()
    assert first.address == "/leder/"  # nothing saved


@pytest.mark.django_db
def test_an_address_elsewhere_or_typed_without_https_is_taken(admin_client, seeded):
    menu = Menu.objects.get(key=Menu.FOOTER)
    assert save(admin_client, change_url(menu), **{"items-0-address": "www.kl.dk"}).status_code == 302
    assert MenuItem.objects.filter(menu=menu).first().address == "https://www.kl.dk"


@pytest.mark.django_db(transaction=True)  # the page cache follows commits
def test_a_menu_change_shows_on_every_page_at_once_and_is_in_its_history(admin_client, seeded, page_cache):
    visitor = Client()
    pages = ["/", "/leder/velfaerdsledelse/", "/publikationer/", "/om/privatliv/"]
    for path in pages:
        visitor.get(path)
    assert visitor.get("/").from_page_cache is True
    menu = Menu.objects.get(key=Menu.MAIN)
    themes = MenuItem.objects.get(menu=menu, text="Temaer")
    index = list(menu.items.order_by("order", "pk")).index(themes)
    typed = {f"items-{index}-text": "Ledelsestemaer", "change_note": "Nyt navn"}
    changed = save(admin_client, change_url(menu), **typed)
    assert changed.status_code == 302
    for path in pages:
        assert "Ledelsestemaer" in nav(visitor.get(path).content.decode(), "Hovedmenu"), path
    history = visible_text(admin_client.get(change_url(menu, "history")).content.decode())
    assert "Nyt navn" in history


@pytest.mark.django_db(transaction=True)
def test_a_draft_of_a_menu_is_not_shown_until_it_is_published(admin_client, seeded, page_cache):
    visitor = Client()
    menu = Menu.objects.get(key=Menu.MAIN)
    search = list(menu.items.order_by("order", "pk")).index(MenuItem.objects.get(menu=menu, text="Søg"))
    kept = save(admin_client, change_url(menu), button="_draft", **{f"items-{search}-text": "Find"})
    assert kept.status_code == 302
    assert "Find" not in nav(visitor.get("/").content.decode(), "Hovedmenu")
    assert "Søg" in nav(visitor.get("/").content.decode(), "Hovedmenu")
    assert save(admin_client, change_url(menu)).status_code == 302  # "Udgiv" from the draft
    assert "Find" in nav(visitor.get("/").content.decode(), "Hovedmenu")


@pytest.mark.django_db
def test_the_menus_are_there_after_migrate_and_cannot_be_added_or_deleted(admin_client):
    assert sorted(Menu.objects.values_list("key", flat=True)) == ["footer", "main"]
    assert admin_client.get("/admin/velfaerd/menu/add/").status_code == 403
    menu = Menu.objects.get(key=Menu.MAIN)
    assert admin_client.get(change_url(menu, "delete")).status_code == 403


@pytest.mark.django_db
def test_a_menus_form_has_no_reading_figures_of_a_page(admin_client):
    html = admin_client.get(change_url(Menu.objects.get(key=Menu.MAIN))).content.decode()
    assert "reading-line" not in html
