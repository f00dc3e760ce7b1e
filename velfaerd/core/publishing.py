"""Publishing: a flag plus dates, decided in one place.

``published()`` on the queryset and ``is_live()`` on an instance apply the same rule, so lists, pages and calls to
action agree about what a visitor may see. Scheduled publishing needs no background worker: the rule reads the clock.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .versions import EVERYTHING, content_changed, item_scope, kind_scope, rows_changed, units_of_rows


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
        """Rows changed in bulk: the items, their kind, and the items they are edited on (none are loaded for
        it: a part's page is found in the database). ``pks`` None: which rows is not known."""
        if pks is None:
            content_changed(scopes={kind_scope(self.model), EVERYTHING})
            return
        scopes = {kind_scope(self.model)} | {item_scope(self.model, pk) for pk in pks}
        if hasattr(self.model, "EDITED_ON") and pks:
            scopes |= {item_scope(*unit) for unit in units_of_rows(self.model, pks)}
        content_changed(scopes=scopes)
        rows_changed.send(self.model, pks=pks)


class PublishableQuerySet(ContentQuerySet):
    def published(self, now=None):
        now = now or timezone.now()
        return self.filter(is_published=True, publish_at__lte=now).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )


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

    def is_live(self, now=None):
        """True when visitors may see this item now (the same rule as ``published()``)."""
        now = now or timezone.now()
        return (
            self.is_published
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    is_live.boolean = True
    is_live.short_description = _("visible to visitors")

    def clean(self):
        super().clean()
        if self.expire_at and self.publish_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": _("“Publish until” must be later than “publish from”.")})
