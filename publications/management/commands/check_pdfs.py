from django.core.management.base import BaseCommand

from publications.models import Publication, SurveyReport
from velfaerd.editorial import health


class Command(BaseCommand):
    help = "Checks the accessibility of every PDF not checked yet (those uploaded before the check existed)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="check every PDF again")

    def handle(self, *args, all=False, **options):
        checked = 0
        for model in (Publication, SurveyReport):
            items = model._default_manager.exclude(document="")
            if not all:
                items = items.filter(document_check__isnull=True)
            for item in items.iterator():
                report = item.checked_document()
                # Only the report: no revision, no "Sidst opdateret", no content version moved by this.
                model._default_manager.filter(pk=item.pk).update(document_check=report)
                health.mark_changed(model, [item.pk])
                checked += 1
        health.check_changed()  # the content-health page lists what the checks found
        self.stdout.write(f"Checked {checked} PDF(s).")
