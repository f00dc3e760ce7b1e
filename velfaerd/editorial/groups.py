"""The two groups the site is run with, kept in step with the content registry after every migrate.

"Redaktør" (editors) may add, change, delete and view all content and redirects, read the link checks, the
addresses not found and the change log.
"Medarbejder" (staff) may view theme pages and change their "Sidst opdateret" date, and nothing else.

Permissions are made by Django after each app has migrated (post_migrate, one app at a time), so each app's share
is granted when its turn comes: a new content type needs no migration of its own for this.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS

from velfaerd.content.registry import registry

EDITORS = "Redaktør"
STAFF = "Medarbejder"
ACTIONS = ("add", "change", "delete", "view")
#: Beyond the content itself: (app label, codename).
EDITORS_ALSO = [
    ("editorial", "view_linkcheck"),
    ("admin", "view_logentry"),
    *(("redirects", f"{action}_redirect") for action in ACTIONS),
    ("redirects", "view_notfound"),
]
#: An app above says what else each group may do: its AppConfig's ``grants``, {group name: codenames}.


def _permissions(using, app_label, codenames):
    return Permission.objects.using(using).filter(content_type__app_label=app_label, codename__in=codenames)


def grant_editor_permissions(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    ContentType.objects.clear_cache()
    editors, _created = Group.objects.using(using).get_or_create(name=EDITORS)
    staff, _created = Group.objects.using(using).get_or_create(name=STAFF)
    for entry in registry:
        opts = entry.model._meta
        if opts.app_label == sender.label:
            editors.permissions.add(
                *_permissions(using, opts.app_label, [f"{action}_{opts.model_name}" for action in ACTIONS])
            )
    for app_label, codename in EDITORS_ALSO:
        if app_label == sender.label:
            editors.permissions.add(*_permissions(using, app_label, [codename]))
    for group in (editors, staff):
        if codenames := getattr(sender, "grants", {}).get(group.name):
            group.permissions.add(*_permissions(using, sender.label, codenames))
