"""The sitemap index reads each section's stored figures (velfaerd/seo/sitemaps.py): counted once, forgotten in
the transaction of each save, delete and change in bulk of what the section lists, counted again when a scheduled
item comes, and the index's one query the same however many items there are."""

import datetime
import re
import time

import pytest
from django.utils import timezone

from tests import factories
from tests.admin import change_url, save
from velfaerd.seo.models import SitemapFigures
from velfaerd.seo.sitemaps import PublishedSitemap

pytestmark = pytest.mark.django_db

SECTION = "articles-article"


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(PublishedSitemap, "limit", 2)


def article_pages(client):
    """The addresses of the articles' sitemap pages the index lists, and that section's lastmod."""
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(rf"<loc>http://testserver/sitemap-{SECTION}\.xml(\?p=\d+)?</loc>", index)
    lastmod = re.search(rf"sitemap-{SECTION}\.xml</loc>\s*<lastmod>([^<]+)</lastmod>", index)
    return len(pages), lastmod[1] if lastmod else None


def stored():
    return SitemapFigures.objects.get(section=SECTION)


def test_the_figures_follow_saves_deletes_and_changes_in_bulk(client, admin_client):
    first = factories.make_article(slug="a1")
    factories.make_article(slug="a2")
    assert article_pages(client)[0] == 1
    assert stored().items == 2
    third = factories.make_article(slug="a3")
    assert article_pages(client)[0] == 2
    assert stored().items == 3
    third.delete()
    assert article_pages(client)[0] == 1
    type(first).objects.filter(pk=first.pk).update(is_published=False)  # in bulk
    assert not SitemapFigures.objects.filter(section=SECTION).exists()  # forgotten with the change
    assert SitemapFigures.objects.filter(section="publications-publication").exists()  # what it does not list stays
    article_pages(client)
    assert stored().items == 1
    # A substantive change moves the section's lastmod.
    second = type(first).objects.get(slug="a2")
    before = article_pages(client)[1]
    time.sleep(1.1)
    assert save(admin_client, change_url(second), title="Ny titel", substantive_change="on").status_code == 302
    assert article_pages(client)[1] != before


def test_a_scheduled_article_is_counted_when_its_time_comes(client):
    factories.make_article(slug="nu")
    soon = timezone.now() + datetime.timedelta(seconds=2)
    factories.make_article(slug="snart", publish_at=soon)
    article_pages(client)
    assert stored().items == 1
    assert stored().until == soon
    time.sleep(2.2)
    article_pages(client)
    assert stored().items == 2


@pytest.mark.parametrize("n", [1, 30])
def test_the_index_asks_one_query_however_many_items(client, django_assert_num_queries, n):
    for i in range(n):
        factories.make_article(slug=f"artikel-{i}")
        factories.make_publication(slug=f"publikation-{i}")
    client.get("/sitemap.xml")  # counted once
    with django_assert_num_queries(1):  # the stored figures
        assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_with_the_page_cache_a_new_article_shows_in_the_index_at_once(client, page_cache, seeded):
    """Visitors meet the index through the page cache, with the seed's content: a new article's page of the
    sitemap is listed on the next request."""
    from articles.models import Article

    have = Article.objects.published().count()
    pages, _lastmod = article_pages(client)
    assert pages == max(1, -(-have // 2))
    for n in range(2):
        factories.make_article(slug=f"ny-{n}")
    assert article_pages(client)[0] == max(1, -(-(have + 2) // 2))


def test_each_section_page_says_what_djangos_sitemap_template_says(client, seeded, settings):
    """The pages are written without the template language (``Urlset``): the same addresses and dates as Django's
    own template writes, in the site's time zone, as XML a parser reads, for every section of the seeded site."""
    from xml.etree import ElementTree

    from django.contrib.sites.requests import RequestSite
    from django.template import loader
    from django.test import RequestFactory

    from velfaerd.urls import SITEMAPS

    # A zone where today's date is not UTC's: a date written in UTC would be a day off.
    settings.TIME_ZONE = "Pacific/Honolulu" if timezone.now().hour < 10 else "Pacific/Kiritimati"
    factories.make_article(slug="sent")
    site = RequestSite(RequestFactory().get("/"))
    shown = 0
    for name, sitemap in SITEMAPS.items():
        sitemap = sitemap() if isinstance(sitemap, type) else sitemap
        response = client.get(f"/sitemap-{name}.xml")
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)  # noqa: S314 (the site's own sitemap)
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        written = [(url.findtext("s:loc", namespaces=ns), url.findtext("s:lastmod", namespaces=ns)) for url in root]
        urls = sitemap.get_urls(page=1, site=site, protocol="http")
        template = loader.get_template("sitemap.xml").render({"urlset": urls})
        expected = re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", template)
        assert written == [(loc, lastmod or None) for loc, lastmod in expected], name
        shown += len(written)
    assert shown > 10
