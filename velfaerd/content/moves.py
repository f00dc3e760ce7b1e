"""Moving models to another app in a migration, with everything that names them.

A moved model keeps its table (``db_table``) and its content type is renamed, so foreign keys to it, permissions
and log entries follow by themselves. Three things name a model by its label in text, and are rewritten here: the
JSON django-reversion keeps of each version ("velfaerd.organisation"), the entries of drafts (the same form), and
where a checked link was used (app label and model name). Without this, a revision made before the move no longer
opens, compares or restores: the deserialiser skips a model it cannot find, and reversion then has no object.

These functions take the historical ``apps`` of a migration: the migration that calls them depends on
``DEPENDENCIES``.
"""

import json

#: The migrations whose models ``relabel`` rewrites.
DEPENDENCIES = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ("drafts", "0001_initial"),
    ("editorial", "0004_autosave"),
]

BATCH = 500


def move_content_types(apps, models, source, target):
    """The content types of ``models`` (model names) move from app label ``source`` to ``target``, unless the
    target's exist already (Django makes them after a migration: then the old ones stay as they are)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def relabel(apps, models, source, target):
    """Every version, draft and link check that names one of ``models`` under ``source`` names it under
    ``target``: a version's content type has moved (``move_content_types``), its JSON has not."""
    labels = {f"{source}.{model}": f"{target}.{model}" for model in models}
    _relabel_versions(apps, labels)
    _relabel_drafts(apps, labels)
    _relabel_link_checks(apps, set(models), source, target)


def _entries_relabelled(entries, labels):
    changed = False
    for entry in entries:
        if isinstance(entry, dict) and entry.get("model") in labels:
            entry["model"] = labels[entry["model"]]
            changed = True
    return changed


def _relabel_versions(apps, labels):
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A version holds one object, of its content type: only the moved types' versions can name them.
    types = [
        content_type.pk
        for content_type in ContentType.objects.all()
        if f"{content_type.app_label}.{content_type.model}" in {*labels, *labels.values()}
    ]
    versions = Version.objects.filter(content_type__in=types, format="json").only("serialized_data")
    changed = []
    for version in versions.iterator(chunk_size=BATCH):
        entries = json.loads(version.serialized_data)
        if _entries_relabelled(entries, labels):
            version.serialized_data = json.dumps(entries, ensure_ascii=False)
            changed.append(version)
        if len(changed) >= BATCH:
            Version.objects.bulk_update(changed, ["serialized_data"])
            changed = []
    Version.objects.bulk_update(changed, ["serialized_data"])


def _relabel_drafts(apps, labels):
    Draft = apps.get_model("drafts", "Draft")
    for draft in Draft.objects.all().iterator(chunk_size=BATCH):
        # Both, not one: "or" would stop at the first that changed.
        if any([_entries_relabelled(draft.base, labels), _entries_relabelled(draft.data, labels)]):
            draft.save(update_fields=["base", "data"])


def _relabel_link_checks(apps, models, source, target):
    LinkCheck = apps.get_model("editorial", "LinkCheck")
    for check in LinkCheck.objects.exclude(usages=[]).iterator(chunk_size=BATCH):
        changed = False
        for usage in check.usages:
            if usage.get("app_label") == source and usage.get("model_name") in models:
                usage["app_label"] = target
                changed = True
        if changed:
            check.save(update_fields=["usages"])
