"""Knowledge-centre links lived in the pages app (label "velfaerd"). They keep their table and its many-to-many
tables; their content type moves here, so permissions, log entries and revisions follow, and what names the model in
text (revisions, drafts, link checks) is rewritten (velfaerd/content/moves.py). The check that a link expires after
it is published is named after its app: it is made here anew, under this app's name, once the pages app has dropped
the old one."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from velfaerd.content.moves import DEPENDENCIES, move_content_types, relabel

MODELS = ["knowledgecentrelink"]


def forwards(apps, schema_editor):
    move_content_types(apps, MODELS, source="velfaerd", target="knowledge")
    relabel(apps, MODELS, source="velfaerd", target="knowledge")


def backwards(apps, schema_editor):
    move_content_types(apps, MODELS, source="knowledge", target="velfaerd")
    relabel(apps, MODELS, source="knowledge", target="velfaerd")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0013_old_revisions_of_moved_models'),
        ('velfaerd', '0012_true_dates'),
        *DEPENDENCIES,
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='KnowledgeCentreLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('is_published', models.BooleanField(default=True, help_text='Untick to keep it as a draft that visitors cannot see.', verbose_name='published')),
                        ('publish_at', models.DateTimeField(default=django.utils.timezone.now, help_text='Visitors see it from this time. A time in the future schedules it.', verbose_name='publish from')),
                        ('expire_at', models.DateTimeField(blank=True, help_text='Optional. Visitors no longer see it from this time.', null=True, verbose_name='publish until')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='changed')),
                        ('first_published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='first published')),
                        ('changed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last substantive change')),
                        ('review_interval', models.PositiveSmallIntegerField(default=12, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='review interval (months)')),
                        ('last_reviewed', models.DateField(default=django.utils.timezone.localdate, verbose_name='last reviewed')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('slug', models.SlugField(max_length=200, unique=True, verbose_name='slug')),
                        ('url', models.URLField(blank=True, verbose_name='web address')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('founders', models.ManyToManyField(blank=True, related_name='founded_knowledge_centres', to='core.organisation', verbose_name='founded by')),
                        ('owner', models.ForeignKey(blank=True, help_text='Who makes sure this stays true.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                        ('themes', models.ManyToManyField(blank=True, related_name='knowledge_centre_links', to='core.leadershiptheme', verbose_name='leadership themes')),
                    ],
                    options={
                        'verbose_name': 'knowledge-centre link',
                        'verbose_name_plural': 'knowledge-centre links',
                        'db_table': 'velfaerd_knowledgecentrelink',
                        'ordering': ['name'],
                        'get_latest_by': 'publish_at',
                        'abstract': False,
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
