from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand

from publications.models import Publication, SurveyReport
from velfaerd.editorial import health
from velfaerd.search import search


class Command(BaseCommand):
    help = (
        "Checks the accessibility of every PDF not checked yet (those uploaded before the check existed) and gives "
        "the search the text of every PDF it does not have (after an upgrade or a restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="check and read every PDF again")

    def handle(self, *args, all=False, **options):
        checked = read = 0
        for model in (Publication, SurveyReport):
            indexed = dict(
                search.SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(model))
                .exclude(document_name="")
                .values_list("object_id", "document_name")
            )
            for item in model._default_manager.exclude(document="").iterator():
                needs_check = all or item.document_check is None
                needs_text = all or indexed.get(item.pk) != item.document.name
                if not (needs_check or needs_text):
                    continue
                report = item.checked_document()  # also the text, as item.document_text
                if needs_check:
                    # Only the report: no revision, no "Sidst opdateret", no content version moved by this.
                    model._default_manager.filter(pk=item.pk).update(document_check=report)
                    health.mark_changed(model, [item.pk])
                    checked += 1
                if needs_text:
                    search.index(model, [item])
                    read += 1
        health.check_changed()  # the content-health page lists what the checks found
        self.stdout.write(f"Checked {checked} PDF(s); read the text of {read} for the search.")
