"""Publishing: a flag plus dates, decided in one place.

``published()`` on the queryset and ``is_live()`` on an instance apply the same rule, so lists, pages and calls to
action agree about what a visitor may see. Scheduled publishing needs no background worker: the rule reads the clock.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.content.changes import bulk_scopes, rows_changed


class ContentQuerySet(models.QuerySet):
    """The queryset of every content model. Changes in bulk move the content version too, as saves and deletes
    do through their signals: update() and bulk_update() send none."""

    def update(self, **kwargs):
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        self._changed(pks)
        return count

    def bulk_update(self, objs, fields, batch_size=None):
        count = super().bulk_update(objs, fields, batch_size)
        self._changed([obj.pk for obj in objs])
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        pks = [obj.pk for obj in created]
        self._changed(pks if None not in pks else None)
        return created

    def _changed(self, pks):
        """Rows changed in bulk (``pks`` None: which rows is not known): said to the registry's subscribers."""
        rows_changed.send(self.model, pks=pks, scopes=bulk_scopes(self.model, pks))


def published_q(now, prefix=""):
    """The rule of ``published()`` as a condition, on the model's own fields or, with ``prefix``
    ("section__"), on those of the row a relation leads to."""
    return Q(**{f"{prefix}is_published": True, f"{prefix}publish_at__lte": now}) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now})
    )


class PublishableQuerySet(ContentQuerySet):
    def published(self, now=None):
        now = now or timezone.now()
        condition = published_q(now)
        for relation in self.model.PUBLISHED_WITHIN:
            condition &= published_q(now, f"{relation}__")
        return self.filter(condition)


class Publishable(models.Model):
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Untick to keep it as a draft that visitors cannot see."),
    )
    publish_at = models.DateTimeField(
        _("publish from"),
        default=timezone.now,
        help_text=_("Visitors see it from this time. A time in the future schedules it."),
    )
    expire_at = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Optional. Visitors no longer see it from this time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    #: When visitors could first see it: follows "publish from" until that time has come, then stays (the feed's
    #: publication date, JSON-LD's datePublished).
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    #: The last substantive change (first publication counts as one): the feed's "updated", the sitemap's lastmod.
    #: A correction of a typo leaves it, as it leaves "Sidst opdateret".
    changed_at = models.DateTimeField(_("last substantive change"), null=True, blank=True, editable=False)

    #: In SQL, what ``last_changed()`` returns (for the newest change of a list, in one aggregate).
    LAST_CHANGED = Coalesce("changed_at", "first_published_at", "publish_at")

    #: Relations to the rows an item is shown within (a theme page's section): it is visible only while they are.
    PUBLISHED_WITHIN = ()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        get_latest_by = "publish_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True) | Q(expire_at__gt=F("publish_at")),
                name="%(app_label)s_%(class)s_expires_after_publishing",
            ),
        ]

    def save(self, *args, **kwargs):
        self.note_publication()
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "first_published_at", "changed_at"}
        super().save(*args, **kwargs)

    def is_live(self, now=None):
        """True when visitors may see this item now (the same rule as ``published()``, and the rows it is shown
        within live too)."""
        now = now or timezone.now()
        return (
            self.is_published
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
            and all(getattr(self, relation).is_live(now) for relation in self.PUBLISHED_WITHIN)
        )

    is_live.boolean = True
    is_live.short_description = _("visible to visitors")

    def last_changed(self):
        """When it last changed substantively, or was first published."""
        return self.changed_at or self.first_published_at or self.publish_at

    def note_publication(self, now=None):
        """``first_published_at`` follows "publish from" until visitors have seen it; ``changed_at`` is never
        earlier."""
        now = now or timezone.now()
        if self.is_published and self.publish_at and (self.first_published_at is None or self.first_published_at > now):
            self.first_published_at = self.publish_at
        if self.first_published_at and (self.changed_at is None or self.changed_at < self.first_published_at):
            self.changed_at = self.first_published_at

    def clean(self):
        super().clean()
        if self.expire_at and self.publish_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": _("“Publish until” must be later than “publish from”.")})
