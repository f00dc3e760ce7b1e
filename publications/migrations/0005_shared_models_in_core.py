"""Organisations and leadership themes now live in the core app (same tables): only the state moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('publications', '0004_covers_and_documents'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='publication',
                    name='publishers',
                ),
                migrations.RemoveField(
                    model_name='publication',
                    name='themes',
                ),
                migrations.AlterField(
                    model_name='surveyreport',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='survey_reports', to='core.organisation', verbose_name='organisation'),
                ),
                migrations.RemoveField(
                    model_name='surveyreport',
                    name='themes',
                ),
                migrations.AddField(
                    model_name='publication',
                    name='publishers',
                    field=models.ManyToManyField(blank=True, related_name='publications', to='core.organisation', verbose_name='published by'),
                ),
                migrations.AddField(
                    model_name='publication',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='publications', to='core.leadershiptheme', verbose_name='leadership themes'),
                ),
                migrations.AddField(
                    model_name='surveyreport',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='survey_reports', to='core.leadershiptheme', verbose_name='leadership themes'),
                ),
    
            ],
            database_operations=[],
        ),
    ]
