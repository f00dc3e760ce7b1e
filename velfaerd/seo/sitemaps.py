"""The sitemap: every published item of every content type the registry puts in it, and the list pages each app
names. ``/sitemap.xml`` is an index of sections (one per content type, and the lists), each split into pages of
``PAGE_SIZE`` addresses, so no request reads the whole archive.

The index reads each section's figures as stored (``SitemapFigures``: how many addresses, the newest change), not
an aggregate over every row: a change to a kind a section lists deletes its row in the change's own transaction
(``SUBSCRIBER``), and the next index counts that section again by its own sitemap, as it does when a scheduled item
of it comes or goes, and at least hourly. So the index costs one query however large the archive, and after an
edit one section's count.
"""

import copy
import datetime
import math

from django.contrib.sitemaps import Sitemap, views
from django.db.models import F, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from velfaerd.caching.pagecache import depends_on
from velfaerd.content.changes import kind_scope
from velfaerd.content.publishing import Publishable
from velfaerd.content.registry import Subscriber, registry

from .models import SitemapFigures

#: Addresses per sitemap page. Search engines accept up to 50,000; a page costs about 60 µs an address (reading,
#: addressing and writing it), so 500 make a page in about 30 ms and a worker holds 2–3 MB while making it.
PAGE_SIZE = 500


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


class Urlset:
    """Django's sitemap template (``sitemap.xml``), written here: a page holds a thousand addresses, and the template
    language spent as long on them as reading and addressing the items did (26 ms a page). The same XML, less what no
    section here has (change frequencies, priorities, other languages)."""

    def render(self, context=None, request=None):
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for url in context["urlset"]:
            lastmod = url.get("lastmod")
            if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
                lastmod = timezone.localtime(lastmod)  # as the template's date filter shows it
            shown = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
            lines.append(f"<url><loc>{escape(url['location'])}</loc>{shown}</url>")
        lines.append("</urlset>\n")
        return "\n".join(lines)


URLSET = Urlset()


def section(request, section, sitemaps, **kwargs):
    """A section of the sitemap. For the page cache it shows the kinds its sitemap lists (``shows()``), so a change
    to one kind leaves the other sections cached."""
    found = sitemaps.get(section)
    if found is not None:
        depends_on(*(found() if isinstance(found, type) else found).shows())
    return views.sitemap(request, sitemaps, section=section, template_name=URLSET, **kwargs)


def index(request, sitemaps, **kwargs):
    """The sitemap index, from each section's stored figures."""
    figures = stored_figures(sitemaps)
    sections = {}
    for name, site in sitemaps.items():
        site = copy.copy(site() if isinstance(site, type) else site)  # the shared instance is left as it is
        site.stored = figures[name]
        sections[name] = site
    return views.index(request, sections, **kwargs)


class _Pages:
    """What the index asks of a section's paginator: how many pages."""

    def __init__(self, items, limit):
        self.num_pages = max(1, math.ceil(items / limit))


class StoredFiguresMixin:
    """A sitemap section whose index entry is read from its stored figures, when the index gave them."""

    stored = None

    @property
    def paginator(self):
        if self.stored is not None:
            return _Pages(self.stored.items, self.limit)
        return super().paginator

    def get_latest_lastmod(self):
        if self.stored is not None:
            return self.stored.latest
        return self.count_latest_lastmod()

    def count_latest_lastmod(self):
        return super().get_latest_lastmod()


def _scheduled(models, now):
    """When the next item of ``models`` comes or goes by its dates, or None."""
    upcoming = []
    for model in models:
        if issubclass(model, Publishable):
            dates = model._default_manager.aggregate(
                publish=Min("publish_at", filter=Q(is_published=True, publish_at__gt=now)),
                expire=Min("expire_at", filter=Q(is_published=True, expire_at__gt=now)),
            )
            upcoming += [d for d in dates.values() if d]
    return min(upcoming, default=None)


#: Stored figures are counted again at least this often, whatever happened.
FIGURES_HOLD = datetime.timedelta(hours=1)


def _kinds(models):
    return "".join(f" {kind_scope(model)} " for model in models)


def stored_figures(sitemaps):
    """{section: its SitemapFigures}, each counted again where it was forgotten or its time is up."""
    now = timezone.now()
    rows = {row.section: row for row in SitemapFigures.objects.filter(section__in=list(sitemaps))}
    counted = []
    for name, site in sitemaps.items():
        site = site() if isinstance(site, type) else site
        row = rows.get(name)
        if row is None or row.until <= now:
            shows = site.shows()
            row = SitemapFigures(
                section=name,
                items=site.paginator.count,
                latest=site.get_latest_lastmod(),
                until=min(filter(None, (_scheduled(shows, now), now + FIGURES_HOLD))),
                kinds=_kinds(shows),
            )
            counted.append(row)
            rows[name] = row
    if counted:
        SitemapFigures.objects.bulk_create(
            counted,
            update_conflicts=True,
            unique_fields=["section"],
            update_fields=["items", "latest", "until", "kinds"],
        )
    return rows


def forget(sender, **kwargs):
    """Content of ``sender`` changed (and, for a many-to-many change, of the other side): the sections that list it
    are counted again by the next index."""
    models = {sender}
    if (instance := kwargs.get("instance")) is not None and kwargs.get("model") is not None:  # m2m_changed
        models = {type(instance), kwargs["model"]}
    condition = Q()
    for model in models:
        condition |= Q(kinds__contains=f" {kind_scope(model)} ")
    SitemapFigures.objects.filter(condition).delete()


SUBSCRIBER = Subscriber("sitemap-figures", saved=forget, deleted=forget, m2m_changed=forget, rows_changed=forget)


class PublishedSitemap(StoredFiguresMixin, Sitemap):
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

    def count_latest_lastmod(self):
        # For the index: one aggregate, not every item fetched to find the newest.
        return newest_change(self.model)


class NamedPagesSitemap(StoredFiguresMixin, Sitemap):
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
