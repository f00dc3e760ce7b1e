"""The form renderer: Django's ``TemplatesSetting`` (widgets drawn with the project's templates too), drawing the
templates nearly every field uses, its label, its ``<input>`` or its ``<select>``, in Python.

A theme page's form has some 300 fields; each label and each input was a template render of its own (a context, an
include for its attributes, a loop over them), 40 to 60 µs apiece: a quarter of the form's time, and a select of
its 50 link rows 200 µs. The markup is that of ``templates/django/forms/label.html``, ``widgets/input.html`` (both
Django's own, attribute for attribute) and ``widgets/select.html`` (Django's, with its options written in place),
which tests compare it with for every kind of input, option and value; any other template is rendered as before.
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


def select(context):
    """``templates/django/forms/widgets/select.html``: the options written in place, each on a line of its own."""
    widget = context["widget"]
    parts = [f'<select name="{escaped(widget["name"])}"{html_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escaped(group_name)}">')
        for option in options:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                return None  # an option of its own template: the template draws the whole box
            parts.append(
                f'\n  <option value="{escaped(option["value"])}"{html_attrs(option["attrs"])}>'
                f"{escaped(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


#: Templates drawn here, and what draws them. Django's text, number, hidden, checkbox... templates are each only
#: an include of the input's.
DRAWN = {
    "django/forms/label.html": label,
    "django/forms/widgets/input.html": input_,
    "django/forms/widgets/select.html": select,
    **{
        f"django/forms/widgets/{kind}.html": input_
        for kind in ("text", "number", "email", "url", "password", "hidden", "checkbox", "date", "time", "datetime")
    },
}


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        draw = DRAWN.get(template_name)
        drawn = None if draw is None else draw(context)
        if drawn is None:
            return super().render(template_name, context, request)
        return mark_safe(drawn)  # noqa: S308 (escaped as the templates escape)
