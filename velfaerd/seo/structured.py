"""Structured data for search engines (schema.org in JSON-LD): one graph per page.

Every page has the site's ``Organization`` and ``WebSite``, and itself as a ``WebPage`` (a list or theme page: a
``CollectionPage``) with its name, description, image and dates. A page about one item also carries that item,
as its ``mainEntity``, made by the item's ``structured_data(absolute)``: an ``Article``, a ``Report``, a ``Book``
for a publication. Pages with breadcrumbs add a ``BreadcrumbList``. Every address is absolute.
"""

import datetime

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

SITE_NAME = "Velfærd"
DEFAULT_IMAGE = "velfaerd/og-image.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def describe(text, words=40):
    return Truncator(strip_tags(text or "").strip()).words(words) if text else ""


def image_of(item, absolute):
    """The absolute address of the item's picture (cover, portrait), or None."""
    for name in ("cover_picture", "portrait_picture"):
        if (method := getattr(item, name, None)) is not None and (found := method()) is not None:
            return absolute(found.src)
    return None


def day(value):
    """The date of a moment on the site's clock (a date stays as it is), as ISO 8601."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def moment(value):
    return value.isoformat() if value is not None else None


def graph(request, kind, name, description="", item=None):
    """The page's graph: the site, the page (``kind``: WebPage, CollectionPage, SearchResultsPage...) and its
    item."""

    def absolute(path):
        return request.build_absolute_uri(path)

    home = absolute(reverse("home"))
    organisation = {
        "@type": "Organization",
        "@id": f"{home}#organisation",
        "name": SITE_NAME,
        "url": home,
        "logo": absolute(static(DEFAULT_IMAGE)),
    }
    website = {
        "@type": "WebSite",
        "@id": f"{home}#websted",
        "name": SITE_NAME,
        "url": home,
        "inLanguage": "da",
        "publisher": {"@id": organisation["@id"]},
    }
    url = absolute(request.path)
    page = {
        "@type": kind,
        "@id": url,
        "url": url,
        "name": name,
        "inLanguage": "da",
        "isPartOf": {"@id": website["@id"]},
        "publisher": {"@id": organisation["@id"]},
        "image": (item is not None and image_of(item, absolute)) or absolute(static(DEFAULT_IMAGE)),
    }
    if description := describe(description):
        page["description"] = description
    nodes = [organisation, website, page]
    if item is not None:
        first = getattr(item, "first_published_at", None) or getattr(item, "publish_at", None)
        if first is not None:
            page["datePublished"] = moment(first)
        if callable(changed := getattr(item, "last_changed", None)):
            page["dateModified"] = moment(changed())
        if callable(getattr(item, "structured_data", None)):
            entity = {"@id": f"{url}#indhold", "url": url, "mainEntityOfPage": {"@id": url}}
            entity |= item.structured_data(absolute)
            entity.setdefault("image", page["image"])
            page["mainEntity"] = {"@id": entity["@id"]}
            nodes.append(entity)
    return {"@context": "https://schema.org", "@graph": nodes}


def breadcrumbs(request, trail):
    """A ``BreadcrumbList`` of (name, address) from the front page down to this page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(name), "item": request.build_absolute_uri(address)}
            for n, (name, address) in enumerate(trail, start=1)
        ],
    }
