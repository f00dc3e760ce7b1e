"""What visitors see beyond the theme page: lists, themes, search, feeds, images, documents and metadata."""

import json
import re

import pytest

from tests import factories
from tests.html import visible_text

pytestmark = pytest.mark.django_db


def test_a_vague_call_to_action_says_what_it_opens_to_screen_readers(client, linked_page):
    html = client.get(linked_page.page.get_absolute_url()).content.decode()
    report = linked_page.report.title
    assert f'Du kan læse rapporten her<span class="visually-hidden">: {report}</span></a>' in html
    # A text that names its target gets nothing more.
    assert f"Læs {linked_page.publication.title}</a>" in html


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


def test_feed_sitemap_and_robots(client, linked_page):
    factories.make_article(title="Kladde i feedet", is_published=False, slug="kladde")
    feed = client.get("/feed/").content.decode()
    assert "<title>Velfærd: nyt indhold</title>" in feed
    assert linked_page.article.title in feed
    assert "Kladde i feedet" not in feed
    # An index of sections, each a sitemap of its own.
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    sections = re.findall(r"<loc>http://testserver(/sitemap-[\w-]+\.xml)</loc>", index)
    assert "/sitemap-velfaerd-themepage.xml" in sections
    assert "/sitemap-publications-publication.xml" in sections
    sitemap = "".join(client.get(section).content.decode() for section in sections)
    assert f"http://testserver{linked_page.page.get_absolute_url()}" in sitemap
    assert linked_page.publication.get_absolute_url() in sitemap
    assert "/artikler/kladde/" not in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    # Crawlers may read the search page, or they could never see that it asks not to be indexed.
    assert "/soeg/" not in robots.content.decode()
    assert '<meta name="robots" content="noindex, follow">' in client.get("/soeg/?q=ledelse").content.decode()


def test_a_page_that_is_not_found_names_no_canonical_address_and_asks_not_to_be_indexed(client):
    response = client.get("/publikationer/findes-ikke/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'rel="canonical"' not in html
    assert 'property="og:url"' not in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_publications_filter_is_sent_to_the_list_itself(client, linked_page):
    html = client.get("/publikationer/").content.decode()
    assert 'action=""' not in html
    assert '<form class="filters" method="get" action="/publikationer/">' in html


def test_the_sitemap_is_split_into_pages_and_its_index_reads_no_items(client, linked_page, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from velfaerd.seo import sitemaps

    for _ in range(5):
        factories.make_article()  # and the page's own: 6
    monkeypatch.setattr(sitemaps.PublishedSitemap, "limit", 2)
    with CaptureQueriesContext(connection) as queries:
        index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-articles-article.xml?p=3" in index  # 6 articles, 2 a page
    assert "<lastmod>" in index
    assert not any('"articles_article"."body"' in q["sql"] for q in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/sitemap-articles-article.xml?p=3").content.decode()
    assert page.count("<url>") == 2
    # A page reads what addresses and dates are made of, not the texts (a page of 1,000 articles took 28 MB).
    assert not any('"articles_article"."body"' in q["sql"] for q in queries.captured_queries)
    response = client.get("/sitemap-velfaerd-themepage.xml")
    assert response.status_code == 200
    theme_pages = response.content.decode()
    assert f"{linked_page.page.get_absolute_url()}</loc>" in theme_pages  # its section's slug and its own


def main_entity(page_html):
    """The item a page is about, from its JSON-LD graph (tests/pages/test_structured_data.py checks the rest)."""
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html):
        data = json.loads(block)
        for node in data.get("@graph", []):
            if node["@id"].endswith("#indhold"):
                return node
    raise AssertionError("no main entity")


def test_canonical_open_graph_and_structured_data(client):
    factories.make_article(
        title="Ud med dokumentationstyranniet og ind med tillid",
        slug="ud-med-dokumentationstyranniet-og-ind-med-tillid",
        author="Hildebrandt",
        source=factories.make_organisation(name="Lederweb"),
    )
    factories.make_report(
        title="COK´s lederundersøgelse 2015",
        slug="coks-lederundersoegelse-2015",
        summary="<p>COK har i 2015 spurgt ledere om deres arbejde.</p>",
    )
    html = client.get("/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/?utm_source=x").content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/">'
        in html
    )
    assert '<meta property="og:title" content="Ud med dokumentationstyranniet og ind med tillid">' in html
    assert '<meta property="og:type" content="article">' in html
    data = main_entity(html)
    assert data["@type"] == "Article"
    assert data["author"] == {"@type": "Person", "name": "Hildebrandt"}
    assert data["publisher"]["name"] == "Lederweb"

    report = client.get("/rapporter/coks-lederundersoegelse-2015/").content.decode()
    assert main_entity(report)["@type"] == "Report"
    assert '<meta name="description" content="COK har i 2015' in report


def test_structured_data_cannot_break_out_of_its_script(client):
    article = factories.make_article(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert main_entity(html)["headline"] == "</script><script>alert(1)</script>"


def test_the_500_page_is_danish_and_shows_no_internals(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html
    assert "Traceback" not in html


def test_a_theme_page_shows_the_newest_few_of_each_kind_and_links_to_all_of_them(client):
    theme = factories.make_theme(name="Tillid", slug="tillid")
    for n in range(30):
        factories.make_article(title=f"Artikel nummer {n:02d}").themes.add(theme)
    factories.make_report(title="Den eneste rapport").themes.add(theme)
    text = visible_text(client.get("/temaer/tillid/").content.decode())
    assert text.count("Artikel nummer") == 6
    assert "Alle 30 artikler om Tillid" in text
    assert "Den eneste rapport" in text
    assert "Alle 1 " not in text  # all of them are shown already
    first = client.get("/temaer/tillid/artikler/")
    assert first.status_code == 200
    first_text = visible_text(first.content.decode())
    assert first_text.count("Artikel nummer") == 24
    assert "Næste side" in first_text
    second = visible_text(client.get("/temaer/tillid/artikler/?page=2").content.decode())
    assert second.count("Artikel nummer") == 6
    assert client.get("/temaer/tillid/noget-andet/").status_code == 404
    assert client.get("/temaer/findes-ikke/artikler/").status_code == 404
