from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """Uploaded files served to whom their item allows, with headers that keep them from running as pages."""

    name = "velfaerd.media"
    verbose_name = _("Uploaded files")
