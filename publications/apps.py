from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications and reports")

    def ready(self):
        from velfaerd.core.registry import Search, registry

        from .models import KeyFinding, Publication, SurveyReport

        registry.register(
            Publication,
            search=Search("title", ("subtitle", "summary")),
            feed_summary="summary",
            sitemap=True,
        )
        registry.register(
            SurveyReport,
            search=Search("title", ("summary",)),
            feed_summary="summary",
            sitemap=True,
        )
        registry.register(KeyFinding)
