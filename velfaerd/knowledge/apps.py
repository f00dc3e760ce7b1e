from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """Knowledge-centre links, a content type of their own (they lived in the pages app, and kept its table)."""

    name = "velfaerd.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge centres")

    def ready(self):
        from . import content  # noqa: F401 - registers this app's content type
