"""What search engines read on a page: its structured data (structured.py) as JSON-LD."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from velfaerd.seo import structured

register = template.Library()


@register.simple_tag(takes_context=True)
def page_data(context, kind, name, description="", item=None):
    """The page's structured data (structured.py): ``{% page_data "CollectionPage" title description %}``."""
    return json_ld(structured.graph(context["request"], kind, str(name), description, item))


@register.simple_tag(takes_context=True)
def breadcrumb_data(context, current, parent=None, parent_title="", parent_url="", above_title="", above_url=""):
    """The breadcrumbs as a schema.org BreadcrumbList, the same trail the page shows (``above_…``: a level above
    the parent)."""
    request = context["request"]
    trail = [(_("Home"), reverse("home"))]
    if above_url:
        trail.append((above_title, above_url))
    if parent:
        trail.append((str(parent), parent.get_absolute_url()))
    elif parent_url:
        trail.append((parent_title, parent_url))
    trail.append((current, request.path))
    return json_ld(structured.breadcrumbs(request, trail))


@register.filter
def json_ld(data):
    """Structured data (schema.org) as a JSON-LD block; "<", ">" and "&" are escaped so nothing can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
