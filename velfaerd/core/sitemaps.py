"""The sitemap: every published item of every content type the registry puts in it, and the list pages each app
names."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .registry import registry


class PublishedSitemap(Sitemap):
    """Every published item of one model."""

    def __init__(self, model, select_related=()):
        self.model = model
        self.select_related = select_related

    def items(self):
        queryset = self.model.objects.published().order_by("pk")
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def lastmod(self, item):
        return item.updated_at


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
        entry.model._meta.label_lower: PublishedSitemap(entry.model, entry.sitemap_select_related)
        for entry in registry.in_sitemap()
    }
