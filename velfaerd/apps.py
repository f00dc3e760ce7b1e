from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VelfaerdConfig(AppConfig):
    name = "velfaerd"
    verbose_name = _("Pages and themes")
