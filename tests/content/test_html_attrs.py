"""A field's label and widget attributes are written by a tag (templates/django/forms/*attrs.html) exactly as
Django's own templates write them."""

from pathlib import Path

import django
import pytest
from django import forms
from django.template import Context, Template
from django.utils.functional import lazystr
from django.utils.safestring import mark_safe

DJANGO_FORMS = Path(django.__file__).parent / "forms" / "templates" / "django" / "forms"

ATTRS = {
    "id": "id_title",
    "required": True,
    "disabled": False,
    "maxlength": 200,
    "placeholder": 'Skriv "titlen" & <mere>',
    "data-config": mark_safe("&quot;already escaped&quot;"),
    "aria-label": lazystr("Søg"),
    "min": 0,
    "step": None,
}


@pytest.mark.parametrize(
    ("template", "context"), [("attrs.html", {"attrs": ATTRS}), ("widgets/attrs.html", {"widget": {"attrs": ATTRS}})]
)
def test_attributes_are_written_as_djangos_template_writes_them(template, context):
    djangos = Template((DJANGO_FORMS / template).read_text()).render(Context(context))
    ours = Template('{% include "django/forms/' + template + '" %}').render(Context(context))
    assert ours == djangos.rstrip("\n")
    assert ' required maxlength="200"' in ours
    assert "disabled" not in ours


def test_widgets_and_labels_are_drawn_as_django_draws_them():
    class Form(forms.Form):
        title = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": "<Titel>"}))
        agree = forms.BooleanField(required=False)

    form = Form(auto_id="id_%s")
    assert str(form["title"]) == (
        '<input type="text" name="title" placeholder="&lt;Titel&gt;" maxlength="20" required id="id_title">'
    )
    assert str(form["agree"]) == '<input type="checkbox" name="agree" id="id_agree">'
    assert form["title"].label_tag(attrs={"class": "required"}) == (
        '<label class="required" for="id_title">Title:</label>'
    )
