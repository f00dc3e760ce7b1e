"""Creates the two groups the site is run with.

"Redaktør" (editors) may add, change, delete and view all content. "Medarbejder" (staff) may view theme pages and
change their "Sidst opdateret" date, and nothing else.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ("velfaerd", "publications", "articles")
EDITORS = "Redaktør"
STAFF = "Medarbejder"


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations have run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    )
    staff, _ = Group.objects.get_or_create(name=STAFF)
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="velfaerd",
            codename__in=["view_themepage", "change_last_updated"],
        )
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, STAFF]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("velfaerd", "0001_initial"),
        ("publications", "0002_initial"),
        ("articles", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
