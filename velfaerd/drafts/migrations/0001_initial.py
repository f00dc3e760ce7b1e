"""These models lived in the core app (now velfaerd/content): they keep their tables, and their content types move
with them, so permissions, log entries and revisions that name them still do."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ['draft', 'previewlink']


def move_content_types(apps, schema_editor, source="core", target='drafts'):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source='drafts', target="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0011_bounded_not_found'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Draft',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                        ('base', models.JSONField(verbose_name='the item when the draft was saved')),
                        ('data', models.JSONField(verbose_name='the draft')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='change note')),
                        ('substantive', models.BooleanField(default=False, verbose_name='substantive change')),
                        ('publish_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='publish the changes at')),
                        ('saved_at', models.DateTimeField(verbose_name='saved')),
                        ('failure', models.TextField(blank=True, verbose_name='why it could not be published')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
                        ('saved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='saved by')),
                    ],
                    options={
                        'verbose_name': 'draft',
                        'verbose_name_plural': 'drafts',
                        'db_table': 'velfaerd_draft',
                    },
                ),
                migrations.CreateModel(
                    name='PreviewLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                        ('key', models.CharField(max_length=64, unique=True, verbose_name='key')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('expires_at', models.DateTimeField(verbose_name='expires')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('draft', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='drafts.draft', verbose_name='draft')),
                    ],
                    options={
                        'verbose_name': 'preview link',
                        'verbose_name_plural': 'preview links',
                        'db_table': 'velfaerd_previewlink',
                    },
                ),
                migrations.AddConstraint(
                    model_name='draft',
                    constraint=models.UniqueConstraint(fields=('content_type', 'object_id'), name='velfaerd_draft_one_per_item'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
