"""These models lived in the core app (now velfaerd/content): they keep their tables, and their content types move
with them, so permissions, log entries and revisions that name them still do."""

from django.db import migrations, models


MODELS = ['contentversion', 'contentchange']


def move_content_types(apps, schema_editor, source="core", target='caching'):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source='caching', target="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0011_bounded_not_found'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContentVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.BigIntegerField(verbose_name='version')),
                        ('changes_due_at', models.DateTimeField(blank=True, null=True, verbose_name='next scheduled change')),
                        ('pruned_to', models.BigIntegerField(default=0, verbose_name='changes logged after')),
                    ],
                    options={
                        'verbose_name': 'content version',
                        'verbose_name_plural': 'content versions',
                        'db_table': 'velfaerd_contentversion',
                    },
                ),
                migrations.CreateModel(
                    name='ContentChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.BigIntegerField(verbose_name='version')),
                        ('scope', models.CharField(max_length=200, verbose_name='what changed')),
                    ],
                    options={
                        'verbose_name': 'content change',
                        'verbose_name_plural': 'content changes',
                        'db_table': 'velfaerd_contentchange',
                        'constraints': [models.UniqueConstraint(fields=('version', 'scope'), name='velfaerd_contentchange_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
