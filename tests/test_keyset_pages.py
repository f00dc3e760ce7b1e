"""Lists page by keys past their first numbered pages (velfaerd/content/keyset.py): each page holds the items the old
numbered page held, forwards and backwards, the last page is read from the list's other end, a page from an item
costs the same queries wherever it is, and only items of the site can start one."""

import datetime
import re

import pytest
from django.utils import timezone

from tests import factories
from tests.html import visible_text
from velfaerd.content.keyset import NUMBERED

pytestmark = pytest.mark.django_db

PER_PAGE = 12  # the article list's


def titles(html):
    return re.findall(r'class="article-list__title"><a href="[^"]+">([^<]+)</a>', html)


def link(html, rel):
    found = re.search(rf'<a href="\?([^"]*)" rel="{rel}">', html)
    return found[1].replace("&amp;", "&") if found else None


@pytest.fixture
def articles():
    """More than the numbered pages hold, a few sharing a moment (the title, then the id, order them)."""
    start = timezone.now() - datetime.timedelta(days=400)
    made = []
    for n in range(PER_PAGE * (NUMBERED + 3) + 5):
        moment = start + datetime.timedelta(hours=n // 3)  # three to an hour: ties on the first key
        made.append(factories.make_article(title=f"Artikel {n:03d}", publish_at=moment, slug=f"artikel-{n}"))
    factories.make_article(title="Kladde", is_published=False)
    return made


def expected_pages():
    from articles.models import Article

    listed = [a.title for a in Article.objects.published().order_by("-publish_at", "title", "pk")]
    return [listed[i : i + PER_PAGE] for i in range(0, len(listed), PER_PAGE)]


def test_walking_the_list_by_its_links_gives_the_numbered_pages_items_both_ways(client, articles):
    pages = expected_pages()
    html = client.get("/artikler/").content.decode()
    seen, query = [titles(html)], link(html, "next")
    assert "Side 1 af 9" in visible_text(html)
    while query:
        html = client.get(f"/artikler/?{query}").content.decode()
        seen.append(titles(html))
        query = link(html, "next")
        if len(seen) < NUMBERED:
            assert query == f"page={len(seen) + 1}"
        elif query:
            assert query.startswith("efter=")
    assert seen == pages
    # And back from the end, page by page, to the first.
    back = [titles(html)]
    query = link(html, "prev")
    while query:
        html = client.get(f"/artikler/?{query}").content.decode()
        back.append(titles(html))
        query = link(html, "prev")
    assert back[::-1] == pages
    assert "Side 1 af 9" in visible_text(html)  # back at the start, numbered again


def test_the_last_page_is_read_from_the_other_end_and_links_back(client, articles):
    pages = expected_pages()
    first = client.get("/artikler/").content.decode()
    assert 'href="?page=last">Sidste side</a>' in first
    last = client.get("/artikler/?page=last").content.decode()
    listed = [title for page in pages for title in page]
    assert titles(last) == listed[-PER_PAGE:]
    assert link(last, "next") is None
    assert titles(client.get(f"/artikler/?{link(last, 'prev')}").content.decode()) == listed[-2 * PER_PAGE : -PER_PAGE]
    assert "Første side" in visible_text(last)


def test_a_page_from_an_item_costs_the_same_wherever_it_is(client, articles, django_assert_num_queries):
    from tests.pages.test_queries import MENUS

    near, far = articles[-20], articles[5]
    for item in (near, far):
        with django_assert_num_queries(2 + MENUS):  # the item's keys, the page (with each article's source)
            assert client.get(f"/artikler/?efter={item.pk}").status_code == 200


def test_only_an_item_of_the_site_starts_a_page_and_one_that_left_the_list_still_does(client, articles, settings):
    assert client.get("/artikler/?efter=999999999").status_code == 404
    assert client.get("/artikler/?foer=abc").status_code == 404
    listed = [title for page in expected_pages() for title in page]
    gone = articles[40]
    type(gone).objects.filter(pk=gone.pk).update(is_published=False)
    html = client.get(f"/artikler/?efter={gone.pk}").content.decode()
    after = listed[listed.index(gone.title) + 1 :]
    assert titles(html) == after[:PER_PAGE]  # the items after where it stood
    assert gone.title not in html


def test_empty_years_come_last_on_either_database_and_are_paged_through(client):
    for n in range(PER_PAGE * NUMBERED + 3):
        factories.make_publication(title=f"Publikation {n:03d}", year=2000 + n % 20, slug=f"p-{n}")
    for n in range(PER_PAGE + 2):
        factories.make_publication(title=f"Uden år {n:02d}", year=None, slug=f"u-{n}")
    last = client.get("/publikationer/?page=last").content.decode()
    shown = list(dict.fromkeys(re.findall(r">(Uden år \d\d)<", last)))
    assert shown == [f"Uden år {n:02d}" for n in range(2, PER_PAGE + 2)]
    html = client.get("/publikationer/?page=5").content.decode()
    following = client.get(f"/publikationer/?{link(html, 'next')}").content.decode()
    # The years end and the empty ones follow.
    assert re.search(r">Publikation \d{3}<", following)
    assert ">Uden år 00<" in following


@pytest.mark.django_db(transaction=True)
def test_with_the_page_cache_each_page_from_an_item_is_its_own_and_follows_a_change(client, articles, page_cache):
    """Visitors meet the page cache: it must keep ?efter= and ?foer= (it drops parameters pages do not read) and
    make a page from an item again when the list changes."""
    pages = expected_pages()
    html = client.get(f"/artikler/?page={NUMBERED}").content.decode()
    following = link(html, "next")
    assert titles(client.get(f"/artikler/?{following}").content.decode()) == pages[NUMBERED]
    assert titles(client.get(f"/artikler/?{following}").content.decode()) == pages[NUMBERED]  # from the cache
    assert titles(client.get("/artikler/").content.decode()) == pages[0]  # not the page from an item
    shown = pages[NUMBERED][0]
    from articles.models import Article

    Article.objects.filter(title=shown).update(is_published=False)
    again = titles(client.get(f"/artikler/?{following}").content.decode())
    assert shown not in again
    assert again[0] == pages[NUMBERED][1]


@pytest.mark.parametrize("kind", ["articles.Article", "publications.Publication", "publications.SurveyReport"])
def test_a_list_is_read_in_its_index_order_from_either_end(kind):
    """A list's index is its order as the pages read it, empty years last: the database reads a page from the index,
    from the first item or the last, without sorting the archive to find it."""
    from django.apps import apps
    from django.db import connection

    from velfaerd.content.keyset import keys_of

    queryset = apps.get_model(kind).objects.published()
    keys = keys_of(queryset)
    for reverse in (False, True):
        page = queryset.order_by(*(key.expression(reverse) for key in keys))[:12]
        sql, params = page.query.get_compiler(connection=connection).as_sql()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # A table this small is otherwise read whole: only a plain index scan or a sort is left to choose.
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                cursor.execute("RESET enable_seqscan; RESET enable_bitmapscan")
                sorting = "Sort"
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
                sorting = "TEMP B-TREE"
        assert sorting not in plan, plan
        assert "_list_order" in plan, plan


@pytest.mark.parametrize("kind", ["articles.Article", "publications.Publication", "publications.SurveyReport"])
def test_the_admin_s_list_has_the_same_order_and_so_the_same_index(admin_client, kind):
    """The admin's change list is ordered as the public list (its id ascending last), not with the admin's own
    tie-break, which no index has: the first page of a large archive is read from the index, not sorted."""
    from django.apps import apps

    from velfaerd.content.keyset import keys_of

    model = apps.get_model(kind)
    response = admin_client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    assert response.status_code == 200
    listed = response.context["cl"].queryset.query.order_by
    expected = [key.expression() for key in keys_of(model.objects.all())]
    assert list(dict.fromkeys(str(part) for part in listed)) == [str(part) for part in expected]  # SQL has each once
