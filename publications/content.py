"""The publications app's entries in the content registry."""

from django.utils.translation import gettext_lazy as _

from velfaerd.content.registry import Search, Themed, registry

from .models import KeyFinding, Publication, SurveyReport

registry.register(
    Publication,
    search=Search("title", ("subtitle", "summary"), document="document"),
    feed_summary="summary",
    sitemap=True,
    themed=Themed("publikationer", _("Publications"), prefetch_related=("publishers",)),
    address=("publication-detail", {"slug": "slug"}),
)
registry.register(
    SurveyReport,
    search=Search("title", ("summary",), document="document"),
    feed_summary="summary",
    sitemap=True,
    themed=Themed("rapporter", _("Reports"), select_related=("organisation",)),
    address=("survey-report-detail", {"slug": "slug"}),
)
registry.register(KeyFinding)
