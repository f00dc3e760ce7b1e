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

    #: Not in a backup (velfaerd/backups/backup.py).
    not_backed_up = ("healthcheck", "finding")  # checked again after a restore

    def ready(self):
        from django.apps import apps
        from django.core import checks

        from velfaerd.content.registry import registry

        from . import health
        from .admin.checks import check_edit_pipeline
        from .groups import grant_editor_permissions

        checks.register(check_edit_pipeline, checks.Tags.admin)

        # Django makes each app's permissions after that app has migrated: each app's share is granted then.
        for config in apps.get_app_configs():
            post_migrate.connect(grant_editor_permissions, sender=config, dispatch_uid=f"editors-{config.label}")
        # Content health is checked when content changes, whatever changes it (health.py).
        post_migrate.connect(health.check_after_migrate, sender=self, dispatch_uid="editorial-health-migrate")
        registry.subscribe(health.SUBSCRIBER)


class AxesConfig(axes_apps.AppConfig):
    """django-axes (login throttling) under a Danish name in the admin; its texts: library_texts.py."""

    verbose_name = _("Login lockouts")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own admin site: Danish titles and the content health dashboard."""

    default = False
    default_site = "velfaerd.editorial.sites.AdminSite"
