"""Comparing two revisions of an item field by field, with everything saved with it (a page with its sections and
links), as word diffs with <del> and <ins>."""

import difflib

from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def _display(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return strip_tags(str(value)) if "<" in str(value) else str(value)


def _diff(old, new):
    """An inline word diff of two texts, as HTML with <del> and <ins>."""
    old_words, new_words = old.split(), new.split()
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    # Every part was escaped by format_html above.
    return mark_safe(" ".join(parts))  # noqa: S308


def _field_changes(model, old_data, new_data):
    rows = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or field.name in ("created_at", "updated_at"):
            continue
        name = field.attname if hasattr(field, "attname") else field.name
        old, new = old_data.get(name), new_data.get(name)
        if old != new:
            rows.append(
                {
                    "field": field.verbose_name,
                    "old": _display(old),
                    "new": _display(new),
                    "diff": _diff(_display(old), _display(new)),
                }
            )
    return rows


def compare_revisions(older, newer):
    """Field-by-field changes between two revisions, for the object and everything saved with it."""

    def by_object(version):
        return {(v.content_type_id, v.object_id): v for v in version.revision.version_set.all()}

    before, after = by_object(older), by_object(newer)
    changes = []
    main_key = (older.content_type_id, older.object_id)
    for key in sorted(set(before) | set(after), key=lambda k: (k != main_key, str(k))):
        old, new = before.get(key), after.get(key)
        version = new or old
        model = version._model
        if old is None:
            status = _("added")
        elif new is None:
            status = _("removed")
        else:
            status = ""
        rows = _field_changes(model, old.field_dict if old else {}, new.field_dict if new else {})
        if rows or status:
            changes.append(
                {
                    "what": f"{model._meta.verbose_name.capitalize()} “{version.object_repr}”",
                    "status": status,
                    "rows": rows,
                }
            )
    return changes
