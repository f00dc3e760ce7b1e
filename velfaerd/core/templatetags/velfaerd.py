import json

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from velfaerd.core import structured

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


@register.filter
def file_label(size):
    """ "(PDF, 2,3 MB)": the type and size of a linked document."""
    if size is None:
        return "(PDF)"
    return f"(PDF, {filesizeformat(size)})"


@register.inclusion_tag("includes/edit_link.html", takes_context=True)
def edit_link(context):
    """ "Rediger denne side" for a logged-in editor who may change what the page shows: the item's change form, or
    the list of its kind in the admin. Nothing for visitors (no session is read without a session cookie, so
    their pages stay the same for everyone and cacheable)."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {}
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return {}
    obj = context.get("object")
    model = type(obj) if obj is not None and hasattr(obj, "_meta") else getattr(context.get("view"), "model", None)
    if model is None:
        return {}
    opts = model._meta.concrete_model._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return {}
    try:
        if obj is not None and hasattr(obj, "_meta"):
            return {"url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])}
        return {"url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), "list": True}
    except NoReverseMatch:
        return {}
