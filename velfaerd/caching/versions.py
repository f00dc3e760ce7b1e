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

from velfaerd.content.changes import EVERYTHING, all_pending, changes_due, item_scope, kind_scope, pending, scopes_of
from velfaerd.content.outages import Throttle

logger = logging.getLogger(__name__)

VERSION_KEY = "velfaerd:content-version"


class ContentVersion(models.Model):
    """One row: the version of all content, moved inside every transaction that changes content."""

    number = models.BigIntegerField(_("version"))
    #: When the next change scheduled by an editor is due (drafts.py), read with the number.
    changes_due_at = models.DateTimeField(_("next scheduled change"), null=True, blank=True)
    #: The log of changes (``ContentChange``) holds every change after this version.
    pruned_to = models.BigIntegerField(_("changes logged after"), default=0)

    class Meta:
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
#: A database that is away is said in the log once in this while per process.
_database_away = Throttle(10)


def _database_version():
    """The version, after publishing the changes editors scheduled for now or earlier (one query when none is
    due: the time the next one is due is kept beside the version)."""
    row = ContentVersion.objects.filter(pk=1).values_list("number", "changes_due_at").first()
    if row is None:
        return ContentVersion.current()
    number, due = row
    if due is not None and due <= timezone.now():
        changes_due.send(sender=ContentVersion)  # the drafts app publishes what is due
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
    except DatabaseError as error:
        # Pages go on from the cache's copy; the database is asked again in a second, not by every request.
        _checked["at"] = now
        if _database_away.due():
            logger.warning("The content version could not be read from the database (%s); pages go on.", error)
        return cached
    _checked.update(at=now, version=version)
    if cached != version:
        cache.set(VERSION_KEY, version, timeout=None)
    return version


class _Published:
    """After the commit of a transaction that changed content: the cache's copy of the version follows the
    database's, for every process at once. It also carries the version the transaction moved to."""

    def __init__(self, version):
        self.version = version

    def __call__(self):
        try:
            cache.set(VERSION_KEY, _database_version(), timeout=None)
        except DatabaseError:
            logger.warning("The content version could not be read after a change.", exc_info=True)
        _checked["at"] = -VERSION_CHECK_SECONDS  # and this process checks again on its next request


class _Logged:
    """Marks scopes this transaction has logged already; a rolled-back savepoint takes the mark with its rows."""

    def __init__(self, scopes):
        self.scopes = scopes

    def __call__(self):
        pass


def _scopes(kwargs):
    if "scopes" in kwargs:
        return set(kwargs["scopes"])
    if (instance := kwargs.get("instance")) is None:
        return {EVERYTHING}
    scopes = scopes_of(instance)
    if (model := kwargs.get("model")) is not None and kwargs.get("pk_set"):  # a many-to-many change: both sides
        scopes |= {item_scope(model, pk) for pk in kwargs["pk_set"]} | {kind_scope(model)}
    return scopes


def content_changed(**kwargs):
    """Content changed: the version moves in the same transaction, so cached pages are out of date exactly when
    the change is committed; the cache's copy follows after the commit. Nothing here can fail a save that was
    committed: the cache fails soft, and a copy that did not follow is mended by ``current_version``.

    What changed is logged with the version (``ContentChange``): a cached page that shows none of it stays valid
    (pagecache.py). Called by the signals of every content model (``instance``), and with ``scopes`` by changes in
    bulk; without either, everything is taken to have changed (a restore from a backup).

    The version moves once per transaction: a save of a page with its parts and links changes many rows."""
    published = pending(_Published)
    logged = set().union(*(func.scopes for func in all_pending(_Logged))) if published else set()
    if published is None:
        ContentVersion.move_on()
        published = _Published(ContentVersion.objects.values_list("number", flat=True).get(pk=1))
        transaction.on_commit(published)
        if published.version % PRUNE_EVERY == 0:
            prune_changes()
    new = _scopes(kwargs) - logged
    if new:
        ContentChange.objects.bulk_create(
            [ContentChange(version=published.version, scope=scope[:200]) for scope in sorted(new)],
            ignore_conflicts=True,
        )
        transaction.on_commit(_Logged(new))


class ContentChange(models.Model):
    """What a version changed: an item (``publications.publication:12``), a kind (``publications.publication``)
    or everything (``*``). Kept for a while after the change, for the page cache (pagecache.py)."""

    version = models.BigIntegerField(_("version"))
    scope = models.CharField(_("what changed"), max_length=200)

    class Meta:
        db_table = "velfaerd_contentchange"
        constraints = [models.UniqueConstraint(fields=["version", "scope"], name="velfaerd_contentchange_once")]
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")

    def __str__(self):
        return f"{self.version}: {self.scope}"


#: About one transaction in this many also removes the log's old rows.
PRUNE_EVERY = 64
#: How long a change is kept in the log (seconds). Past it, pages older than the change are made again.
CHANGES_KEPT_SECONDS = 2 * 24 * 3600


def prune_changes(now_ns=None):
    """Forget changes older than CHANGES_KEPT_SECONDS; the version row remembers up to where (``pruned_to``), so a
    page older than that is never taken for valid."""
    cutoff = (now_ns or time.time_ns()) - CHANGES_KEPT_SECONDS * 10**9
    old = ContentChange.objects.filter(version__lt=cutoff)
    newest = old.aggregate(newest=models.Max("version"))["newest"]
    if newest is not None:
        ContentVersion.objects.filter(pk=1).update(pruned_to=Greatest(F("pruned_to"), Value(newest)))
        old.delete()


def changes_between(old, new):
    """The scopes changed after version ``old`` up to ``new``, or None when the log no longer reaches back."""
    pruned_to = ContentVersion.objects.filter(pk=1).values_list("pruned_to", flat=True).first() or 0
    if old < pruned_to:
        return None
    found = ContentChange.objects.filter(version__gt=old, version__lte=new).values_list("scope", flat=True)
    return frozenset(found.distinct())
