from django import template

from velfaerd.editorial.admin.inline_rows import inline_fieldsets, inline_row_head

register = template.Library()
register.simple_tag(inline_fieldsets)
register.simple_tag(inline_row_head)


@register.simple_tag(takes_context=True)
def page_query(context, name, number):
    """The current address's query with ``name`` set to ``number``: each section of a page keeps its own page."""
    query = context["request"].GET.copy()
    query[name] = number
    return query.urlencode()


@register.simple_tag
def prose_editor_config():
    """The one configuration a change form's rich-text editors are made from (admin/richtext.py)."""
    from velfaerd.editorial.admin.richtext import config_script

    return config_script()
