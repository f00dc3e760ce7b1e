"""The version of all content: one number that moves with every change, for the page cache.

It lives in the database (``ContentVersion``) and moves in the same transaction as each change, so it can never
fall behind a committed change, whatever happens to the cache. The cache holds a copy for speed (one round trip per
cached page); each process checks the copy against the database and mends it (``current_version``).
"""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

VERSION_KEY = "velfaerd:content-version"


class ContentVersion(models.Model):
    """One row: the version of all content, moved inside every transaction that changes content."""

    number = models.BigIntegerField(_("version"))
    #: When the next change scheduled by an editor is due (drafts.py), read with the number.
    changes_due_at = models.DateTimeField(_("next scheduled change"), null=True, blank=True)

    class Meta:
        app_label = "core"
        db_table = "velfaerd_contentversion"
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls):
        number = cls.objects.filter(pk=1).values_list("number", flat=True).first()
        if number is None:
            number = cls.objects.get_or_create(pk=1, defaults={"number": time.time_ns()})[0].number
        return number

    @classmethod
    def set_changes_due_at(cls, when):
        if not cls.objects.filter(pk=1).update(changes_due_at=when):
            cls.objects.get_or_create(pk=1, defaults={"number": time.time_ns(), "changes_due_at": when})

    @classmethod
    def move_on(cls):
        """A new version that no earlier one had (also after a restore from a backup): at least the clock's."""
        if not cls.objects.filter(pk=1).update(number=Greatest(F("number") + 1, Value(time.time_ns()))):
            cls.objects.get_or_create(pk=1, defaults={"number": time.time_ns()})


#: How often each process checks the cache's copy of the content version against the database's, at most.
VERSION_CHECK_SECONDS = 1.0
_checked = {"at": -VERSION_CHECK_SECONDS, "version": None}


def _database_version():
    """The version, after publishing the changes editors scheduled for now or earlier (one query when none is
    due: the time the next one is due is kept beside the version)."""
    row = ContentVersion.objects.filter(pk=1).values_list("number", "changes_due_at").first()
    if row is None:
        return ContentVersion.current()
    number, due = row
    if due is not None and due <= timezone.now():
        from .drafts import publish_due

        publish_due()
        return ContentVersion.current()
    return number


def current_version(cached=None):
    """The content version pages are made for: the cache's copy, checked against the database at least once a
    second in each process. The database's number moves in the same transaction as every change, so a bump
    that never reached the cache (it was down, hung or restarted with old data) is mended here.

    Versions only grow, so a cache that holds a version older than one this process has read from the database
    is out of date, however recent that read: it came back with old data."""
    now = time.monotonic()
    seen = _checked["version"]
    fresh = now - _checked["at"] < VERSION_CHECK_SECONDS
    if cached is not None and fresh and (seen is None or cached >= seen):
        return cached
    try:
        version = _database_version()
    except DatabaseError:
        logger.warning("The content version could not be read from the database.", exc_info=True)
        return cached
    _checked.update(at=now, version=version)
    if cached != version:
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def _publish_version():
    """After a commit: the cache's copy of the version follows the database's, for every process at once."""
    try:
        cache.set(VERSION_KEY, _database_version(), timeout=None)
    except DatabaseError:
        logger.warning("The content version could not be read after a change.", exc_info=True)
    _checked["at"] = -VERSION_CHECK_SECONDS  # and this process checks again on its next request


def content_changed(**kwargs):
    """Content changed: the version moves in the same transaction, so cached pages are out of date exactly when
    the change is committed; the cache's copy follows after the commit. Nothing here can fail a save that was
    committed: the cache fails soft, and a copy that did not follow is mended by ``current_version``.

    Once per transaction is enough: a save of a page with its parts and links changes many rows."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is _publish_version for _sids, func, _robust in connection.run_on_commit
    ):
        return  # this transaction has moved the version already (a rolled-back savepoint takes its hook with it)
    ContentVersion.move_on()
    transaction.on_commit(_publish_version)
