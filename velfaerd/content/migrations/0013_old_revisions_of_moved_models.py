"""Organisations and leadership themes moved here from the pages app (label "velfaerd") in 0001, and their content
types with them; the revisions and drafts kept of them before still named them "velfaerd.organisation" and
"velfaerd.leadershiptheme", and could no longer be opened or restored. They name them here."""

from django.db import migrations

from velfaerd.content.moves import DEPENDENCIES, relabel

MODELS = ["organisation", "leadershiptheme"]


def forwards(apps, schema_editor):
    relabel(apps, MODELS, source="velfaerd", target="core")


def backwards(apps, schema_editor):
    relabel(apps, MODELS, source="core", target="velfaerd")


class Migration(migrations.Migration):
    dependencies = [("core", "0012_features_moved_to_apps"), *DEPENDENCIES]

    operations = [migrations.RunPython(forwards, backwards)]
