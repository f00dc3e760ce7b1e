from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, name, number):
    """The current address's query with ``name`` set to ``number``: each section of a page keeps its own page."""
    query = context["request"].GET.copy()
    query[name] = number
    return query.urlencode()
