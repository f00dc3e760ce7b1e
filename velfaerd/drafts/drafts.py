"""Drafts of changes to live content, preview links, and changes scheduled to go live.

A draft is the item as the editor saved it, with everything saved with it (a theme page with its sections and
calls to action), serialised as django-reversion serialises a revision, and *not applied*: visitors' pages, the
page cache, the feed, the sitemap and search read the live rows and never know a draft exists. Its ``base`` is the
live item as it was when the draft was saved.

Applying a draft (``Draft.apply``) writes what the draft changed relative to its base over the live rows: a field
the draft did not change keeps its live value, so a review date, "Sidst opdateret" set by a Medarbejder or a link
moved meanwhile is never undone by publishing an older draft. Previews apply a draft inside a transaction that is
rolled back, so the public views and templates render a draft with the same code as the live page, and the change
form opens on a draft the same way. Publishing applies it for real, as a revision with its author, time and note.

A change scheduled for a time goes live then, exactly once however many processes run: the draft row is locked
and deleted in the transaction that applies it. No worker is needed: the content version's row carries the time
the next scheduled change is due, which every process already reads once a second (versions.py), and
``manage.py publish_scheduled`` does the same from cron.
"""

import json
import logging
import secrets

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers, signing
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Min
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from velfaerd.caching.versions import ContentVersion
from velfaerd.content.dates import day_text, moment_text
from velfaerd.content.revisions import registration
from velfaerd.redirects.redirects import was_public

logger = logging.getLogger(__name__)

#: Fields that say when a row was written, not what it says: never taken from a draft.
BOOKKEEPING_FIELDS = ("updated_at",)


def _key(entry):
    return (entry["model"], str(entry["pk"]))


def serialise(obj):
    """The item and everything saved with it (reversion's ``follow``), parents before children, as JSON-ready
    dicts of Django's serialisation."""
    entries, seen, pending = [], set(), [obj]
    while pending:
        item = pending.pop(0)
        if item.pk is None or (type(item), item.pk) in seen:
            continue
        seen.add((type(item), item.pk))
        options = registration(type(item))
        entries += json.loads(serializers.serialize("json", [item], fields=options.fields))
        for name in options.follow:
            related = getattr(item, name, None)
            if isinstance(related, models.Model):
                pending.append(related)
            elif related is not None:
                pending += list(related.all())
    return entries


def save_entry(entry):
    deserialised = next(serializers.deserialize("json", json.dumps([entry]), ignorenonexistent=True))
    deserialised.save()  # a raw save: the fields as they are (no auto_now), and its many-to-many relations


def merge(base, draft, live):
    """What applying ``draft`` (made from ``base``) over ``live`` gives, and which live objects it removes."""
    base_by_key = {_key(e): e for e in base}
    live_by_key = {_key(e): e for e in live}
    draft_keys = {_key(e) for e in draft}
    removed = [key for key in base_by_key if key not in draft_keys and key in live_by_key]
    merged = []
    for entry in draft:
        key = _key(entry)
        if key in base_by_key:
            if key not in live_by_key:
                continue  # deleted since the draft was saved: it stays deleted
            before, now = base_by_key[key]["fields"], live_by_key[key]["fields"]
            fields = {
                name: value if value != before.get(name, value) else now.get(name, value)
                for name, value in entry["fields"].items()
            }
        else:
            fields = dict(entry["fields"])
            now = {}
        for name in BOOKKEEPING_FIELDS:
            if name in now:
                fields[name] = now[name]
        merged.append({**entry, "fields": fields})
    return merged, removed


def content_type_of(obj):
    """The content type drafts and preview links are kept under: the concrete model's (a proxy shows the same)."""
    return ContentType.objects.get_for_model(obj._meta.concrete_model)


class ForObjectQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=content_type_of(obj), object_id=obj.pk)


class DraftQuerySet(ForObjectQuerySet):
    def due(self, now=None):
        """Scheduled for now or earlier, and not set aside because publishing it failed."""
        return self.filter(publish_at__lte=now or timezone.now(), failure="")


