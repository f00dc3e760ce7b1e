"""Each PDF's size is kept on its item, so that pages show it without asking the file storage: the sizes of the
files uploaded before are read once, here."""

from django.core.files.storage import default_storage
from django.db import migrations, models


def read_sizes(apps, schema_editor):
    for name in ("Publication", "SurveyReport"):
        model = apps.get_model("publications", name)
        for item in model.objects.exclude(document="").only("pk", "document").iterator():
            try:
                size = default_storage.size(item.document.name)
            except OSError:  # a file that is gone: shown without a size, as before
                continue
            model.objects.filter(pk=item.pk).update(document_bytes=size)


class Migration(migrations.Migration):

    dependencies = [
        ('publications', '0007_true_dates'),
    ]

    operations = [
        migrations.AddField(
            model_name='publication',
            name='document_bytes',
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='PDF file size'),
        ),
        migrations.AddField(
            model_name='surveyreport',
            name='document_bytes',
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='PDF file size'),
        ),
        migrations.RunPython(read_sizes, migrations.RunPython.noop),
    ]
