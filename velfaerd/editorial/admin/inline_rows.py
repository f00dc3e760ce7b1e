"""An inline row's heading and fieldsets, drawn in Python.

A theme page's form draws django-nested-admin's stacked row (``nesting/admin/inlines/stacked.html``) and its
fieldset template (``nesting/admin/includes/inline.html``) for each of its sections and links, some 60 times, and
the template language spent over a millisecond on each: half of the form's time, with three version tests and four
field counts for every field. This draws the same markup (the Django 5+ branches, without the whitespace the form's
``{% spaceless %}`` removes) at a fraction of the cost; the fields' labels and widgets are drawn as everywhere
(Django's fields, through the site's form renderer). Tests compare the two on the seed's theme page, on a form sent
back with errors, and on a menu.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from nested_admin.templatetags.nested_admin import form_index


def inline_row_head(inline_admin_formset, inline_admin_form, last):
    """A row's opening tag and its heading: what it is, and its delete box (or, for a new row, its remove link).
    ``last``: the formset's last row, which is the template for a new row when rows may be added."""
    empty = last and inline_admin_formset.has_add_permission
    original = inline_admin_form.original
    opts = inline_admin_form.model_admin.opts
    classes = "".join(
        [
            "" if empty else "djn-item",
            " djn-module djn-inline-form",
            " has_original" if original or inline_admin_form.show_url else "",
            " djn-empty-form empty-form last-related" if empty else "",
            " inline-related",
        ]
    )
    pk = inline_admin_form.pk_field().field
    initial = format_html(' data-is-initial="{}"', "true" if pk.value() else "false") if pk else ""
    sortable = getattr(inline_admin_formset.opts, "sortable_options", None)
    return format_html(
        '<div class="{}" data-inline-model="{}-{}"{} id="{}-{}"><h3 class="{}"><b>{}:</b>&nbsp;'
        '<span class="inline_label">{}</span>{}{}</h3>',
        classes,
        opts.app_label,
        opts.model_name,
        initial,
        inline_admin_formset.formset.prefix,
        "empty" if empty else form_index(inline_admin_form.form),
        " djn-drag-handler" if not sortable or not sortable.get("disabled") else "",
        capfirst(inline_admin_formset.opts.verbose_name),
        _row_label(inline_admin_formset, inline_admin_form),
        format_html('<a href="{}">{}</a>', inline_admin_form.absolute_url, gettext("View on site"))
        if inline_admin_form.show_url
        else "",
        _delete(inline_admin_formset, inline_admin_form),
    )


def _row_label(inline_admin_formset, inline_admin_form):
    original = inline_admin_form.original
    if not original:
        return gettext("new")
    inline = inline_admin_form.model_admin
    if not (inline.show_change_link and inline.has_registered_model):
        return conditional_escape(original)
    opts = inline.opts
    may_change = inline_admin_formset.has_change_permission
    return format_html(
        '{} <a href="{}" class="{}">{}</a>',
        original,
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(quote(original.pk),)),
        "inlinechangelink" if may_change else "inlineviewlink",
        gettext("Change") if may_change else gettext("View"),
    )


def _delete(inline_admin_formset, inline_admin_form):
    if not inline_admin_formset.formset.can_delete:
        return ""
    handlers = " ".join(inline_admin_formset.handler_classes)
    if not inline_admin_form.original:
        return format_html(
            '<span><a class="inline-deletelink djn-remove-handler {}" href="javascript:void(0)">{}</a></span>',
            handlers,
            gettext("Remove"),
        )
    deletion = inline_admin_form.deletion_field()
    return format_html(
        '<span class="delete djn-delete-handler {}">{}{}</span>', handlers, deletion.field, deletion.label_tag()
    )


def inline_fieldsets(inline_admin_form, heading_level=4):
    fieldsets = list(inline_admin_form)
    has_inlines = " has-inlines" if getattr(inline_admin_form.form, "inlines", None) else ""
    return mark_safe(  # noqa: S308 (each part is escaped by format_html or drawn by Django)
        "".join(
            _fieldset(fieldset, has_inlines, heading_level, last=index == len(fieldsets) - 1)
            for index, fieldset in enumerate(fieldsets)
        )
    )


def _fieldset(fieldset, has_inlines, heading_level, last):
    parts = [format_html('<fieldset class="module aligned djn-module {}{}">', fieldset.classes, has_inlines)]
    collapsible = fieldset.name and fieldset.is_collapsible
    if fieldset.name:
        heading = format_html('<h{0} class="fieldset-heading">{1}</h{0}>', heading_level, fieldset.name)
        parts.append(format_html("<details><summary>{}</summary>", heading) if collapsible else heading)
    if fieldset.description:
        parts.append(format_html('<div class="description">{}</div>', mark_safe(fieldset.description)))  # noqa: S308
    lines = list(fieldset)
    for index, line in enumerate(lines):
        parts.append(_line(line, last=last and index == len(lines) - 1))
    if collapsible:
        parts.append("</details>")
    parts.append("</fieldset>")
    return "".join(parts)


def _line(line, last):
    fields = list(line)
    single = len(line.fields) == 1
    errors = _errors(fields[0]) if single else ""
    classes = "".join(
        [
            " errors" if errors else "",
            "" if line.has_visible_field else " hidden",
            *(f" field-{conditional_escape(name)}" for name in map(_name, fields) if name),
            " djn-form-row-last" if last else "",
        ]
    )
    inner = format_html_join("", "{}", ((_field(field, single),) for field in fields))
    if not single:
        inner = format_html('<div class="flex-container form-multiline">{}</div>', inner)
    return format_html('<div class="form-row{}">{}{}</div>', mark_safe(classes), errors, inner)  # noqa: S308


def _name(field):
    return field.field["name"] if field.is_readonly else field.field.name


def _errors(field):
    """A field's errors as the admin writes them; nothing when it has none, without drawing the empty list."""
    return "" if field.is_readonly or not field.field.errors else field.errors()


def _field(field, single):
    bound = field.field
    hidden = not field.is_readonly and bound.is_hidden
    errors = _errors(field)
    box = ""
    if not single:
        name = _name(field)
        box = "".join(
            [
                " fieldBox",
                f" field-{conditional_escape(name)}" if name else "",
                " errors" if errors else "",
                " hidden" if hidden else "",
            ]
        )
    if field.is_checkbox:
        box += " checkbox-row"
        control = format_html("{}{}", bound, field.label_tag())
    elif field.is_readonly:
        control = format_html("{}<p>{}</p>", field.label_tag(), field.contents())
    else:
        control = format_html("{}{}", field.label_tag(), bound)
    help_text = bound["help_text"] if field.is_readonly else bound.help_text
    helps = ""
    if help_text:
        label_id = None if field.is_readonly else bound.id_for_label
        helps = format_html(
            '<div class="help{}"{}><div>{}</div></div>',
            " hidden" if hidden else "",
            format_html(' id="{}_helptext"', label_id) if label_id else "",
            mark_safe(help_text),  # noqa: S308 (help texts are the project's own, as Django's template takes them)
        )
    return format_html(
        '<div>{}<div class="flex-container{}">{}</div>{}</div>',
        "" if single else errors,
        mark_safe(box),  # noqa: S308 (names escaped above)
        control,
        helps,
    )
