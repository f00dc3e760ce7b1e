from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' tools: admin mixins, revisions and compare, content health, link checking, the editor groups."""

    default = True  # the module has other configurations too: this is the app's own
    name = "velfaerd.editorial"
    label = "editorial"
    verbose_name = _("Editing")

    def ready(self):
        from .groups import grant_editor_permissions

        post_migrate.connect(grant_editor_permissions, dispatch_uid="editorial-editor-permissions")


class AxesConfig(axes_apps.AppConfig):
    """django-axes (login throttling) under a Danish name in the admin; its texts: library_texts.py."""

    verbose_name = _("Login lockouts")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own admin site: Danish titles and the content health dashboard."""

    default = False
    default_site = "velfaerd.editorial.sites.AdminSite"
