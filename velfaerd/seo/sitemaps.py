"""The sitemap: every published item of every content type the registry puts in it, and the list pages each app
names. ``/sitemap.xml`` is an index of sections (one per content type, and the lists), each split into pages of
``PAGE_SIZE`` addresses, so no request reads the whole archive."""

import datetime

from django.contrib.sitemaps import Sitemap, views
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from velfaerd.caching.pagecache import depends_on
from velfaerd.content.registry import registry

#: Addresses per sitemap page (search engines accept up to 50,000; smaller pages keep a worker's memory small).
PAGE_SIZE = 1000


def last_changed(model):
    """In SQL, when an item of ``model`` last changed substantively (``Publishable.LAST_CHANGED``)."""
    return getattr(model, "LAST_CHANGED", F("updated_at"))


def shown(model):
    manager = model.objects
    return manager.published() if hasattr(manager, "published") else manager.all()


def newest_change(*models):
    """When what ``models`` list last changed: one aggregate each."""
    found = [shown(model).aggregate(latest=Max(last_changed(model)))["latest"] for model in models]
    found = [as_moment(value) for value in found if value is not None]
    return max(found) if found else None


def as_moment(value):
    """A date (a theme page's "Sidst opdateret") as the start of that day, so dates and moments compare."""
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=timezone.get_current_timezone())


def section(request, section, sitemaps, **kwargs):
    """A section of the sitemap. For the page cache it shows the kinds its sitemap lists (``shows()``), so a change
    to one kind leaves the other sections cached."""
    found = sitemaps.get(section)
    if found is not None:
        depends_on(*(found() if isinstance(found, type) else found).shows())
    return views.sitemap(request, sitemaps, section=section, **kwargs)


class PublishedSitemap(Sitemap):
    """Every published item of one model, each with the date it last changed substantively."""

    limit = PAGE_SIZE

    def __init__(self, model, select_related=()):
        self.model = model
        self.select_related = select_related

    def shows(self):
        return [self.model, *(self.model._meta.get_field(name).related_model for name in self.select_related)]

    def items(self):
        # Only what an address and its date are made of (every item's address is made from its slug and those of
        # the items it is selected with): a page of a thousand articles without their texts.
        queryset = self.model.objects.published().order_by("pk")
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        fields = ("slug", *(f"{name}__slug" for name in self.select_related))
        return queryset.annotate(changed=last_changed(self.model)).only(*fields)

    def lastmod(self, item):
        return item.changed

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every item fetched to find the newest.
        return newest_change(self.model)


class NamedPagesSitemap(Sitemap):
    """Pages with a URL name and no model of their own, such as lists: each with the models it lists, whose newest
    change is its own."""

    def __init__(self, pages):
        self.pages = pages

    def items(self):
        return list(self.pages)

    def location(self, item):
        return reverse(item)

    def shows(self):
        return [model for models in self.pages.values() for model in models]

    def lastmod(self, item):
        return newest_change(*self.pages[item])


def content_sitemaps():
    return {
        entry.model._meta.label_lower.replace(".", "-"): PublishedSitemap(entry.model, entry.sitemap_select_related)
        for entry in registry.in_sitemap()
    }
