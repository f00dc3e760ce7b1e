"""The front page and a section list a bounded number of theme pages: the front page each section's first ones in
the order editors gave them, with a link to all; a section a page of them at a time."""

import re

import pytest

from tests import factories
from tests.html import visible_text
from velfaerd.pages.views import FRONT_PAGE_PAGES, SECTION_PAGES

pytestmark = pytest.mark.django_db


def listed(html):
    return re.findall(r'<ul class="page-list">(.*?)</ul>', html, re.S)


def titles(block):
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', block)


def test_the_front_page_shows_each_sections_first_pages_and_links_to_all(client):
    section = factories.make_section(title="Leder", slug="leder")
    for n in range(FRONT_PAGE_PAGES + 3):
        factories.make_theme_page(section=section, title=f"Side {n:02d}", order=n)
    factories.make_theme_page(section=section, title="Kladde", is_published=False)
    small = factories.make_section(title="Medarbejder", slug="medarbejder")
    factories.make_theme_page(section=small, title="Eneste side")

    html = client.get("/").content.decode()
    first, second = listed(html)
    assert titles(first) == [f"Side {n:02d}" for n in range(FRONT_PAGE_PAGES)]
    assert titles(second) == ["Eneste side"]
    text = visible_text(html)
    assert f"Alle {FRONT_PAGE_PAGES + 3} sider i Leder" in text
    assert 'href="/leder/">Alle' in html
    assert "Alle 1 side i Medarbejder" not in text  # every page is shown already


def test_a_section_shows_its_pages_a_page_at_a_time(client):
    section = factories.make_section(title="Leder", slug="leder")
    for n in range(SECTION_PAGES + 5):
        factories.make_theme_page(section=section, title=f"Side {n:03d}", order=n)
    first = client.get("/leder/").content.decode()
    assert titles(listed(first)[0]) == [f"Side {n:03d}" for n in range(SECTION_PAGES)]
    assert "Side 1 af 2" in visible_text(first)
    second = client.get("/leder/", {"page": 2}).content.decode()
    assert titles(listed(second)[0]) == [f"Side {n:03d}" for n in range(SECTION_PAGES, SECTION_PAGES + 5)]
    assert 'rel="prev"' in second
