"""Comparing two states of an item field by field, with everything saved with it (a page with its sections and
links), as word diffs with <del> and <ins>: two revisions, or the published item and its draft.

Values are shown as editors know them: what a link points at by its title, dates the Danish way, one list item or
paragraph per line.
"""

import difflib
import re

from django.apps import apps
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from velfaerd.content.dates import day_text, moment_text

from .restore import item_entries

SKIPPED = ("created_at", "updated_at")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _related_name(model, pk):
    obj = model._default_manager.filter(pk=pk).first()
    return str(obj) if obj is not None else _("#%(id)s (deleted)") % {"id": pk}


def _display(field, value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, models.ManyToManyField):
        return ", ".join(_related_name(field.related_model, pk) for pk in value)
    if isinstance(field, models.ForeignKey):
        return _related_name(field.related_model, value)
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is not None:
            return moment_text(moment)
    elif isinstance(field, models.DateField):
        day = parse_date(str(value))
        if day is not None:
            return day_text(day)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    text = str(value)
    if "<" in text:
        text = strip_tags(_BLOCK_END.sub("\n", text))
    return text.strip()


def _words(text):
    return re.findall(r"\n|[^\s]+", text)


def _diff(old, new):
    """An inline word diff of two texts, as HTML with <del> and <ins>; line breaks kept."""
    old_words, new_words = _words(old), _words(new)

    def show(words):
        return mark_safe(" ".join("<br>" if w == "\n" else format_html("{}", w) for w in words))  # noqa: S308

    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(show(old_words[a1:a2]))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", show(old_words[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", show(new_words[b1:b2])))
    # Every part was escaped above.
    return mark_safe(" ".join(parts))  # noqa: S308


def _field_changes(model, old_data, new_data):
    rows = []
    for field in model._meta.get_fields():
        if field.auto_created or field.name in SKIPPED or not (field.concrete or field.many_to_many):
            continue
        old, new = old_data.get(field.name), new_data.get(field.name)
        if old != new:
            before, after = _display(field, old), _display(field, new)
            if before == after:
                continue  # the same to a reader (a time saved with and without its microseconds)
            rows.append(
                {
                    "name": field.name,
                    "field": field.verbose_name,
                    "old": before.replace("\n", " "),
                    "new": after.replace("\n", " "),
                    "diff": _diff(before, after),
                }
            )
    return rows


def _title(model, pk, fields):
    for name in ("title", "name", "heading", "text", "lead"):
        if fields.get(name):
            return strip_tags(str(fields[name]))[:80]
    return str(pk)


def compare_graphs(before, after):
    """Field-by-field changes between two serialised states of an item and what is saved with it; the item
    first (the first entry), then what was added, removed or changed."""
    old_by_key = {(e["model"], str(e["pk"])): e for e in before}
    new_by_key = {(e["model"], str(e["pk"])): e for e in after}
    order = list(new_by_key) + [key for key in old_by_key if key not in new_by_key]
    changes = []
    for key in order:
        old, new = old_by_key.get(key), new_by_key.get(key)
        model = apps.get_model(key[0])
        status = _("added") if old is None else _("removed") if new is None else ""
        rows = _field_changes(model, old["fields"] if old else {}, new["fields"] if new else {})
        if rows or status:
            entry = new or old
            title = _title(model, key[1], entry["fields"])
            changes.append(
                {
                    "what": f"{model._meta.verbose_name.capitalize()} „{title}“",
                    "name": str(model._meta.verbose_name),
                    "object": title,
                    "main": key == order[0],
                    "status": status,
                    "rows": rows,
                }
            )
    return changes


def compare_revisions(older, newer):
    """Field-by-field changes between two versions of an item, for the item and its own parts only (not what else
    their revisions hold)."""
    return compare_graphs(item_entries(older), item_entries(newer))


def as_change_message(changes):
    """Changes (as compare_graphs gives them) in the admin log's own form, which it shows in Danish."""
    message = []
    for change in changes:
        fields = [str(row["field"]) for row in change["rows"]]
        if change["main"]:
            if fields:
                message.append({"changed": {"fields": fields}})
            continue
        about = {"name": change["name"], "object": change["object"]}
        if change["status"] == _("added"):
            message.append({"added": about})
        elif change["status"] == _("removed"):
            message.append({"deleted": about})
        elif fields:
            message.append({"changed": {**about, "fields": fields}})
    return message


def change_lines(changes):
    """Changes, one line per field: "Afsnit „X“: overskrift: „gammel“ → „ny“"."""
    lines = []
    for change in changes:
        lines += [f"{change['what']}: {row['field']}: „{row['old']}“ → „{row['new']}“" for row in change["rows"]]
        if change["status"] and not change["rows"]:
            lines.append(f"{change['what']}: {change['status']}")
    return lines
