"""The check that a link expires after it is published, under this app's name (the pages app dropped the one
named after it in its 0013)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0001_initial'),
        ('velfaerd', '0013_moved_here'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='knowledgecentrelink',
            constraint=models.CheckConstraint(condition=models.Q(('expire_at__isnull', True), ('expire_at__gt', models.F('publish_at')), _connector='OR'), name='knowledge_knowledgecentrelink_expires_after_publishing'),
        ),
    ]
