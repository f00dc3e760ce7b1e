"""An item's own part of a revision, and restoring it.

A revision may hold many objects: a seed or an import saved in one go, or a page with the items it was saved with.
What belongs to one item is the item and what reversion's ``follow`` reaches from it (a theme page's sections and
their calls to action, a report's key findings): what the editor sees in its form. Restoring an item or comparing
two of its versions reads and writes that part only, whatever else the revision holds, so that restoring one item
never reverts another's later work (django-reversion's own ``Revision.revert`` reverts every object it holds).
"""

import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from reversion.models import Version

from velfaerd.content.revisions import registration
from velfaerd.drafts.drafts import save_entry, serialise


def versions_of(model):
    """The versions kept of ``model`` (its concrete model's: a proxy's screen shows the same rows)."""
    return Version.objects.filter(content_type=ContentType.objects.get_for_model(model._meta.concrete_model))


def _entry(version):
    entry = json.loads(version.serialized_data)[0]
    return {"model": entry["model"], "pk": entry["pk"], "fields": entry["fields"]}


def item_entries(version):
    """The serialised state of ``version``'s item and its own parts in its revision, the item first, parents
    before children (as ``velfaerd.drafts.drafts.serialise`` gives the live item)."""
    by_model = {}
    for each in version.revision.version_set.all():
        entry = _entry(each)
        by_model.setdefault(entry["model"], []).append(entry)
    main = _entry(version)
    entries, seen, pending = [], set(), [main]
    while pending:
        entry = pending.pop(0)
        key = (entry["model"], str(entry["pk"]))
        if key in seen:
            continue
        seen.add(key)
        entries.append(entry)
        model = apps.get_model(entry["model"])
        for name in registration(model).follow:
            pending += _followed(model, name, entry, by_model)
    return entries


def _followed(model, name, entry, by_model):
    """The entries of the revision that ``entry``'s ``follow`` relation ``name`` reaches."""
    field = model._meta.get_field(name)
    related = field.related_model
    candidates = by_model.get(related._meta.label_lower, [])
    if field.one_to_many or (field.one_to_one and field.auto_created):  # the parts point at the item
        attname = field.field.name
        return [c for c in candidates if str(c["fields"].get(attname)) == str(entry["pk"])]
    if isinstance(field, models.ForeignKey | models.OneToOneField):  # the item points at the part
        target = entry["fields"].get(field.name)
        return [c for c in candidates if str(c["pk"]) == str(target)]
    raise TypeError(f"{model._meta.label}.{name} cannot be followed in a revision.")


def revert_item(version):
    """Write ``version``'s item and its own parts back over the live rows; parts added since are deleted. Nothing
    else the revision holds is touched. Returns the live item as it was before (serialised)."""
    entries = item_entries(version)
    model = version._model
    live = model._default_manager.filter(pk=version.object_id).first()
    before = serialise(live) if live is not None else []
    restored = {(e["model"], str(e["pk"])) for e in entries}
    # Parts that were not there then go, children first.
    for entry in reversed(before):
        if (entry["model"], str(entry["pk"])) not in restored:
            apps.get_model(entry["model"])._default_manager.filter(pk=entry["pk"]).delete()
    for entry in entries:  # parents before children
        save_entry(entry)
    return before
