"""Drafts, search, redirects and the content version now have apps of their own (their 0001 migrations take
them over with the same tables): here they leave this app's state, and nothing in the database changes."""

from django.db import migrations



class Migration(migrations.Migration):

    dependencies = [
        ('caching', '0001_initial'),
        ('drafts', '0001_initial'),
        ('search', '0001_initial'),
        ('redirects', '0001_initial'),
        ('core', '0011_bounded_not_found'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='contentchange',
                    name='velfaerd_contentchange_once',
                ),
                migrations.DeleteModel(
                    name='ContentChange',
                ),
                migrations.DeleteModel(
                    name='ContentVersion',
                ),
                migrations.RemoveConstraint(
                    model_name='draft',
                    name='velfaerd_draft_one_per_item',
                ),
                migrations.RemoveField(
                    model_name='previewlink',
                    name='draft',
                ),
                migrations.RemoveIndex(
                    model_name='notfound',
                    name='core_notfound_weakest',
                ),
                migrations.DeleteModel(
                    name='NotFound',
                ),
                migrations.RemoveField(
                    model_name='previewlink',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='previewlink',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='redirect',
                    name='content_type',
                ),
                migrations.RemoveConstraint(
                    model_name='searchdocument',
                    name='core_searchdocument_once',
                ),
                migrations.RemoveField(
                    model_name='draft',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='draft',
                    name='saved_by',
                ),
                migrations.DeleteModel(
                    name='PreviewLink',
                ),
                migrations.DeleteModel(
                    name='Redirect',
                ),
                migrations.RemoveField(
                    model_name='searchdocument',
                    name='content_type',
                ),
                migrations.DeleteModel(
                    name='Draft',
                ),
                migrations.DeleteModel(
                    name='SearchDocument',
                ),
            ],
            database_operations=[],
        ),
    ]
