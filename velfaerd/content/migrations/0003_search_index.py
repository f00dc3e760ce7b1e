"""The search index: one document per searchable item, and the database's own index over it.

PostgreSQL: a GIN index on the stored tsvector. SQLite: an FTS5 table over the documents, kept in step by
triggers. A later migration that alters core_searchdocument on SQLite (which remakes the table) must make the
triggers again. The documents themselves are written after ``migrate`` (search.index_missing)."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


SQLITE = [
    "CREATE VIRTUAL TABLE core_searchdocument_fts USING fts5(title, text, content='core_searchdocument', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER core_searchdocument_fts_insert AFTER INSERT ON core_searchdocument BEGIN "
    "INSERT INTO core_searchdocument_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER core_searchdocument_fts_delete AFTER DELETE ON core_searchdocument BEGIN "
    "INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER core_searchdocument_fts_update AFTER UPDATE ON core_searchdocument BEGIN "
    "INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO core_searchdocument_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_update",
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_delete",
    "DROP TRIGGER IF EXISTS core_searchdocument_fts_insert",
    "DROP TABLE IF EXISTS core_searchdocument_fts",
]
POSTGRESQL = ["CREATE INDEX core_searchdocument_vector ON core_searchdocument USING gin (vector)"]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS core_searchdocument_vector"]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_drafts"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.TextField(verbose_name="title")),
                ("text", models.TextField(blank=True, verbose_name="text")),
                ("vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                (
                    "content_type",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "constraints": [
                    models.UniqueConstraint(fields=("content_type", "object_id"), name="core_searchdocument_once")
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
