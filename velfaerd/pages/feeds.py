import heapq
from operator import attrgetter

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from velfaerd.content.registry import registry
from velfaerd.content.text import without_controls
from velfaerd.seo.sitemaps import as_moment

FEED_SIZE = 20


def latest_content(count=FEED_SIZE):
    """The newest published items of every kind in the feed, newest first (one query per kind)."""
    newest = []
    for entry in registry.in_feed():
        queryset = entry.model.objects.published()
        if entry.sitemap_select_related:
            queryset = queryset.select_related(*entry.sitemap_select_related)
        newest += list(queryset.order_by("-publish_at")[:count])
    return heapq.nlargest(count, newest, key=attrgetter("publish_at"))


class LatestContentFeed(Feed):
    title = "Velfærd: nyt indhold"
    link = reverse_lazy("home")
    description = "Nye publikationer, rapporter, artikler og temasider om ledelse i velfærden."

    def items(self):
        return latest_content()

    # Text saved before control characters were cleaned on the way in could still hold one, which XML forbids and
    # which would fail the whole feed: what a feed writes is cleaned again.
    def item_title(self, item):
        return without_controls(str(item), multiline=False)

    def item_description(self, item):
        summary = registry.get(type(item)).feed_summary
        return without_controls(Truncator(strip_tags(getattr(item, summary) or "")).words(60))

    def item_pubdate(self, item):
        """When visitors could first see it."""
        return item.first_published_at or item.publish_at

    def item_updateddate(self, item):
        """Its last substantive change (not a typo fixed)."""
        return as_moment(item.last_changed())

    def item_categories(self, item):
        return [str(item._meta.verbose_name)]


class LatestContentAtomFeed(LatestContentFeed):
    """The same in Atom, which has room for both dates: ``published`` and ``updated`` (RSS has one per item)."""

    feed_type = Atom1Feed
    subtitle = LatestContentFeed.description
    author_name = "Velfærd"  # Atom asks for an author; the site's editors write as the site
