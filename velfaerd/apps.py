from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class VelfaerdConfig(AppConfig):
    name = "velfaerd"
    verbose_name = _("Pages and themes")
    default = True


class VelfaerdAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site's own admin site: Danish titles and the content health dashboard."""

    default = False
    default_site = "velfaerd.sites.AdminSite"
