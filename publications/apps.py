from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications and reports")

    def ready(self):
        from . import content  # noqa: F401 - registers this app's content types
