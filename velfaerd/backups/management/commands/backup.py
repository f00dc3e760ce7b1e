from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from velfaerd.backups.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Makes a consistent backup of the database and the uploaded files in one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", help="the file to write (default: velfaerd-backup-<time>.tar.gz)")

    def handle(self, *args, target=None, **options):
        target = Path(target or f"velfaerd-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        try:
            make_backup(target)
        except BackupError as error:
            raise CommandError(f"{error} No backup was written.") from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
