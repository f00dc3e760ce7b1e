"""These models lived in the core app (now velfaerd/content): they keep their tables, and their content types move
with them, so permissions, log entries and revisions that name them still do."""

import django.db.models.deletion
import velfaerd.search.search
from django.db import migrations, models


MODELS = ['searchdocument']


def move_content_types(apps, schema_editor, source="core", target='search'):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source='search', target="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0011_bounded_not_found'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SearchDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('title', models.TextField(verbose_name='title')),
                        ('text', models.TextField(blank=True, verbose_name='text')),
                        ('vector', velfaerd.search.search.VectorField(editable=False, null=True)),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'search document',
                        'verbose_name_plural': 'search documents',
                        'db_table': 'core_searchdocument',
                        'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id'), name='core_searchdocument_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
