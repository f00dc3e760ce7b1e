"""Site search: Danish full-text search on either database; never drafts, always escaped."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.utils import timezone

from tests import factories
from tests.html import visible_text

pytestmark = pytest.mark.django_db


def test_search_finds_other_forms_of_a_word_and_marks_them(client):
    factories.make_report(title="Lederundersøgelsen", summary="<p>Hvad ledere oplever.</p>")
    factories.make_article(title="Om sejlads")
    text = visible_text(client.get("/soeg/", {"q": "lederen"}).content.decode())
    assert "1 resultat for “lederen”" in text
    assert "Lederundersøgelsen" in text
    html = client.get("/soeg/", {"q": "leder"}).content.decode()
    assert "<mark>ledere</mark>" in html
    assert "Der blev ikke fundet noget" in visible_text(client.get("/soeg/", {"q": "ledelsesret"}).content.decode())


def test_search_states_and_limits(client):
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


def test_search_excerpts_escape_what_a_plain_field_holds(client):
    factories.make_article(title="Tillid", standfirst="Ledelse <img src=x onerror=alert(1) og tillid")
    html = client.get("/soeg/", {"q": "tillid"}).content.decode()
    assert "<img" not in html
    assert "Tillid" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement timeout is PostgreSQL's")
def test_a_search_that_takes_too_long_is_stopped_and_the_visitor_told_so(client, linked_page, settings, monkeypatch):
    from velfaerd.search import search

    def slow(hits):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")
        return 0

    settings.SEARCH_TIMEOUT_MS = 50
    monkeypatch.setattr(search._PostgreSQLHits, "count", slow)
    response = client.get("/soeg/", {"q": "leder"})
    assert response.status_code == 503
    assert "Søgningen tog for lang tid og blev stoppet." in visible_text(response.content.decode())
    # The connection is fine afterwards, and the timeout held only for the search.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statement timeout is PostgreSQL's")
def test_a_search_inside_a_longer_transaction_leaves_its_timeout_behind(client, linked_page, settings):
    """A search's timeout is the search's: a request (or a command) that searches inside its own transaction does not
    have its later statements, such as a large save, stopped by it."""
    from velfaerd.search.search import search

    settings.SEARCH_TIMEOUT_MS = 1500
    with transaction.atomic():
        assert search("leder") is not None
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


def test_results_are_paginated_and_a_page_costs_the_same_whatever_the_number_of_hits(client, django_assert_num_queries):
    from tests.pages.test_queries import MENUS, search_queries
    from velfaerd.search.search import PER_PAGE

    for n in range(PER_PAGE + 5):
        factories.make_article(title=f"Zebrafinke {n}")
    factories.make_publication(title="Zebrafinke i bogform")
    text = visible_text(client.get("/soeg/", {"q": "zebrafinke"}).content.decode())
    assert f"{PER_PAGE + 6} resultater for “zebrafinke”" in text
    assert "Side 1 af 2" in text
    html = client.get("/soeg/", {"q": "zebrafinke", "page": 2}).content.decode()
    assert html.count('class="search-results__title"') == 6
    # A page past the last (an old link) shows the last page; nonsense shows the first.
    past = client.get("/soeg/", {"q": "zebrafinke", "page": 9}).content.decode()
    assert past.count('class="search-results__title"') == 6
    assert "Side 2 af 2" in visible_text(past)
    assert client.get("/soeg/", {"q": "zebrafinke", "page": "x"}).content.decode().count("search-results__title") == 20
    assert "q=zebrafinke&amp;page=1" in html
    # Two queries find and count the hits; then one per kind of content on the page (articles, a publication).
    with django_assert_num_queries(search_queries(kinds=2) + MENUS):
        client.get("/soeg/", {"q": "zebrafinke", "page": 2})


def test_a_search_ranks_a_bounded_set_the_newest_and_the_titles_and_says_there_are_more(
    client, settings, django_assert_num_queries
):
    """A word in every document costs what a rare one does: only the newest SEARCH_CANDIDATES matches and as many
    with the word in their title are ranked; the count then says "more than", and the oldest item with the word in
    its title is still found, first."""
    from tests.pages.test_queries import MENUS, search_queries

    settings.SEARCH_CANDIDATES = 5
    oldest = factories.make_publication(title="Zebrafinker", summary="<p>Om fugle.</p>")
    for n in range(12):
        factories.make_article(title=f"Fugle nr. {n}", body="<p>En zebrafinke i teksten.</p>", slug=f"fugle-{n}")
    html = client.get("/soeg/", {"q": "zebrafinke"}).content.decode()
    text = visible_text(html)
    assert "Mere end 6 resultater for “zebrafinke”" in text
    titles = re.findall(r'class="search-results__title"><a href="[^"]*">([^<]*)</a>', html)
    assert titles[0] == oldest.title
    assert set(titles[1:]) == {f"Fugle nr. {n}" for n in range(7, 12)}  # the newest five, ranked alike
    with django_assert_num_queries(search_queries(kinds=2) + MENUS):
        client.get("/soeg/", {"q": "zebrafinke"})
    # Fewer matches than the bound: counted exactly.
    settings.SEARCH_CANDIDATES = 20
    assert "13 resultater for “zebrafinke”" in visible_text(client.get("/soeg/", {"q": "zebrafinke"}).content.decode())


def test_the_index_follows_saves_deletes_and_changes_in_bulk(client):
    def found(query):
        return visible_text(client.get("/soeg/", {"q": query}).content.decode())

    article = factories.make_article(title="Om tillid", body="<p>Kanariefugl i <strong>teksten</strong>.</p>")
    assert "Om tillid" in found("kanariefugl")
    article.body = "<p>Noget andet.</p>"
    article.save()
    assert "Der blev ikke fundet noget" in found("kanariefugl")
    type(article).objects.filter(pk=article.pk).update(title="Om papegøjer")
    assert "Om papegøjer" in found("papegøjer")
    article.delete()
    assert "Der blev ikke fundet noget" in found("papegøjer")


def test_migrate_indexes_content_that_has_no_document(client):
    from velfaerd.search.search import SearchDocument, index_missing

    factories.make_article(title="Kanariefugl")
    SearchDocument.objects.all().delete()  # as in a database made by the release before the index
    assert "Der blev ikke fundet noget" in visible_text(client.get("/soeg/", {"q": "kanariefugl"}).content.decode())
    assert index_missing(using="default") >= 1
    assert "Kanariefugl" in visible_text(client.get("/soeg/", {"q": "kanariefugl"}).content.decode())


@pytest.mark.django_db(transaction=True)
def test_the_index_still_follows_saves_after_the_vector_fields_migration(client):
    """0005 changes the vector's field class only: on SQLite, remaking the table would drop the FTS5 triggers."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0004_content_changes")])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    factories.make_article(title="Om tillid", body="<p>Kanariefugl i teksten.</p>")
    assert "Om tillid" in visible_text(client.get("/soeg/", {"q": "kanariefugl"}).content.decode())
