"""Knowledge-centre links have an app of their own (knowledge/0001 takes them over with the same tables): calls to
action point at them there, and they leave this app's state. The one thing done to the database is dropping the
check named after this app; knowledge/0002 makes it again under that app's name."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0001_initial'),
        ('velfaerd', '0012_true_dates'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='knowledgecentrelink',
            name='velfaerd_knowledgecentrelink_expires_after_publishing',
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='calltoaction',
                    name='knowledge_centre_link',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='calls_to_action', to='knowledge.knowledgecentrelink', verbose_name='knowledge-centre link'),
                ),
                migrations.DeleteModel(
                    name='KnowledgeCentreLink',
                ),
            ],
            database_operations=[],
        ),
    ]
