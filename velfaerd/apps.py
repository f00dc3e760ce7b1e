from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _

#: The apps whose models are the site's content (pages, items, organisations, themes).
CONTENT_APPS = ("velfaerd", "publications", "articles")


class VelfaerdConfig(AppConfig):
    name = "velfaerd"
    verbose_name = _("Pages and themes")
    default = True

    def ready(self):
        # Any committed change to content makes cached pages out of date (velfaerd/pagecache.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .health import content_models
        from .pagecache import content_changed

        for model in content_models():
            post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-del-{model._meta.label}")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(
                    content_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}"
                )


class VelfaerdAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own admin site: Danish titles and the content health dashboard."""

    default = False
    default_site = "velfaerd.sites.AdminSite"