class Draft(models.Model):
    """Changes to a live item that visitors do not see yet; one per item."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    base = models.JSONField(_("the item when the draft was saved"))
    data = models.JSONField(_("the draft"))
    note = models.CharField(_("change note"), max_length=300, blank=True)
    substantive = models.BooleanField(_("substantive change"), default=False)
    publish_at = models.DateTimeField(_("publish the changes at"), null=True, blank=True, db_index=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saved by"),
    )
    saved_at = models.DateTimeField(_("saved"))
    failure = models.TextField(_("why it could not be published"), blank=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        db_table = "velfaerd_draft"
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="velfaerd_draft_one_per_item")
        ]

    def __str__(self):
        return gettext("Draft of %(what)s") % {"what": self.object_repr}

    @property
    def object_repr(self):
        main = self.data[0] if self.data else {}
        return main.get("fields", {}).get("title") or main.get("fields", {}).get("name") or str(self.object_id)

    @property
    def token(self):
        """What this draft is, for the change form's "opened as" marker: another save of it changes it."""
        return f"{self.pk}.{self.saved_at.timestamp():.6f}"

    def live_object(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first()

    def describe(self):
        """ "Kladde med ændringer, der ikke er udgivet — gemt af X, tidspunkt" or "Planlagt til …"."""
        when = moment_text(self.saved_at)
        who = self.saved_by.get_username() if self.saved_by else gettext("an editor")
        text = gettext("Draft with changes that are not published — saved by %(who)s, %(when)s") % {
            "who": who,
            "when": when,
        }
        if self.publish_at:
            text = f"{scheduled_text(self.publish_at)}. {text}"
        return text

    def apply(self):
        """Write the draft's changes over the live rows (inside the caller's transaction), and return the item."""
        obj = self.live_object()
        if obj is None:
            return None
        merged, removed = merge(self.base, self.data, serialise(obj))
        for model_label, pk in removed:
            model = _model(model_label)
            model._default_manager.filter(pk=pk).delete()
        for entry in merged:
            save_entry(entry)
        return type(obj)._default_manager.get(pk=obj.pk)

    @classmethod
    def save_for(cls, obj, base, data, user, note="", substantive=False, publish_at=None):
        """Store ``data`` as the draft of ``obj`` (made from ``base``), replacing an earlier draft of it."""
        draft, _created = cls.objects.update_or_create(
            content_type=content_type_of(obj),
            object_id=obj.pk,
            defaults={
                "base": base,
                "data": data,
                "note": note,
                "substantive": substantive,
                "publish_at": publish_at,
                "saved_by": user,
                "saved_at": timezone.now(),
                "failure": "",
            },
        )
        _reserve_ids(base, data)
        schedule_changed()
        return draft

    def discard(self):
        PreviewLink.objects.filter(content_type=self.content_type, object_id=self.object_id).delete()
        self.delete()
        schedule_changed()

    def publish(self, user=None, note=None, log=True):
        """Apply the draft for real, as a revision, and delete it; "Sidst opdateret" moves if it is substantive.
        Inside a transaction of its own, or the caller's."""
        from django.contrib.admin.models import CHANGE, LogEntry

        with transaction.atomic(), reversion.create_revision():
            obj = self.apply()
            if obj is None:
                self.discard()
                return None
            user = user or self.saved_by
            note = self.note if note is None else note
            today = timezone.localdate()
            message = gettext("Published the draft.")
            if self.substantive:
                message += " " + mark_substantive(obj, today, user)
                obj = type(obj)._default_manager.get(pk=obj.pk)
            obj.save()  # its "changed" time, and the revision of the item with what is saved with it
            reversion.add_to_revision(obj)
            reversion.set_user(user)
            reversion.set_comment(f"{note} ({message})" if note else message)
            if log and user is not None:
                LogEntry.objects.log_actions(user.pk, [obj], CHANGE, f"{message} {note}".strip())
            self.discard()
        return obj


def mark_substantive(obj, today, user):
    """A substantive change of ``obj`` goes live: its own "Sidst opdateret", or that of the pages showing it."""
    from django.contrib.admin.models import CHANGE, LogEntry

    day = day_text(today)
    if hasattr(obj, "changed_at"):
        type(obj)._default_manager.filter(pk=obj.pk).update(changed_at=timezone.now())
    if hasattr(obj, "last_updated"):
        type(obj)._default_manager.filter(pk=obj.pk).update(last_updated=today)
        return gettext("“Sidst opdateret” moved to %(date)s.") % {"date": day}
    pages = obj.theme_pages_to_mark_updated() if hasattr(obj, "theme_pages_to_mark_updated") else None
    if not pages:
        return ""
    pages.mark_updated(today)
    message = gettext("Moved “Sidst opdateret” to %(date)s: substantive change of %(what)s “%(name)s”.") % {
        "date": day,
        "what": obj._meta.verbose_name,
        "name": obj,
    }
    if user is not None:
        LogEntry.objects.log_actions(user.pk, pages, CHANGE, message)
    return message


def scheduled_text(when):
    return gettext("Scheduled for %(when)s") % {"when": moment_text(when)}


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _reserve_ids(base, data):
    """On SQLite a rolled-back insert gives its id back, and the next row would get the id a draft's new row
    holds: the draft's ids are reserved (PostgreSQL's sequences never give an id twice)."""
    if connection.vendor != "sqlite":
        return
    base_keys = {_key(e) for e in base}
    highest = {}
    for entry in data:
        if _key(entry) not in base_keys and str(entry["pk"]).isdigit():
            table = _model(entry["model"])._meta.db_table
            highest[table] = max(highest.get(table, 0), int(entry["pk"]))
    with connection.cursor() as cursor:
        for table, pk in highest.items():
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s AND seq < %s", [pk, table, pk])


#: A scheduled change could not be published (``draft``, ``reason``): its editor is told (velfaerd/notices).
schedule_failed = Signal()


def schedule_changed():
    """The time the next scheduled change is due, kept where every process reads it once a second."""
    due = Draft.objects.filter(publish_at__isnull=False, failure="").aggregate(at=Min("publish_at"))["at"]
    ContentVersion.set_changes_due_at(due)


def changes_due(sender, **kwargs):
    """The content version says a scheduled change is due (changes.changes_due): it is published now."""
    publish_due()


def publish_due(now=None):
    """Publish every draft whose time has come, each exactly once; returns how many were published."""
    now = now or timezone.now()
    published = 0
    for pk in list(Draft.objects.due(now).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                # Locked, and gone when this commits: another process finds nothing to publish.
                draft = Draft.objects.select_for_update(**_skip_locked()).due(now).filter(pk=pk).first()
                if draft is None:
                    continue
                draft.publish()
                published += 1
        except DatabaseError:
            raise
        except Exception as error:  # a draft that no longer fits (say, it links to something deleted)
            logger.exception("A scheduled change could not be published.")
            reason = str(error)[:500] or error.__class__.__name__
            Draft.objects.filter(pk=pk).update(failure=reason)
            if (draft := Draft.objects.filter(pk=pk).select_related("saved_by").first()) is not None:
                schedule_failed.send(sender=Draft, draft=draft, reason=reason)
    schedule_changed()
    return published


def _skip_locked():
    return {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}


class PreviewLinkQuerySet(ForObjectQuerySet):
    def valid(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class PreviewLink(models.Model):
    """A link that shows one item, as editors see it (its draft, or an item not yet published), to someone
    without a login: signed, expiring, and revoked by deleting it."""

    SALT = "velfaerd.preview-link"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    key = models.CharField(_("key"), max_length=64, unique=True)
    #: The draft it shows, and ends with; none for an item not yet published, whose link ends when it is.
    draft = models.ForeignKey(
        Draft, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("draft")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        db_table = "velfaerd_previewlink"
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return self.key[:8]

    @classmethod
    def create_for(cls, obj, user, days=None):
        days = days or settings.PREVIEW_LINK_DAYS
        return cls.objects.create(
            content_type=content_type_of(obj),
            object_id=obj.pk,
            draft=Draft.objects.for_object(obj).first(),
            key=secrets.token_urlsafe(24),
            created_by=user,
            expires_at=timezone.now() + timezone.timedelta(days=days),
        )

    @property
    def token(self):
        return signing.dumps({"l": self.pk, "k": self.key}, salt=self.SALT, compress=True)

    @classmethod
    def from_token(cls, token):
        """The link a token names, while it is valid and not revoked; else None."""
        try:
            payload = signing.loads(token, salt=cls.SALT, max_age=settings.PREVIEW_LINK_DAYS * 86400)
        except signing.BadSignature:
            return None
        if not isinstance(payload, dict):
            return None
        return cls.objects.valid().filter(pk=payload.get("l"), key=str(payload.get("k", ""))).first()

    def item(self):
        """The item it shows, while there is something to preview: its draft, or the item before it was first
        published. A link ends with what it was made for, never showing what comes after (a later draft)."""
        model = self.content_type.model_class()
        item = model._default_manager.filter(pk=self.object_id).first()
        if item is not None and self.draft_id is None and was_public(item):
            item = None
        if item is None:
            self.delete()
        return item
