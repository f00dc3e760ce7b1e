"""These models lived in the core app (now velfaerd/content): they keep their tables, and their content types move
with them, so permissions, log entries and revisions that name them still do."""

import django.db.models.deletion
from django.db import migrations, models


MODELS = ['notfound', 'redirect']


def move_content_types(apps, schema_editor, source="core", target='redirects'):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source='redirects', target="core")


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
                    name='NotFound',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('path', models.CharField(max_length=500, unique=True, verbose_name='address')),
                        ('hits', models.PositiveIntegerField(default=0, verbose_name='times asked for')),
                        ('first_seen', models.DateTimeField(verbose_name='first asked for')),
                        ('last_seen', models.DateTimeField(verbose_name='last asked for')),
                    ],
                    options={
                        'verbose_name': 'address not found',
                        'verbose_name_plural': 'addresses not found',
                        'db_table': 'core_notfound',
                        'ordering': ['-hits', 'path'],
                        'indexes': [models.Index(fields=['hits', 'last_seen'], name='core_notfound_weakest')],
                    },
                ),
                migrations.CreateModel(
                    name='Redirect',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('old_path', models.CharField(help_text='The address visitors may still arrive at, e.g. /leder/gammel-side/ (a full address is cut to its path).', max_length=500, unique=True, verbose_name='from address')),
                        ('new_path', models.CharField(help_text='Where they are sent: an address on this site, e.g. /publikationer/maskinrummet/, or a full address elsewhere (https://…).', max_length=500, verbose_name='to address')),
                        ('permanent', models.BooleanField(default=True, help_text='Permanent (301) for an address that has moved for good; untick for a temporary one (302).', verbose_name='permanent')),
                        ('external', models.BooleanField(default=False, help_text='Tick to send visitors to another website. Only addresses on this site are accepted otherwise.', verbose_name='leads outside the site')),
                        ('automatic', models.BooleanField(default=False, editable=False, help_text="Made when an item's address changed.", verbose_name='made by the site')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('object_id', models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='object id')),
                        ('content_type', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='content type')),
                    ],
                    options={
                        'verbose_name': 'redirect',
                        'verbose_name_plural': 'redirects',
                        'db_table': 'core_redirect',
                        'ordering': ['old_path'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
