from django import template

from velfaerd.renderers import html_attrs

register = template.Library()

#: For the label's and the widgets' templates (templates/django/forms/): their loop over the attributes in the
#: template language cost a form of 300 fields a sixth of its time.
register.simple_tag(html_attrs)
