"""Danish terms in the search index, the same on both databases (velfaerd/search/danish.py), and room for the text
of each item's PDF.

The terms of the documents there are made here from their stored title and text. On SQLite the FTS5 table is made
anew over the term columns (and its triggers with it: adding the columns may remake the table, which drops them);
on PostgreSQL the vector is made of the terms. The PDFs' text is read by ``check_pdfs`` after the upgrade."""

import itertools

from django.db import migrations, models

FTS_COLUMNS = "title_terms, text_terms, document_terms, part_terms"
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
VECTOR = (
    "UPDATE core_searchdocument SET vector = setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', text_terms), 'B') || setweight(to_tsvector('simple', document_terms), 'C') || "
    "setweight(to_tsvector('simple', part_terms), 'D')"
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
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, DROP_SQLITE)  # not kept in step while the terms are written
    documents = SearchDocument.objects.only("title", "text").order_by("pk").iterator(chunk_size=500)
    for batch in itertools.batched(documents, 500):
        for document in batch:
            document.title_terms, document.text_terms = danish.terms(document.title), danish.terms(document.text)
            document.part_terms = danish.parts(document.title_terms, document.text_terms)
        SearchDocument.objects.bulk_update(batch, ["title_terms", "text_terms", "part_terms"])
    if vendor == "sqlite":
        _execute(schema_editor, _sqlite(FTS_COLUMNS))
    elif vendor == "postgresql":
        _execute(schema_editor, [VECTOR])


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _execute(schema_editor, DROP_SQLITE)
    elif vendor == "postgresql":
        _execute(schema_editor, [OLD_VECTOR])


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
            name='part_terms',
            field=models.TextField(blank=True, default='', editable=False),
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
        migrations.RunPython(forward, backward),
    ]
