"""Organisations, leadership themes and the content version move here from the pages app (label "velfaerd"):
the tables keep their names, so only Django's idea of where the models live changes, and their content types
(with their permissions, revisions and log entries) move with them."""

from django.db import migrations, models


MODELS = ['organisation', 'leadershiptheme', 'contentversion']


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label="core", model=model).exists():
            ContentType.objects.filter(app_label="velfaerd", model=model).update(app_label="core")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model__in=MODELS).update(app_label="velfaerd")


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
                    name='ContentVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.BigIntegerField(verbose_name='version')),
                    ],
                    options={
                        'verbose_name': 'content version',
                        'verbose_name_plural': 'content versions',
                        'db_table': 'velfaerd_contentversion',
                    },
                ),
                migrations.CreateModel(
                    name='LeadershipTheme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                    ],
                    options={
                        'verbose_name': 'leadership theme',
                        'verbose_name_plural': 'leadership themes',
                        'db_table': 'velfaerd_leadershiptheme',
                        'ordering': ['order', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                        ('url', models.URLField(blank=True, verbose_name='web address')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'verbose_name_plural': 'organisations',
                        'db_table': 'velfaerd_organisation',
                        'ordering': ['name'],
                    },
                ),
    
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
