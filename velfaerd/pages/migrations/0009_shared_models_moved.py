"""Organisations, leadership themes and the content version moved to the core app, link checks to the editorial
app, all with the same tables: here they leave this app's state, and nothing in the database changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_shared_models_in_core'),
        ('core', '0001_initial'),
        ('editorial', '0001_initial'),
        ('publications', '0005_shared_models_in_core'),
        ('velfaerd', '0008_linkcheck_internal'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='ContentVersion',
                ),
                migrations.RemoveField(
                    model_name='knowledgecentrelink',
                    name='themes',
                ),
                migrations.DeleteModel(
                    name='LinkCheck',
                ),
                migrations.RemoveField(
                    model_name='knowledgecentrelink',
                    name='founders',
                ),
                migrations.DeleteModel(
                    name='LeadershipTheme',
                ),
                migrations.AddField(
                    model_name='knowledgecentrelink',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='knowledge_centre_links', to='core.leadershiptheme', verbose_name='leadership themes'),
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
                migrations.AddField(
                    model_name='knowledgecentrelink',
                    name='founders',
                    field=models.ManyToManyField(blank=True, related_name='founded_knowledge_centres', to='core.organisation', verbose_name='founded by'),
                ),
    
            ],
            database_operations=[],
        ),
    ]
