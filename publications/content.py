"""The publications app's entries in the content registry."""

from velfaerd.content.registry import Search, registry

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
