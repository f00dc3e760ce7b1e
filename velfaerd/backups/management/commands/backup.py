from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from velfaerd.backups.backup import BackupError, files, make_backup
from velfaerd.backups.rotation import to_remove


class Command(BaseCommand):
    help = "Makes a consistent backup of the database and the uploaded files in one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", help="the file to write (default: velfaerd-backup-<time>.tar.gz)")
        parser.add_argument("--into", type=Path, help="write it into this folder, named by its time")
        parser.add_argument("--keep-daily", type=int, help="with --into: keep the newest backup of this many days")
        parser.add_argument("--keep-weekly", type=int, default=0, help="with --into: and of this many weeks")

    def handle(self, *args, target=None, into=None, keep_daily=None, keep_weekly=0, **options):
        name = f"velfaerd-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        if into is not None and target is not None:
            raise CommandError("Give a file or --into a folder, not both.")
        if keep_daily is not None and into is None:
            raise CommandError("--keep-daily and --keep-weekly rotate the backups in the folder --into names.")
        if into is not None:
            into.mkdir(mode=0o700, parents=True, exist_ok=True)  # backups hold everything: the site's user's only
        target = into / name if into is not None else Path(target or name)
        try:
            written = make_backup(target)
        except BackupError as error:
            raise CommandError(f"{error} No backup was written.") from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}: the data and {files(written)}."))
        if keep_daily is not None:
            # Only after a backup was written: a failing backup never removes the ones that worked.
            for old in to_remove(into.iterdir(), keep_daily, keep_weekly):
                old.unlink()
                self.stdout.write(f"Removed {old.name}")
