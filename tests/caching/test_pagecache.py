"""The page cache: visitors share cached pages, every edit is visible at once, staff never get cached pages."""

import datetime
import html
import re
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.admin import admin_form, change_url, save
from velfaerd.caching import pagecache, versions
from velfaerd.caching.pagecache import seconds_until_next_scheduled_change

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache")]


def cached_pages():
    return [key for key in cache._cache if "velfaerd:page:" in key]


def test_a_visitor_s_second_visit_needs_no_query(client, django_assert_num_queries, linked_page):
    url = linked_page.page.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_cached_responses_are_shared_and_cdn_friendly(client, linked_page):
    url = linked_page.page.get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert response["Vary"] == "Accept-Encoding"  # one copy for every visitor, per coding
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert "s-maxage=30" in response["Cache-Control"]
    assert response["Last-Modified"]
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_is_visible_at_once(client, admin_client, linked_page):
    page = linked_page.page
    assert page.title in client.get(page.get_absolute_url()).content.decode()
    save(admin_client, change_url(page), title="Velfærdsledelse i dag")
    assert "Velfærdsledelse i dag" in client.get(page.get_absolute_url()).content.decode()


def test_an_edit_of_linked_content_is_visible_at_once(client, linked_page):
    client.get("/publikationer/")
    client.get(linked_page.page.get_absolute_url())
    publication = linked_page.publication
    publication.title = "Maskinrummet 2.0"
    publication.save()
    assert "Maskinrummet 2.0" in client.get("/publikationer/").content.decode()
    assert "Maskinrummet 2.0" in client.get(linked_page.page.get_absolute_url()).content.decode()
    publication.themes.add(factories.make_theme(slug="nyt-tema"))
    assert publication.get_absolute_url() in client.get("/temaer/nyt-tema/").content.decode()


def test_last_updated_moved_by_a_linked_item_is_visible_at_once(client, linked_page):
    from velfaerd.pages.models import ThemePage

    url = linked_page.page.get_absolute_url()
    client.get(url)
    ThemePage.objects.linking_to(linked_page.publication).mark_updated(datetime.date(2024, 5, 1))
    assert "01.05.2024" in client.get(url).content.decode()


def test_scheduled_content_appears_on_time_despite_the_cache(client):
    now = timezone.now()
    factories.make_article(title="Snart", publish_at=now + datetime.timedelta(minutes=5))
    assert 299 <= seconds_until_next_scheduled_change(now) <= 301
    assert "Snart" not in client.get("/artikler/").content.decode()
    later = now + datetime.timedelta(minutes=6)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django.core.cache.backends.locmem.time.time", return_value=time.time() + 360),
        mock.patch("velfaerd.caching.pagecache.time.time", return_value=time.time() + 360),
    ):
        assert "Snart" in client.get("/artikler/").content.decode()


def test_staff_are_never_served_or_given_cached_pages(client, admin_client, linked_page):
    client.get(linked_page.page.get_absolute_url())  # a visitor fills the cache
    response = admin_client.get(linked_page.page.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    draft = factories.make_publication(is_published=False)
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    admin_client.logout()
    admin_client.cookies.clear()
    assert admin_client.get(draft.get_absolute_url()).status_code == 404


def test_search_and_the_admin_are_not_cached(client, django_assert_num_queries, linked_page):
    client.get("/soeg/?q=ledere")
    with CaptureQueriesContext(connection) as queries:
        client.get("/soeg/?q=ledere")
    assert any("core_searchdocument" in query["sql"] for query in queries.captured_queries)


def test_a_new_release_never_serves_pages_made_by_the_old_one(client, linked_page):
    url = linked_page.page.get_absolute_url()
    client.get(url)
    with (
        mock.patch.object(pagecache, "release", return_value="next-release"),
        mock.patch("velfaerd.pages.views.ThemePageDetailView.get_template_names", return_value=["404.html"]),
    ):
        # The new release renders the page anew instead of serving the old release's copy.
        assert "Siden blev ikke fundet" in client.get(url).content.decode()


def test_query_parameters_pages_do_not_read_make_no_new_entries(client, linked_page):
    first = client.get("/publikationer/")
    for n in range(300):
        response = client.get(f"/publikationer/?utm_source=nyhedsbrev-{n}&fbclid={n}")
        assert response.status_code == 200
    assert len(cached_pages()) == 1
    assert response.content == first.content  # the page is the same, and says nothing of the parameters
    assert b"utm_source" not in response.content


def test_the_filter_and_page_number_are_cached_once_per_real_value(client, linked_page):
    theme = factories.make_theme(slug="forandring")
    linked_page.publication.themes.add(theme)
    client.get("/publikationer/?tema=forandring")
    client.get("/publikationer/?tema=forandring&utm_campaign=x")
    client.get("/publikationer/?tema=&organisation=&aar=")  # the filter left at "all": the plain list
    client.get("/publikationer/")
    assert len(cached_pages()) == 2
    # Values the site does not have are answered, never kept.
    for n in range(20):
        response = client.get(f"/publikationer/?tema=findes-ikke-{n}")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    for query in ("page=1&page=2", "page=0001", "aar=abc", "page=" + "9" * 50):
        client.get(f"/publikationer/?{query}")
    assert len(cached_pages()) == 2


def test_a_change_whose_cache_update_was_lost_is_visible_on_the_next_check(client, linked_page):
    """The cache's copy of the version did not follow a committed change (the cache was down, or came back with
    old data): the database's version mends it."""
    page = linked_page.page
    url = page.get_absolute_url()
    assert page.title in client.get(url).content.decode()
    stale = cache.get(versions.VERSION_KEY)
    page.title = "Velfærdsledelse i dag"
    page.save()
    cache.set(versions.VERSION_KEY, stale)  # as if the cache came back with its old data
    versions._checked["at"] = -3600  # the next check is due
    assert "Velfærdsledelse i dag" in client.get(url).content.decode()
    assert cache.get(versions.VERSION_KEY) != stale


def test_a_save_of_a_page_with_its_parts_moves_the_version_once(admin_client, linked_page):
    page = linked_page.page
    changes = {"title": "Ny titel", "parts-0-heading": "Ny overskrift", "parts-1-heading": "Endnu en"}
    data = admin_form(admin_client, change_url(page), **changes)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.post(change_url(page), data).status_code == 302
    moves = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "contentversion" in q["sql"]]
    assert len(moves) == 1
    # And visitors get the new page at once.
    assert "Ny overskrift" in Client().get(page.get_absolute_url()).content.decode()


