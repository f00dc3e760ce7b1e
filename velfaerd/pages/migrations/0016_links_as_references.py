"""Links typed into rich text before links became references: each one whose address is an item's page (or an old
address of one) gets the item's reference, so it follows the item from now on (velfaerd/redirects/references.py).
Only the HTML of the texts changes; nothing else is saved, no revision is made and no date moves."""

from django.db import migrations

from velfaerd.content.richtext import RichTextField

BATCH = 500


def _rich_text_fields(model):
    """The rich-text fields of a historical model (whose fields are plain text fields: the editor's field says it is
    one), as the site's model of that name has them."""
    from django.apps import apps as site_apps

    try:
        current = site_apps.get_model(model._meta.label)
    except LookupError:
        return []
    names = {field.attname for field in model._meta.concrete_fields}
    return [f.attname for f in current._meta.concrete_fields if isinstance(f, RichTextField) and f.attname in names]


def forward(apps, schema_editor):
    from velfaerd.redirects.references import mark

    for model in apps.get_models():
        fields = _rich_text_fields(model)
        if not fields:
            continue
        rows = model._base_manager.only("pk", *fields).order_by("pk")
        for row in rows.iterator(chunk_size=BATCH):
            changed = {}
            for field in fields:
                text = getattr(row, field) or ""
                if 'href="/' in text and (marked := mark(text)) != text:
                    changed[field] = marked
            if changed:
                model._base_manager.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("velfaerd", "0015_menus"),
        ("publications", "0009_document_check"),
        ("articles", "0007_true_dates"),
        ("knowledge", "0002_expiry_check"),
        ("core", "0013_old_revisions_of_moved_models"),
        ("redirects", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
