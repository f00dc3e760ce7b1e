import sys

from django.core.management.base import BaseCommand, CommandError

from velfaerd.backups.backup import BackupError, files, restore_backup


class Command(BaseCommand):
    help = "Replaces ALL data and uploaded files with those in a backup made by the backup command."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing everything")

    def handle(self, *args, source, yes=False, **options):
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("Nothing was restored: with no terminal to ask on, say --yes to replace everything.")
            try:
                answer = input("This replaces all data and uploaded files. Type 'yes' to go on: ")
            except EOFError:
                answer = ""
            if answer != "yes":
                raise CommandError("Nothing was restored.")
        try:
            written = restore_backup(source)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was restored.") from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup made {written.made}: the data and {files(written)}.")
        )
