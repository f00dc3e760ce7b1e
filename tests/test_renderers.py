"""A field's label and its <input> are drawn in Python (velfaerd/renderers.py) exactly as the templates draw them,
for every kind of input, value and attribute."""

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.functional import lazystr
from django.utils.safestring import mark_safe

from velfaerd.renderers import DRAWN, FormRenderer

ATTRS = {
    "class": "vTextField",
    "maxlength": 200,
    "required": True,
    "disabled": False,
    "placeholder": 'Skriv "titlen" & <mere>',
    "data-config": mark_safe("&quot;allerede escapet&quot;"),
    "aria-label": lazystr("Søg"),
    "step": None,
}
WIDGETS = [
    (forms.TextInput(attrs=ATTRS), "Velfærd & <ledelse>"),
    (forms.TextInput(), None),
    (forms.TextInput(), ""),
    (forms.NumberInput(attrs={"min": 0}), 0),
    (forms.NumberInput(), 3.5),
    (forms.EmailInput(), "leder@example.org"),
    (forms.URLInput(), "https://example.org/?a=1&b=2"),
    (forms.PasswordInput(render_value=True), "hemmeligt"),
    (forms.PasswordInput(), "hemmeligt"),
    (forms.HiddenInput(), 12),
    (forms.HiddenInput(), None),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.DateInput(format="%d.%m.%Y"), datetime.date(2017, 2, 13)),
    (forms.TimeInput(), datetime.time(9, 30)),
    (forms.DateTimeInput(), datetime.datetime(2017, 2, 13, 9, 30)),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS, ids=lambda item: type(item).__name__)
def test_inputs_are_drawn_as_the_templates_draw_them(widget, value):
    context = widget.get_context("parts-0-title", value, {"id": "id_parts-0-title"})
    assert widget.template_name in DRAWN
    drawn = FormRenderer().render(widget.template_name, context)
    assert drawn == TemplatesSetting().render(widget.template_name, context)
    assert drawn.startswith("<input type=")


CHOICES = [("", "---------"), (1, "Velfærd & <ledelse>"), (2, lazystr("Læs mere"))]
GROUPED = [
    ("", "Ingen"),
    ("Publikationer", [(3, "Maskinrummet"), (4, "Brobyggerne")]),
    (lazystr("Rapporter"), [(5, "A")]),
]
SELECTS = [
    (forms.Select(choices=CHOICES), 1),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=CHOICES, attrs={"class": "admin-autocomplete", "data-x": '"q"'}), "2"),
    (forms.Select(choices=GROUPED), 4),
    (forms.Select(choices=[]), None),
    (forms.SelectMultiple(choices=GROUPED), [3, 5]),
    (forms.NullBooleanSelect(), True),
]


@pytest.mark.parametrize(("widget", "value"), SELECTS, ids=lambda item: type(item).__name__)
def test_selects_are_drawn_as_the_template_draws_them(widget, value):
    context = widget.get_context("section", value, {"id": "id_section", "required": True})
    assert widget.template_name in DRAWN
    drawn = FormRenderer().render(widget.template_name, context)
    assert drawn == TemplatesSetting().render(widget.template_name, context)
    assert drawn.count("<option") == sum(len(options) for _group, options, _index in context["widget"]["optgroups"])


def test_a_select_whose_options_have_a_template_of_their_own_is_drawn_by_the_template():
    class Own(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    context = Own(choices=CHOICES).get_context("kind", 1, {"id": "id_kind"})
    assert FormRenderer().render(Own.template_name, context) == TemplatesSetting().render(Own.template_name, context)


class Form(forms.Form):
    title = forms.CharField(label="Titel & <undertitel>")
    agree = forms.BooleanField(label=lazystr("Væsentlig ændring"), required=False)
    question = forms.CharField(label="Hvorfor?", label_suffix=" →")


@pytest.mark.parametrize("auto_id", ["id_%s", False])
@pytest.mark.parametrize("name", ["title", "agree", "question"])
@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"attrs": {"class": "required"}},
        {"label_suffix": ""},
        {"tag": "legend"},
        {"contents": mark_safe("<b>T</b>")},
    ],
)
def test_labels_are_drawn_as_the_templates_draw_them(auto_id, name, arguments):
    assert Form.template_name_label in DRAWN
    with_template = Form(auto_id=auto_id, renderer=TemplatesSetting())[name].label_tag(**arguments)
    assert Form(auto_id=auto_id, renderer=FormRenderer())[name].label_tag(**arguments) == with_template


def test_the_site_draws_its_forms_with_it():
    assert isinstance(forms.Form().renderer, FormRenderer)
