"""Editors ("Redaktør") manage the information pages, such as the accessibility statement."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Redaktør")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="velfaerd", codename__in=[f"{action}_infopage" for action in ACTIONS]
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="velfaerd", codename__in=[f"{action}_infopage" for action in ACTIONS]
    )
    for group in Group.objects.filter(name="Redaktør"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("velfaerd", "0005_info_pages")]

    operations = [migrations.RunPython(grant, revoke)]