# Scoped invalidation: a change makes new what shows it, and leaves the rest of the site cached.
SKIP = ("/admin/", "/static/", "/media/", "/soeg/", "/forhaandsvisning/")


def crawl(client):
    """Every public address reachable from the front page, the feed and the sitemap."""
    seen, queue = set(), ["/", "/feed/", "/sitemap.xml"]
    while queue:
        url = html.unescape(queue.pop())
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            seen.discard(url)
            continue
        text = response.content.decode()
        queue += re.findall(r'href="(/[^"#]*)', text) + re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", text)
    return sorted(seen)


def from_cache(client, url):
    """(served from the cache, content): a cached page reads nothing but the content version and its log."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    hit = all("velfaerd_content" in query["sql"] for query in queries.captured_queries)
    return hit, response.content


def made_now(url):
    """The page as it is made now, past the cache (a request with a session cookie is never cached)."""
    fresh = Client()
    fresh.cookies["sessionid"] = "none"
    return fresh.get(url).content


def check_site(client, urls):
    """The cached pages after a change: every one served from the cache is what would be made now."""
    kept = []
    for url in urls:
        hit, content = from_cache(client, url)
        if hit:
            assert content == made_now(url), f"{url} was served stale from the cache"
            kept.append(url)
    return kept


def test_a_change_makes_new_what_shows_it_and_leaves_the_rest_cached(client, seeded):
    """The whole site as visitors meet it, the seeded content, crawled and cached; then changed piece by piece."""
    from articles.models import Article
    from publications.models import Publication
    from velfaerd.pages.models import CallToAction, InfoPage, PageSection, ThemePage

    unlinked = factories.make_publication(title="Upåagtet", slug="upaagtet")
    urls = crawl(client)
    assert len(urls) > 25
    for url in urls:
        client.get(url)  # all cached now
    page = ThemePage.objects.get()
    statement = InfoPage.objects.get(slug="tilgaengelighedserklaering").get_absolute_url()
    article = Article.objects.first()

    # A typo fixed in a publication no page links to.
    unlinked.title = "Upåagtet (rettet)"
    unlinked.save()
    kept = check_site(client, urls)
    remade = sorted(set(urls) - set(kept))
    assert unlinked.get_absolute_url() in remade
    assert "/publikationer/" in remade
    assert "/feed/" in remade
    for unrelated in (page.get_absolute_url(), statement, article.get_absolute_url(), "/artikler/"):
        assert unrelated in kept
    print("REMADE", remade)
    assert len(kept) >= len(urls) // 2, remade

    # Each of these changes is shown at once wherever it shows, and nothing cached is stale afterwards.
    linked = Publication.objects.get(slug="maskinrummet")
    linked.title = "Maskinrummet 2.0"
    linked.save()
    assert page.get_absolute_url() not in check_site(client, urls)
    assert "Maskinrummet 2.0" in client.get(page.get_absolute_url()).content.decode()

    section = PageSection.objects.filter(page=page).first()
    section.heading = "Et nyt afsnit"
    section.save()
    check_site(client, urls)
    assert "Et nyt afsnit" in client.get(page.get_absolute_url()).content.decode()

    CallToAction.objects.filter(section__page=page).first().delete()
    check_site(client, urls)

    Article.objects.filter(pk=article.pk).update(title="Ændret i bulk")
    check_site(client, urls)
    assert "Ændret i bulk" in client.get(article.get_absolute_url()).content.decode()

    article.themes.add(factories.make_theme(name="Nyt tema", slug="nyt-tema"))
    check_site(client, urls)
    for organisation in linked.publishers.all():
        organisation.name = "Omdøbt organisation"
        organisation.save()
    check_site(client, urls)


def test_a_page_older_than_the_log_of_changes_is_made_again(client, linked_page):
    url = linked_page.page.get_absolute_url()
    client.get(url)
    versions.prune_changes(now_ns=time.time_ns() + 10 * versions.CHANGES_KEPT_SECONDS * 10**9)
    factories.make_publication()  # a change the log has, after one it has forgotten
    versions.prune_changes(now_ns=time.time_ns() + 10 * versions.CHANGES_KEPT_SECONDS * 10**9)
    hit, _content = from_cache(client, url)
    assert not hit


def test_a_page_that_uses_its_responses_csp_nonce_is_never_cached(rf):
    """Public pages have no inline script; one that gained one would carry a nonce its cached copies' headers
    would not allow."""
    from django.http import HttpResponse

    from velfaerd.middleware import SecurityHeadersMiddleware

    def view(request):
        return HttpResponse(f'<script nonce="{request._csp_nonce}"></script>')

    site = SecurityHeadersMiddleware(pagecache.PageCacheMiddleware(view))
    first, second = (site(rf.get("/med-script/", HTTP_HOST="testserver")) for _ in range(2))
    assert first.content != second.content
    assert re.search(r"'nonce-[^']+'", second["Content-Security-Policy"]).group(0)[7:-1] in second.content.decode()
    assert cached_pages() == []
