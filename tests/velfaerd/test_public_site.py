"""What visitors see beyond the theme page: lists, themes, search, feeds, images, documents and metadata."""

import datetime
import gzip
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from imagekit.cachefiles import ImageCacheFile
from PIL import Image

from tests import factories
from tests.html import visible_text
from velfaerd.core.images import Rendition

pytestmark = pytest.mark.django_db


def test_a_vague_call_to_action_says_what_it_opens_to_screen_readers(client, seeded):
    html = client.get("/leder/velfaerdsledelse/").content.decode()
    assert 'Du kan læse rapporten her<span class="visually-hidden">: COK´s lederundersøgelse 2015</span></a>' in html
    assert 'Læs artiklen på Lederweb<span class="visually-hidden">: Ud med dokumentationstyranniet' in html
    # A text that names its target gets nothing more.
    assert "Læs publikationen MASKINRUMMET</a>" in html


def test_accessibility_statement_at_its_short_address_and_in_the_footer(client, seeded):
    response = client.get("/was")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Tilgængelighedserklæring" in visible_text(page.content.decode())
    assert 'href="/was">Tilgængelighedserklæring</a>' in client.get("/").content.decode()


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


def test_publication_list_is_paginated(client):
    for n in range(13):
        factories.make_publication(title=f"P{n:02}", year=2000 + n)
    first = client.get("/publikationer/").content.decode()
    second = client.get("/publikationer/", {"page": 2}).content.decode()
    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 1
    assert "Side 2 af 2" in visible_text(second)
    assert client.get("/publikationer/", {"page": 9}).status_code == 404


def test_lists_of_articles_and_reports_and_a_theme_page(client):
    theme = factories.make_theme(name="Ledelsesrum", slug="ledelsesrum")
    article = factories.make_article(title="En artikel")
    report = factories.make_report(title="En rapport")
    link = factories.make_knowledge_link(name="Et videncenter")
    for item in (article, report, link):
        item.themes.add(theme)
    factories.make_article(title="Skjult artikel", is_published=False).themes.add(theme)
    assert "En artikel" in client.get("/artikler/").content.decode()
    assert "En rapport" in client.get("/rapporter/").content.decode()
    text = visible_text(client.get("/temaer/ledelsesrum/").content.decode())
    assert "En artikel" in text
    assert "En rapport" in text
    assert "Et videncenter" in text
    assert "Skjult artikel" not in text
    assert "Ledelsesrum" in visible_text(client.get("/temaer/").content.decode())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_search_fallback_finds_exact_words(client, seeded):
    text = visible_text(client.get("/soeg/", {"q": "ledere"}).content.decode())
    assert "resultater for “ledere”" in text
    assert "COK´s lederundersøgelse 2015" in text
    html = client.get("/soeg/", {"q": "ledere"}).content.decode()
    assert "<mark>ledere</mark>" in html
    # Exact words: "ledern" is not a word of the text.
    assert "Der blev ikke fundet noget" in visible_text(client.get("/soeg/", {"q": "ledern"}).content.decode())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Danish full-text search needs PostgreSQL")
def test_search_finds_ledere_when_asked_for_leder_on_postgresql(client, seeded):
    html = client.get("/soeg/", {"q": "leder"}).content.decode()
    assert "COK´s lederundersøgelse 2015" in visible_text(html)
    assert "<mark>ledere</mark>" in html


def test_search_states_and_limits(client, seeded):
    empty = visible_text(client.get("/soeg/").content.decode())
    assert "Søg i publikationer, rapporter, artikler og temasider." in empty
    too_long = client.get("/soeg/", {"q": "x" * 201})
    assert too_long.status_code == 200
    assert "Søgningen må højst være 200 tegn lang." in visible_text(too_long.content.decode())
    nothing = visible_text(client.get("/soeg/", {"q": "zebrafinke"}).content.decode())
    assert "Der blev ikke fundet noget for “zebrafinke”." in nothing


def test_search_never_finds_drafts(client):
    factories.make_article(title="Hemmelig zebrafinke", is_published=False)
    factories.make_publication(title="Planlagt zebrafinke", publish_at=timezone.now() + datetime.timedelta(days=1))
    section = factories.add_page_section(factories.make_theme_page(is_published=False), heading="Skjult zebrafinke")
    assert section.pk
    text = visible_text(client.get("/soeg/", {"q": "zebrafinke"}).content.decode())
    assert "Der blev ikke fundet noget" in text


def test_search_escapes_what_it_shows(client):
    factories.make_article(title="Om <script> og ledelse", standfirst="Ledelse & <b>tillid</b>.")
    html = client.get("/soeg/", {"q": "ledelse"}).content.decode()
    # The article is found, its title shown as text, its excerpt as escaped text with only the hit marked.
    assert "Om &lt;script&gt; og ledelse" in html
    assert "<mark>Ledelse</mark> &amp; tillid" in html
    assert "<script>" not in html.split("</header>", 1)[1]
    assert "<b>tillid</b>" not in html


def test_feed_sitemap_and_robots(client, seeded):
    factories.make_article(title="Kladde i feedet", is_published=False, slug="kladde")
    feed = client.get("/feed/").content.decode()
    assert "<title>Velfærd: nyt indhold</title>" in feed
    assert "Ud med dokumentationstyranniet og ind med tillid" in feed
    assert "Kladde i feedet" not in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/leder/velfaerdsledelse/" in sitemap
    assert "/publikationer/maskinrummet/" in sitemap
    assert "/artikler/kladde/" not in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_canonical_open_graph_and_structured_data(client, seeded):
    html = client.get("/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/?utm_source=x").content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/">'
        in html
    )
    assert '<meta property="og:title" content="Ud med dokumentationstyranniet og ind med tillid">' in html
    assert '<meta property="og:type" content="article">' in html
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    data = json.loads(block)
    assert data["@type"] == "Article"
    assert data["author"] == {"@type": "Person", "name": "Hildebrandt"}
    assert data["publisher"]["name"] == "Lederweb"

    report = client.get("/rapporter/coks-lederundersoegelse-2015/").content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', report)
    assert json.loads(block)["@type"] == "Report"
    assert '<meta name="description" content="COK har i 2015' in report


def test_structured_data_cannot_break_out_of_its_script(client):
    article = factories.make_article(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


def test_the_500_page_is_danish_and_shows_no_internals(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html
    assert "Traceback" not in html


def test_theme_page_html_and_css_are_small(client, seeded):
    html = client.get("/leder/velfaerdsledelse/").content
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_bytes()
    total = len(gzip.compress(html)) + len(gzip.compress(css))
    assert total < 30 * 1024, total


def test_search_excerpts_escape_what_a_plain_field_holds(client):
    factories.make_article(title="Tillid", standfirst="Ledelse <img src=x onerror=alert(1) og tillid")
    html = client.get("/soeg/", {"q": "tillid"}).content.decode()
    assert "<img" not in html
    assert "Tillid" in html
