"""Organisations and leadership themes now live in the core app (same tables): only the state moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_portraits'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='article',
                    name='source',
                    field=models.ForeignKey(blank=True, help_text='Where the article was first published, e.g. Lederweb.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='core.organisation', verbose_name='source'),
                ),
                migrations.RemoveField(
                    model_name='article',
                    name='themes',
                ),
                migrations.AddField(
                    model_name='article',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='articles', to='core.leadershiptheme', verbose_name='leadership themes'),
                ),
    
            ],
            database_operations=[],
        ),
    ]
