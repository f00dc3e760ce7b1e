"""Which backups in a folder to keep: the newest of each of the last N days and of the last M weeks (ISO weeks).
Only files named as `backup --into` names them are ever considered, so nothing else in the folder is touched."""

import datetime
import re
from pathlib import Path

NAME = re.compile(r"velfaerd-backup-(\d{8}-\d{6})\.tar\.gz")


def made_at(path):
    match = NAME.fullmatch(Path(path).name)
    return datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None


def to_remove(paths, daily, weekly):
    """Of ``paths``, those a rotation of ``daily`` days and ``weekly`` weeks does not keep, oldest first."""
    backups = sorted((made, Path(path)) for path in paths if (made := made_at(path)) is not None)
    keep = set()
    for key, count in ((lambda made: made.date(), daily), (lambda made: made.isocalendar()[:2], weekly)):
        newest = {}
        for made, path in backups:  # oldest first: the newest of each day or week wins
            newest[key(made)] = path
        keep |= {newest[period] for period in sorted(newest)[-count:]} if count else set()
    return [path for _made, path in backups if path not in keep]
