"""The sitemap: every published item of every content type the registry puts in it, and the list pages each app
names. ``/sitemap.xml`` is an index of sections (one per content type, and the lists), each split into pages of
``PAGE_SIZE`` addresses, so no request reads the whole archive."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .registry import registry

#: Addresses per sitemap page (search engines accept up to 50,000; smaller pages keep a worker's memory small).
PAGE_SIZE = 1000


class PublishedSitemap(Sitemap):
    """Every published item of one model."""

    limit = PAGE_SIZE

    def __init__(self, model, select_related=()):
        self.model = model
        self.select_related = select_related

    def items(self):
        # Only what an address and its date are made of (every item's address is made from its slug and those of
        # the items it is selected with): a page of a thousand articles without their texts.
        queryset = self.model.objects.published().order_by("pk")
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.only("slug", "updated_at", *(f"{name}__slug" for name in self.select_related))

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every item fetched to find the newest.
        return self.model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class NamedPagesSitemap(Sitemap):
    """Pages with a URL name and no model of their own, such as lists."""

    def __init__(self, names):
        self.names = names

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)


def content_sitemaps():
    return {
        entry.model._meta.label_lower.replace(".", "-"): PublishedSitemap(entry.model, entry.sitemap_select_related)
        for entry in registry.in_sitemap()
    }
