import json

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


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
