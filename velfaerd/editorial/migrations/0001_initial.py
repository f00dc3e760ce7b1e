"""The link checks move here from the pages app (label "velfaerd"): the table keeps its name, and its content
type (with its permissions) moves with it."""

from django.db import migrations, models


MODELS = ['linkcheck']


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="editorial", model=model).exists():
            ContentType.objects.filter(app_label="velfaerd", model=model).update(app_label="editorial")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="editorial", model__in=MODELS).update(app_label="velfaerd")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("velfaerd", "0008_linkcheck_internal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LinkCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('url', models.URLField(max_length=2000, unique=True, verbose_name='address')),
                        ('status', models.CharField(choices=[('ok', 'works'), ('redirect', 'works, but has moved'), ('broken', 'broken'), ('unreachable', 'no answer'), ('internal', 'internal address – not checked')], max_length=20, verbose_name='status')),
                        ('status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='HTTP status')),
                        ('final_url', models.URLField(blank=True, max_length=2000, verbose_name='final address')),
                        ('redirects', models.JSONField(blank=True, default=list, verbose_name='redirects')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('checked_at', models.DateTimeField(verbose_name='checked')),
                        ('usages', models.JSONField(blank=True, default=list, verbose_name='used in')),
                    ],
                    options={
                        'verbose_name': 'link check',
                        'verbose_name_plural': 'link checks',
                        'db_table': 'velfaerd_linkcheck',
                        'ordering': ['url'],
                        'get_latest_by': 'checked_at',
                    },
                ),
    
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
