from django.db import migrations

import velfaerd.search.search


class Migration(migrations.Migration):
    """The search vector's field class changes, not its column: ``tsvector`` on both. State only, so SQLite does
    not remake the table (that would drop the triggers that keep the FTS5 index in step)."""

    dependencies = [
        ("core", "0004_content_changes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="vector",
                    field=velfaerd.search.search.VectorField(editable=False, null=True),
                ),
            ],
        ),
    ]
