"""Publications and their lists as visitors see them: covers, documents, filters and pages."""

import datetime
import re

import pytest
from imagekit.cachefiles import ImageCacheFile
from PIL import Image

from tests import factories
from tests.html import visible_text
from velfaerd.content.images import Rendition

pytestmark = pytest.mark.django_db


def test_covers_are_webp_renditions_with_srcset_and_size(client):
    publication = factories.make_publication(cover=factories.image_file(1200, 1600), cover_alt="Forsiden af magasinet")
    html = client.get(publication.get_absolute_url()).content.decode()
    [img] = re.findall(r"<img [^>]*>", html)
    assert 'alt="Forsiden af magasinet"' in img
    assert 'width="960" height="1280"' in img
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [240, 480, 960]
    assert "loading" not in img  # the detail page's cover is above the fold
    rendition = ImageCacheFile(Rendition(publication.cover, 240))
    assert srcset.startswith(f"{rendition.url} 240w")
    with rendition.storage.open(rendition.name) as file:
        image = Image.open(file)
        assert (image.format, image.width, image.height) == ("WEBP", 240, 320)

    card = re.findall(r"<img [^>]*>", client.get("/publikationer/").content.decode())[0]
    assert 'loading="lazy"' in card
    assert 'width="' in card
    assert 'height="' in card


def test_a_small_cover_is_not_enlarged(client):
    publication = factories.make_publication(cover=factories.image_file(300, 400), cover_alt="Forside")
    img = re.findall(r"<img [^>]*>", client.get(publication.get_absolute_url()).content.decode())[0]
    assert re.findall(r" (\d+)w", img) == ["240", "300"]
    assert 'width="300" height="400"' in img


def test_without_a_cover_the_card_is_typographic(client):
    factories.make_publication(title="Brobyggerne")
    html = client.get("/publikationer/").content.decode()
    assert '<div class="card__cover card__cover--text" aria-hidden="true"><span>Brobyggerne</span></div>' in html


def test_document_links_say_type_and_size(client):
    report = factories.make_report(document=factories.pdf_file(2411724))
    html = client.get(report.get_absolute_url()).content.decode()
    assert re.search(r"Hent .*\(PDF, 2,3\xa0MB\)", visible_text(html).replace(" MB", "\xa0MB"))


def test_a_document_s_size_is_kept_at_upload_and_a_page_asks_the_storage_nothing(client, monkeypatch):
    from django.core.files.storage import default_storage

    report = factories.make_report(document=factories.pdf_file(2411724))
    assert report.document_bytes == default_storage.size(report.document.name)

    def asked(name):
        raise AssertionError(f"the page asked the file storage for the size of {name}")

    monkeypatch.setattr(type(default_storage._wrapped), "size", lambda self, name: asked(name))
    report.title = "Ny titel"
    report.save()  # a save that keeps the file keeps its size, without asking either
    html = client.get(report.get_absolute_url()).content.decode()
    assert "(PDF, 2,3" in html
    report.document = ""
    report.save()
    assert report.document_bytes is None


def test_publication_list_filters_by_theme_organisation_and_year(client):
    theme = factories.make_theme(slug="mening")
    publisher = factories.make_organisation(slug="mandag-morgen")
    tagged = factories.make_publication(title="Med tema", year=2016)
    tagged.themes.add(theme)
    published = factories.make_publication(title="Fra forlaget", year=2015)
    published.publishers.add(publisher)
    factories.make_publication(title="Anden", year=2015)
    factories.make_publication(title="Kladde", is_published=False, year=2016)

    def titles(query):
        return re.findall(
            r'class="card__title"><a href="[^"]+">([^<]+)</a>', client.get("/publikationer/", query).content.decode()
        )

    assert sorted(titles({})) == ["Anden", "Fra forlaget", "Med tema"]
    assert titles({"tema": "mening"}) == ["Med tema"]
    assert titles({"organisation": "mandag-morgen"}) == ["Fra forlaget"]
    assert sorted(titles({"aar": "2015"})) == ["Anden", "Fra forlaget"]
    assert titles({"aar": "2015", "organisation": "mandag-morgen"}) == ["Fra forlaget"]
    # A filter that matches nothing, or is not valid, says so in Danish and never fails.
    response = client.get("/publikationer/", {"tema": "findes-ikke"})
    assert response.status_code == 200
    assert "Vælg et af valgene på listen." in response.content.decode()


def test_the_year_filter_offers_each_year_of_what_visitors_can_find_newest_first(client, django_assert_num_queries):
    from django.utils import timezone

    from publications.models import Publication
    from publications.views import years_of

    for year in (2019, 2015, 2019, 2003, 2015, None):
        factories.make_publication(year=year)
    factories.make_publication(year=2024, is_published=False)
    past = timezone.now() - datetime.timedelta(days=2)
    factories.make_publication(year=2025, publish_at=past, expire_at=past + datetime.timedelta(days=1))
    factories.make_publication(year=2026, publish_at=timezone.now() + datetime.timedelta(days=1))
    with django_assert_num_queries(1):  # one walk down the index, whatever the number of years
        assert years_of(Publication.objects.published()) == [2019, 2015, 2003]
    assert years_of(Publication.objects.published().filter(year__lt=2003)) == []
    html = client.get("/publikationer/").content.decode()
    options = re.search(r'<select name="aar".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d*)"', options) == ["", "2019", "2015", "2003"]


def test_publication_list_is_paginated(client):
    for n in range(13):
        factories.make_publication(title=f"P{n:02}", year=2000 + n)
    first = client.get("/publikationer/").content.decode()
    second = client.get("/publikationer/", {"page": 2}).content.decode()
    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 1
    assert "Side 2 af 2" in visible_text(second)
    assert client.get("/publikationer/", {"page": 9}).status_code == 404
