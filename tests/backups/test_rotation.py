"""`backup --into FOLDER --keep-daily N --keep-weekly M`: a backup named by its time, then the folder rotated: the
newest of each of the last N days and M weeks stay, nothing else the folder holds is touched, and a backup that
fails removes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from velfaerd.backups.rotation import to_remove

# A backup reads the database in a transaction of its own (repeatable read on PostgreSQL), as it does when run.
pytestmark = pytest.mark.django_db(transaction=True)


def named(moment):
    return f"velfaerd-backup-{moment:%Y%m%d-%H%M%S}.tar.gz"


def test_the_newest_of_each_recent_day_and_week_are_kept():
    start = datetime.datetime(2026, 11, 1, 2, 0)  # a Sunday
    names = [named(start + datetime.timedelta(days=day, hours=hour)) for day in range(35) for hour in (0, 12)]
    removed = {path.name for path in to_remove(names, daily=7, weekly=4)}
    kept = sorted(set(names) - removed)
    days = [start + datetime.timedelta(days=day, hours=12) for day in range(28, 35)]
    assert [named(day) for day in days] == kept[-7:]  # the last seven days, each day's newest
    # Four weeks: this week's and last week's newest (Sunday the 29th) are among the days; the two before end on
    # their Sundays.
    weekly = [named(datetime.datetime(2026, 11, day, 14, 0)) for day in (15, 22)]
    assert kept[:-7] == weekly
    assert to_remove(["noter.txt", "velfaerd-backup-i-gaar.tar.gz"], daily=1, weekly=0) == []


def test_backup_into_a_folder_rotates_it(media, tmp_path, seeded):
    folder = tmp_path / "sikkerhedskopier"
    folder.mkdir()
    old = [folder / named(datetime.datetime(2020, 1, day, 3, 0)) for day in (1, 2, 3)]
    for path in old:
        path.write_bytes(b"gammel")
    (folder / "noter.txt").write_text("ikke en sikkerhedskopi")
    out = io.StringIO()
    call_command("backup", into=folder, keep_daily=2, keep_weekly=0, stdout=out)
    left = sorted(path.name for path in folder.iterdir())
    assert len(left) == 3
    assert "noter.txt" in left
    assert old[2].name in left  # yesterday's of the two days kept: the newest backup before today's
    assert f"Removed {old[0].name}" in out.getvalue()


def test_a_backup_that_fails_removes_nothing(media, tmp_path, seeded, monkeypatch):
    from velfaerd.backups import backup

    folder = tmp_path / "sikkerhedskopier"
    folder.mkdir()
    old = folder / named(datetime.datetime(2020, 1, 1, 3, 0))
    old.write_bytes(b"gammel")
    monkeypatch.setattr(backup, "_stored", lambda storage: (_ for _ in ()).throw(backup.BackupError("Nej.")))
    with pytest.raises(CommandError):
        call_command("backup", into=folder, keep_daily=1, stdout=io.StringIO())
    assert old.exists()
