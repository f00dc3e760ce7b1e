from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """``backup`` and ``restore``: the database and the uploaded files in one archive."""

    name = "velfaerd.backups"
    verbose_name = _("Backups")
