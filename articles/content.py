"""The articles app's entries in the content registry."""

from django.utils.translation import gettext_lazy as _

from velfaerd.content.registry import Search, Themed, registry

from .models import Article

registry.register(
    Article,
    search=Search("title", ("standfirst", "body", "author")),
    feed_summary="standfirst",
    sitemap=True,
    themed=Themed("artikler", _("Articles"), select_related=("source",)),
    address=("article-detail", {"slug": "slug"}),
)
