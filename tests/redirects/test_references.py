"""Links in rich text to the site's items follow their target: kept as a reference, shown at the item's address now
(no redirect hop after a move), shown as plain text when visitors cannot see the item, counted as links to it, and
made from the addresses typed before; a page with many of them looks them up at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.admin import change_url, save

pytestmark = pytest.mark.django_db


def links(html):
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', html.split("<main", 1)[1].split("</main>", 1)[0])


def test_a_link_to_a_publication_survives_its_slug_change_with_no_redirect_hop(admin_client, client):
    publication = factories.make_publication(title="Maskinrummet", slug="maskinrummet")
    body = '<p>Læs <a href="/publikationer/maskinrummet/">Maskinrummet</a>.</p>'
    article = factories.make_article(title="Om maskinrummet", slug="om-maskinrummet", body=body)
    article.refresh_from_db()
    assert f'data-ref="publications.publication:{publication.pk}"' in article.body
    assert save(admin_client, change_url(publication), slug="maskinrummet-2017").status_code == 302
    shown = client.get("/artikler/om-maskinrummet/").content.decode()
    assert ("/publikationer/maskinrummet-2017/", "Maskinrummet") in links(shown)
    assert "data-ref" not in shown
    assert client.get("/publikationer/maskinrummet-2017/").status_code == 200  # the address shown is the page


def test_a_link_to_a_place_in_a_page_keeps_the_place_when_the_page_moves(admin_client, client, seeded):
    from velfaerd.pages.models import ThemePage

    page = ThemePage.objects.get(slug="velfaerdsledelse")
    section = page.parts.order_by("order", "pk").first()
    body = f'<p>Se <a href="/leder/velfaerdsledelse/#afsnit-{section.pk}">afsnittet</a>.</p>'
    factories.make_article(slug="om", body=body)
    assert save(admin_client, change_url(page), slug="velfaerdsledelse-2017").status_code == 302
    shown = client.get("/artikler/om/").content.decode()
    assert (f"/leder/velfaerdsledelse-2017/#afsnit-{section.pk}", "afsnittet") in links(shown)


def test_a_link_to_an_item_visitors_cannot_see_is_plain_text_and_comes_back(client):
    publication = factories.make_publication(title="Maskinrummet", slug="maskinrummet")
    factories.make_article(slug="om", body='<p>Læs <a href="/publikationer/maskinrummet/">Maskinrummet</a>.</p>')
    type(publication).objects.filter(pk=publication.pk).update(is_published=False)
    shown = client.get("/artikler/om/").content.decode()
    assert "Læs Maskinrummet." in re.sub(r"<[^>]+>", "", shown)
    assert not [text for _address, text in links(shown) if text == "Maskinrummet"]
    type(publication).objects.filter(pk=publication.pk).update(is_published=True)
    assert ("/publikationer/maskinrummet/", "Maskinrummet") in links(client.get("/artikler/om/").content.decode())


def test_an_old_address_typed_in_is_known_as_the_item_it_moved_to(admin_client):
    publication = factories.make_publication(slug="gammel")
    assert save(admin_client, change_url(publication), slug="ny").status_code == 302
    article = factories.make_article(body='<p><a href="/publikationer/gammel/">Den</a></p>')
    article.refresh_from_db()
    assert f'data-ref="publications.publication:{publication.pk}"' in article.body


def test_a_link_to_a_page_that_is_no_item_is_kept_as_typed(client):
    article = factories.make_article(
        slug="om", body='<p><a href="/publikationer/">Alle</a> <a href="https://kl.dk/">KL</a></p>'
    )
    article.refresh_from_db()
    assert "data-ref" not in article.body
    assert ("/publikationer/", "Alle") in links(client.get("/artikler/om/").content.decode())


def test_a_forged_reference_is_dropped_or_shows_nothing_visitors_may_not_see(client):
    draft = factories.make_article(title="Hemmelig", slug="hemmelig", is_published=False)
    forged = f'<p><a href="https://ondt.example/" data-ref="articles.article:{draft.pk}">klik</a></p>'
    article = factories.make_article(slug="om", body=forged)
    article.refresh_from_db()
    assert "data-ref" not in article.body  # only a link on this site carries a reference
    shown = client.get("/artikler/om/").content.decode()
    assert "/artikler/hemmelig/" not in shown


def test_the_delete_guard_counts_links_in_text(admin_client):
    publication = factories.make_publication(title="Maskinrummet", slug="maskinrummet")
    page = factories.make_theme_page(title="Velfærdsledelse")
    factories.add_page_section(page, body='<p><a href="/publikationer/maskinrummet/">Læs den</a></p>')
    from velfaerd.content.registry import registry

    assert list(registry.pages_linking_to(publication, published_only=True)) == [page]


def test_a_theme_page_with_many_links_in_its_text_looks_them_up_at_once(client):
    def page_with(n):
        page = factories.make_theme_page(section=factories.make_section(slug=f"s{n}"))
        for i in range(n):
            target = factories.make_publication(slug=f"p{n}-{i}")
            factories.add_page_section(page, body=f'<p><a href="{target.get_absolute_url()}">Læs {i}</a></p>')
        return page.get_absolute_url()

    counts = []
    for n in (1, 30):
        url = page_with(n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_makes_references_of_the_addresses_typed_before():
    from django.db.migrations.executor import MigrationExecutor

    publication = factories.make_publication(slug="maskinrummet")
    article = factories.make_article(body="<p>x</p>")
    executor = MigrationExecutor(connection)
    executor.migrate([("velfaerd", "0015_menus")])
    with connection.cursor() as cursor:  # as the release before stored it: the address only
        cursor.execute(
            "UPDATE articles_article SET body = %s WHERE id = %s",
            ['<p><a href="/publikationer/maskinrummet/">Læs</a></p>', article.pk],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    article.refresh_from_db()
    assert f'data-ref="publications.publication:{publication.pk}"' in article.body


@pytest.mark.django_db(transaction=True)  # content health checks what a change touched after its commit
def test_the_health_page_lists_links_to_items_visitors_cannot_see_and_forgets_them_when_back(admin_client):
    from velfaerd.editorial import health

    publication = factories.make_publication(title="Maskinrummet", slug="maskinrummet")
    article = factories.make_article(slug="om", body='<p>Læs <a href="/publikationer/maskinrummet/">bladet</a>.</p>')
    assert health.all_rows("gone_links") == []
    publication.title = "Maskinrummet 2017"
    with CaptureQueriesContext(connection) as typo:
        publication.save()  # a typo fixed: the texts are not searched
    searched = [q["sql"] for q in typo.captured_queries if "LIKE" in q["sql"].upper()]
    assert [sql for sql in searched if "seo_sitemapfigures" not in sql] == []  # (the sitemap's dozen rows aside)
    publication.is_published = False
    publication.save()  # taken off: the article that links to it is checked again
    rows = health.all_rows("gone_links")
    assert [(row.detail, row.url) for row in rows] == [("bladet", f"{change_url(article)}#id_body")]
    page = admin_client.get("/admin/indholdstjek/").content.decode()
    assert "Links til sider, som besøgende ikke kan se" in page
    publication.is_published = True
    publication.save()
    assert health.all_rows("gone_links") == []
