from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def html_attrs(attrs):
    """An element's attributes as Django's ``django/forms/attrs.html`` writes them (False left out, True without a
    value, any other value as text, each escaped), for the templates that write a field's label and widget: their
    loop in the template language cost a form of 300 fields a sixth of its time."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return mark_safe("".join(parts))  # noqa: S308 (names and values escaped here)
