"""The form renderer: Django's ``TemplatesSetting`` (widgets drawn with the project's templates too), drawing the
two templates every field uses, its label and its ``<input>``, in Python.

A theme page's form has some 300 fields; each label and each input was a template render of its own (a context, an
include for its attributes, a loop over them), 40 to 60 µs apiece: a quarter of the form's time. The markup is that
of ``templates/django/forms/label.html`` and ``widgets/input.html`` (Django's own, attribute for attribute), which
tests compare it with for every kind of input and value; any other template is rendered as before.
"""

from html import escape

from django.forms.renderers import TemplatesSetting
from django.utils.functional import Promise
from django.utils.safestring import mark_safe


def escaped(value):
    """``conditional_escape``, without its check for lazy arguments on every call (a tenth of the time here)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def html_attrs(attrs):
    """Attributes as Django's ``django/forms/attrs.html`` writes them: False left out, True without a value, any
    other value as text, each escaped."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {escaped(name)}")
        elif value is not False:
            parts.append(f' {escaped(name)}="{escaped(value)}"')
    return mark_safe("".join(parts))  # noqa: S308 (names and values escaped here)


def label(context):
    text = escaped(context["label"])
    if not context["use_tag"]:
        return text
    tag = escaped(context["tag"])
    return f"<{tag}{html_attrs(context['attrs'])}>{text}</{tag}>"


def input_(context):
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{escaped(widget["value"])}"'
    attrs = html_attrs(widget["attrs"])
    return f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"{value}{attrs}>'


#: Templates drawn here, and what draws them. Django's text, number, hidden, checkbox... templates are each only
#: an include of the input's.
DRAWN = {
    "django/forms/label.html": label,
    "django/forms/widgets/input.html": input_,
    **{
        f"django/forms/widgets/{kind}.html": input_
        for kind in ("text", "number", "email", "url", "password", "hidden", "checkbox", "date", "time", "datetime")
    },
}


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        draw = DRAWN.get(template_name)
        if draw is None:
            return super().render(template_name, context, request)
        return mark_safe(draw(context))  # noqa: S308 (escaped as the templates escape)
