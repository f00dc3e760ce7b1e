"""Danish terms in the search index, the same on both databases (velfaerd/search/danish.py), and room for the text
of each item's PDF.

The terms of the documents there are made here from their stored title and text. On SQLite the FTS5 table is made
anew over the term columns (and its triggers with it: adding the columns may remake the table, which drops them);
on PostgreSQL the vector is made of the terms. The PDFs' text is read by ``check_pdfs`` after the upgrade."""

import itertools

from django.db import migrations, models

FTS_COLUMNS = "title_terms, text_terms, document_terms"
OLD_FTS_COLUMNS = "title, text"


def _sqlite(columns):
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    return [
        *DROP_SQLITE,
        f"CREATE VIRTUAL TABLE core_searchdocument_fts USING fts5({columns}, content='core_searchdocument', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER core_searchdocument_fts_insert AFTER INSERT ON core_searchdocument BEGIN "
        f"INSERT INTO core_searchdocument_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER core_searchdocument_fts_delete AFTER DELETE ON core_searchdocument BEGIN "
        f"INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER core_searchdocument_fts_update AFTER UPDATE ON core_searchdocument BEGIN "
        f"INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO core_searchdocument_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        "INSERT INTO core_searchdocument_fts(core_searchdocument_fts) VALUES ('rebuild')",
    ]


DROP_SQLITE = [
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_update",
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_delete",
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_insert",
    "DROP TABLE IF EXISTS core_searchdocument_fts",
]
#: PostgreSQL keeps each vector in its row (compressed), not in TOAST: a search tests and ranks thousands of vectors,
#: and reading each from TOAST took ten times as long (38 ms against 3.6 ms for 5,000 matches of 8,000 documents).
#: The texts stay in TOAST, which the row's bound leaves them to.
INLINE_VECTORS = [
    "ALTER TABLE core_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
    "ALTER TABLE core_searchdocument SET (toast_tuple_target = 8160)",
]
INLINE_VECTORS_REVERSE = [
    "ALTER TABLE core_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED",
    "ALTER TABLE core_searchdocument RESET (toast_tuple_target)",
]
VECTOR = (
    "UPDATE core_searchdocument SET vector = setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', text_terms), 'B') || setweight(to_tsvector('simple', document_terms), 'C')"
)
OLD_VECTOR = (
    "UPDATE core_searchdocument SET vector = setweight(to_tsvector('danish', title), 'A') || "
    "setweight(to_tsvector('danish', text), 'B')"
)


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    from velfaerd.search import danish

    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchTerm = apps.get_model("search", "SearchTerm")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, DROP_SQLITE)  # not kept in step while the terms are written
    documents = SearchDocument.objects.only("title", "text").order_by("pk").iterator(chunk_size=500)
    for batch in itertools.batched(documents, 500):
        for document in batch:
            document.title_terms, document.text_terms = danish.terms(document.title), danish.terms(document.text)
        SearchDocument.objects.bulk_update(batch, ["title_terms", "text_terms"])
        terms = danish.vocabulary(*(d.title_terms for d in batch), *(d.text_terms for d in batch))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, reversed=t[::-1]) for t in sorted(terms) if len(t) <= 100], ignore_conflicts=True
        )
    if vendor == "sqlite":
        _execute(schema_editor, _sqlite(FTS_COLUMNS))
    elif vendor == "postgresql":
        _execute(schema_editor, [*INLINE_VECTORS, VECTOR])


def c_collation(apps, schema_editor):
    """On PostgreSQL the vocabulary's terms compare letter by letter (the "C" collation), so a range of them (those
    that start, or end, with a word) is read from the B-tree; SQLite compares so already."""
    if schema_editor.connection.vendor == "postgresql":
        for column in ("term", "reversed"):
            schema_editor.execute(f'ALTER TABLE search_searchterm ALTER COLUMN "{column}" TYPE varchar(100) COLLATE "C"')


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, DROP_SQLITE)
    elif vendor == "postgresql":
        _execute(schema_editor, [*INLINE_VECTORS_REVERSE, OLD_VECTOR])


def backward_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _execute(schema_editor, _sqlite(OLD_FTS_COLUMNS))


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        # Undone last: the old FTS5 table over title and text, once the term columns are gone.
        migrations.RunPython(migrations.RunPython.noop, backward_sqlite),
        migrations.AddField(
            model_name='searchdocument',
            name='document_name',
            field=models.CharField(blank=True, default='', max_length=255, verbose_name='PDF file'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='document_terms',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='document_text',
            field=models.TextField(blank=True, default='', verbose_name='text of the PDF'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='text_terms',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='title_terms',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=100, unique=True)),
                ("reversed", models.CharField(db_index=True, max_length=100)),
            ],
            options={"verbose_name": "search term", "verbose_name_plural": "search terms"},
        ),
        migrations.RunPython(c_collation, migrations.RunPython.noop),
        migrations.RunPython(forward, backward),
    ]
