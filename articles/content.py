"""The articles app's entries in the content registry."""

from velfaerd.content.registry import Search, registry

from .models import Article

registry.register(
    Article,
    search=Search("title", ("standfirst", "body", "author")),
    feed_summary="standfirst",
    sitemap=True,
)
