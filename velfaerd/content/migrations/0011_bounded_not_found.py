import django.db.models.expressions
from django.db import migrations, models

MAX_NOT_FOUND = 1000


def bound(apps, schema_editor):
    """Rows of addresses asked for once go (they are typos and probes), the rest from their last time, and the
    table keeps its most asked-for addresses only."""
    NotFound = apps.get_model("core", "NotFound")
    NotFound.objects.filter(hits__lt=2).delete()
    NotFound.objects.update(first_seen=django.db.models.expressions.F("last_seen"))
    keep = list(NotFound.objects.order_by("-hits", "-last_seen").values_list("pk", flat=True)[:MAX_NOT_FOUND])
    if NotFound.objects.count() > len(keep):
        NotFound.objects.exclude(pk__in=keep).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_redirect_external"),
    ]

    operations = [
        migrations.AddField(
            model_name="notfound",
            name="first_seen",
            field=models.DateTimeField(null=True, verbose_name="first asked for"),
        ),
        migrations.RunPython(bound, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notfound",
            name="first_seen",
            field=models.DateTimeField(verbose_name="first asked for"),
        ),
        migrations.AddIndex(
            model_name="notfound",
            index=models.Index(fields=["hits", "last_seen"], name="core_notfound_weakest"),
        ),
    ]
