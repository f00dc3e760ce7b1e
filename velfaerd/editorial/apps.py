from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' tools: admin mixins, revisions and compare, content health, link checking, the editor groups."""

    default = True  # the module has other configurations too: this is the app's own
    name = "velfaerd.editorial"
    label = "editorial"
    verbose_name = _("Editing")

    def ready(self):
        from velfaerd.core.versions import rows_changed

        from . import health
        from .groups import grant_editor_permissions

        post_migrate.connect(grant_editor_permissions, dispatch_uid="editorial-editor-permissions")
        # Content health is checked when content changes, whatever changes it (health.py).
        post_migrate.connect(health.check_after_migrate, sender=self, dispatch_uid="editorial-health-migrate")
        post_save.connect(health.content_saved, dispatch_uid="editorial-health-save")
        post_delete.connect(health.content_deleted, dispatch_uid="editorial-health-delete")
        m2m_changed.connect(health.m2m_changed, dispatch_uid="editorial-health-m2m")
        rows_changed.connect(health.rows_changed, dispatch_uid="editorial-health-rows")


class AxesConfig(axes_apps.AppConfig):
    """django-axes (login throttling) under a Danish name in the admin; its texts: library_texts.py."""

    verbose_name = _("Login lockouts")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own admin site: Danish titles and the content health dashboard."""

    default = False
    default_site = "velfaerd.editorial.sites.AdminSite"
