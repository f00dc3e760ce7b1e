"""The rows of a theme page's sections and links are drawn in Python (velfaerd/editorial/admin/inline_rows.py) as
django-nested-admin's template draws them, and each row is made once however often the change form reads it."""

from collections import Counter

import pytest
from django.template import engines
from django.utils.html import strip_spaces_between_tags

from tests.admin import admin_form, change_url
from velfaerd.editorial.admin.inline_rows import inline_fieldsets, inline_row_head
from velfaerd.pages.models import CallToAction, Menu, ThemePage

pytestmark = pytest.mark.django_db

#: What django-nested-admin's stacked inline drew for a row's fieldsets, in a form that removes the whitespace
#: between tags (``{% spaceless %}`` in templates/admin/change_form.html).
PACKAGE_TEMPLATE = engines["django"].from_string(
    '{% spaceless %}{% for fieldset in inline_admin_form %}{% include "nesting/admin/includes/inline.html" '
    "with heading_level=4 %}{% endfor %}{% endspaceless %}"
)


#: django-nested-admin's stacked row's opening and heading, as its template wrote them (attributes on one line).
PACKAGE_ROW_HEAD = engines["django"].from_string(
    """{% load i18n nested_admin admin_urls %}{% spaceless %}{% with inline_admin_formset.opts as inline_opts %}
{% for inline_admin_form in inline_admin_formset %}<!--row-->
<div class="{% if not forloop.last or not inline_admin_formset.has_add_permission %}djn-item{% endif %} djn-module \
djn-inline-form{% if inline_admin_form.original or inline_admin_form.show_url %} has_original{% endif %}\
{% if forloop.last and inline_admin_formset.has_add_permission %} djn-empty-form empty-form last-related{% endif %} \
inline-related" data-inline-model="{{ inline_admin_form.model_admin.opts.app_label }}-\
{{ inline_admin_form.model_admin.opts.model_name }}"{% if inline_admin_form.pk_field.field %} data-is-initial="\
{% if inline_admin_form.pk_field.field.value %}true{% else %}false{% endif %}"{% endif %} \
id="{{ inline_admin_formset.formset.prefix }}-{% if forloop.last and inline_admin_formset.has_add_permission %}\
empty{% else %}{{ inline_admin_form.form|form_index }}{% endif %}">
    <h3 class="{% if not inline_opts.sortable_options or not inline_opts.sortable_options.disabled %} \
djn-drag-handler{% endif %}">
        <b>{{ inline_admin_formset.opts.verbose_name|capfirst }}:</b>&nbsp;<span class="inline_label">\
{% if inline_admin_form.original %}{{ inline_admin_form.original }}\
{% if inline_admin_form.model_admin.show_change_link and inline_admin_form.model_admin.has_registered_model %} \
<a href="{% url inline_admin_form.model_admin.opts|admin_urlname:'change' inline_admin_form.original.pk|\
admin_urlquote %}" class="{% if inline_admin_formset.\
has_change_permission %}inlinechangelink{% else %}inlineviewlink{% endif %}">{% if inline_admin_formset.\
has_change_permission %}{% trans "Change" %}{% else %}{% trans "View" %}{% endif %}</a>{% endif %}{% else %}\
{% translate "new" %}{% endif %}</span>
        {% if inline_admin_form.show_url %}<a href="{{ inline_admin_form.absolute_url }}">\
{% trans "View on site" %}</a>{% endif %}
        {% if inline_admin_formset.formset.can_delete %}
        {% if inline_admin_form.original %}
            <span class="delete djn-delete-handler {{ inline_admin_formset.handler_classes|join:" " }}">\
{{ inline_admin_form.deletion_field.field }} {{ inline_admin_form.deletion_field.label_tag }}</span>
        {% else %}
            <span><a class="inline-deletelink djn-remove-handler {{ inline_admin_formset.handler_classes|join:" " }}" \
href="javascript:void(0)">{% translate "Remove" %}</a></span>
        {% endif %}
        {% endif %}
    </h3>{% endfor %}{% endwith %}{% endspaceless %}"""
)


def formsets_of(formsets):
    for formset in formsets:
        yield formset
        for row in formset:
            for nested in getattr(row.form, "inlines", None) or []:
                yield from formsets_of([nested])


def rows(formsets):
    for formset in formsets:
        for row in formset:
            yield row
            for nested in getattr(row.form, "inlines", None) or []:
                yield from rows([nested])


def assert_drawn_as_the_package_draws_them(response):
    drawn = 0
    for row in rows(response.context["inline_admin_formsets"]):
        expected = PACKAGE_TEMPLATE.render({"inline_admin_form": row}).strip()
        drawn_here = strip_spaces_between_tags(str(inline_fieldsets(row)))
        assert drawn_here == strip_spaces_between_tags(expected), row.form.prefix
        drawn += 1
    for formset in formsets_of(response.context["inline_admin_formsets"]):
        heads = PACKAGE_ROW_HEAD.render({"inline_admin_formset": formset}).split("<!--row-->")[1:]
        formset_rows = list(formset)
        assert len(heads) == len(formset_rows)
        for index, (row, expected) in enumerate(zip(formset_rows, heads, strict=True)):
            head = inline_row_head(formset, row, last=index == len(formset_rows) - 1)
            assert head == expected, row.form.prefix
            drawn += 1
    return drawn


def test_the_seed_pages_rows_are_drawn_as_the_package_draws_them(admin_client, seeded):
    page = ThemePage.objects.get()
    response = admin_client.get(change_url(page))
    sections, links = page.parts.count(), CallToAction.objects.count()
    # The rows: each section and link, a new section, and a new link in each section and in the new section;
    # each compared twice: its fieldsets and its heading.
    assert assert_drawn_as_the_package_draws_them(response) == 2 * (sections + links + 1 + sections + 1)


def test_rows_sent_back_with_errors_are_drawn_as_the_package_draws_them(admin_client, seeded):
    page = ThemePage.objects.get()
    url = change_url(page)
    data = admin_form(admin_client, url, "themepage_form")
    data["parts-0-heading"] = ""  # required
    data["parts-0-calls_to_action-0-text"] = ""  # required
    data["parts-0-calls_to_action-0-target"] = "publications.publication:999999"  # no such item
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="errorlist') >= 3
    assert_drawn_as_the_package_draws_them(response)


def test_menu_rows_are_drawn_as_the_package_draws_them(admin_client, seeded):
    response = admin_client.get(change_url(Menu.objects.order_by("pk").first()))
    assert assert_drawn_as_the_package_draws_them(response) > 0


def test_each_row_is_made_once_however_often_the_form_reads_it(admin_client, seeded, monkeypatch):
    """The change form reads its inlines' rows for their media, for the prepopulated fields' script and to draw
    them, and django-nested-admin reads each section's links again for each reading of the sections: every reading
    made each row, and a new empty row, anew."""
    from django.forms.formsets import BaseFormSet

    made = []
    empty_form = BaseFormSet.empty_form

    def counted(formset):
        made.append(formset.prefix)
        return empty_form.fget(formset)

    monkeypatch.setattr(BaseFormSet, "empty_form", property(counted))
    page = ThemePage.objects.get()
    response = admin_client.get(change_url(page))
    assert response.status_code == 200
    # Each formset's row for a new item is made once, and once more for the media of a formset with no rows
    # (Django's BaseFormSet.media reads it): here the new section's links.
    assert Counter(made) == {prefix: 2 if prefix == "parts-empty-calls_to_action" else 1 for prefix in made}
    assert len(set(made)) == page.parts.count() + 2  # each section's links, the sections, the new section's links
