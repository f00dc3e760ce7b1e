"""Danish search that answers alike on PostgreSQL and SQLite: the same table of queries on the seed gives the same
items on both (CI runs it on each), words in any form, æ/ø/å as typed without them, a compound's last part, and the
last word typed as the start of a word."""

import pytest

from tests.html import visible_text
from velfaerd.search import danish, search

BROBYGGERNE = {
    ("Publikation", "Brobyggerne"),
    ("Temaside", "Velfærdsledelse: BROBYGGERNE - erfaringer om ledelse af fremtidens velfærd"),
}
KANTEN = {
    ("Publikation", "Leder på kanten"),
    ("Temaside", "Velfærdsledelse: LEDER PÅ KANTEN - nye lederroller"),
}
MASKINRUMMET = {
    ("Publikation", "Maskinrummet"),
    ("Temaside", "Velfærdsledelse: MASKINRUMMET - hvor er velfærdssamfundet på vej hen?"),
}
TILLID = {
    ("Artikel", "Ud med dokumentationstyranniet og ind med tillid"),
    ("Temaside", "Velfærdsledelse: Hildebrandt: Ud med dokumentationstyranniet og ind med tillid"),
}
COK = {
    ("Undersøgelsesrapport", "COK´s lederundersøgelse 2015"),
    ("Temaside", "Velfærdsledelse: COK´s lederundersøgelse 2015"),
}
THEME_PAGE = {("Temaside", "Velfærdsledelse")}

#: Each query and every item it must find on the seed: no more, no fewer, on either database.
QUERIES = {
    # The seven that found nothing on SQLite before: other forms of words in the text.
    "ledelsen": BROBYGGERNE | KANTEN | MASKINRUMMET | TILLID | COK | THEME_PAGE,
    "publikation": BROBYGGERNE | KANTEN | {("Informationsside", "Tilgængelighedserklæring")},
    "tilliden": TILLID,
    "forandring": BROBYGGERNE
    | {("Publikation", "Medarbejder med vilje"), ("Temaside", "Velfærdsledelse: COK´s lederundersøgelse 2015")},
    "kommune": KANTEN | COK,
    "brobygger": BROBYGGERNE,
    "undersøgelse": COK,  # only inside "lederundersøgelse": a compound's last part
    # As typed on a keyboard without æ/ø/å, and with them.
    "velfaerd": BROBYGGERNE
    | KANTEN
    | MASKINRUMMET
    | TILLID
    | THEME_PAGE
    | {("Publikation", "Medarbejder med vilje"), ("Videncenterlink", "Videncenter for Velfærdsledelse")},
    "lederundersoegelse": COK,
    # The last word typed is also the start of a word.
    "Maskinrum": MASKINRUMMET,
    "brobyggerne erfaringer": BROBYGGERNE,
    "dokumentationstyranni": TILLID,
    "zebrafinke": set(),
}


def found(query):
    first = search.search(query)
    hits = []
    for number in first.paginator.page_range:
        hits += [(hit.kind, hit.title) for hit in search.search(query, number).object_list]
    assert len(hits) == len(set(hits)) == first.paginator.count
    return set(hits)


@pytest.mark.parametrize("query", QUERIES)
def test_danish_queries_find_the_same_items_on_either_database(seeded, query):
    assert found(query) == QUERIES[query]


def test_the_words_found_are_marked_in_every_form(seeded, client):
    html = client.get("/soeg/", {"q": "velfaerd"}).content.decode()
    assert "<mark>velfærd</mark>" in html or "<mark>Velfærd</mark>" in html
    html = client.get("/soeg/", {"q": "undersøgelse"}).content.decode()
    assert "<mark>Undersøgelsen</mark> viser" in html


def test_a_compound_is_found_and_marked_by_its_last_part(db, client):
    from tests import factories

    factories.make_article(title="Om trivsel", body="<p>Den nye medarbejderundersøgelse & tallene bag.</p>")
    html = client.get("/soeg/", {"q": "undersøgelser"}).content.decode()
    assert "Den nye <mark>medarbejderundersøgelse</mark> &amp; tallene bag." in html


@pytest.mark.parametrize(
    ("word", "term"),
    [
        ("ledelsen", "led"),
        ("ledere", "led"),
        ("Velfærd", "velfaerd"),
        ("velfaerd", "velfaerd"),
        ("Århus", "aarhus"),
        ("Aarhus", "aarhus"),
        ("møderne", "moed"),
        ("café", "cafe"),
        ("og", ""),
    ],
)
def test_a_word_is_stemmed_then_folded(word, term):
    assert danish.term(word.casefold()) == term


def test_a_typed_word_means_itself_and_its_form_with_danish_letters():
    # "foraeldrene" stemmed as typed is not "forældrene" stemmed then folded: both are asked for.
    assert danish.term("forældrene") in danish.query_terms("foraeldrene")
    assert danish.query_terms("og") == []
    assert danish.query("ledelse og tillid", limit=10) == [["led"], ["tillid"]]


@pytest.mark.django_db
def test_a_word_asks_for_the_terms_of_the_vocabulary_it_starts_or_ends():
    from tests import factories

    factories.make_article(title="Medarbejderundersøgelsen", body="<p>Og undersøgelser i øvrigt.</p>")
    asked = danish.query("undersøgelse og", limit=10)
    wide = search._expanded(asked)
    assert danish.term("medarbejderundersøgelsen") in wide[0]
    assert wide[0][0] == danish.term("undersøgelse")  # the word itself first
    # The last word also asks for the terms it starts; a short one ends no compound.
    assert search._expanded(danish.query("medarb", limit=10)) == [["medarb", danish.term("medarbejderundersøgelsen")]]
    assert search._expanded(danish.query("le", limit=10)) == [["le"]]


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_makes_the_terms_of_the_documents_there(client):
    """A database of the release before: its documents get their terms, and the index answers in any form."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests import factories

    article = factories.make_article(title="Om ledelsen", body="<p>Tilliden i kommunerne.</p>")
    executor = MigrationExecutor(connection)
    executor.migrate([("search", "0001_initial")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, text FROM core_searchdocument WHERE object_id = %s", [article.pk])
        title, text = cursor.fetchone()
    assert (title, "Tilliden i kommunerne." in text) == ("Om ledelsen", True)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "Om ledelsen" in visible_text(client.get("/soeg/", {"q": "tillid kommune"}).content.decode())
    article.title = "Om ledere"
    article.save()  # and the index follows saves as before
    assert "Om ledere" in visible_text(client.get("/soeg/", {"q": "lederen"}).content.decode())


@pytest.mark.django_db
def test_postgresql_keeps_the_vectors_in_their_rows():
    """Read from TOAST, testing and ranking thousands of vectors took ten times as long (migration 0002)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's storage of the vectors")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'core_searchdocument'::regclass "
            "AND attname = 'vector'"
        )
        assert cursor.fetchone()[0] == "m"
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = 'core_searchdocument'::regclass")
        assert "toast_tuple_target=8160" in cursor.fetchone()[0]
        # Both GIN indexes, the vector's and the title terms', take each change at once: no pending list that every
        # search reads until a vacuum (migration 0003).
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('core_searchdocument_vector', 'core_searchdocument_title') ORDER BY relname"
        )
        assert cursor.fetchall() == [
            ("core_searchdocument_title", ["fastupdate=off"]),
            ("core_searchdocument_vector", ["fastupdate=off"]),
        ]
