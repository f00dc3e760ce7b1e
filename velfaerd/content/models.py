"""What every content type shares: organisations, leadership themes, and the base of content that pages link to.

This app depends on no other app of the site. Publishing (publishing.py), review dates (reviewing.py), rich text
(richtext.py), uploads and images, the content registry (registry.py) and the announcement of changes (changes.py)
live beside these models.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.content.publishing import ContentQuerySet, Publishable
from velfaerd.content.registry import registry
from velfaerd.content.reviewing import Reviewable

__all__ = ["LeadershipTheme", "LinkableContent", "Organisation", "today"]


def today():
    """Today's date where the site is (TIME_ZONE), not in UTC."""
    return timezone.localdate()


@reversion.register()
class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    url = models.URLField(_("web address"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        db_table = "velfaerd_organisation"
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


@reversion.register()
class LeadershipTheme(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        db_table = "velfaerd_leadershiptheme"
        ordering = ["order", "name"]
        verbose_name = _("leadership theme")
        verbose_name_plural = _("leadership themes")

    def __str__(self):
        return self.name


class LinkableContent(Reviewable, Publishable):
    """A content item that calls to action can point at."""

    class Meta(Publishable.Meta):
        abstract = True

    def theme_pages_to_mark_updated(self):
        """The theme pages whose "Sidst opdateret" a substantive change to this item moves."""
        return registry.pages_linking_to(self)

    def clean(self):
        super().clean()
        # Visitors would meet a page whose link leads nowhere: refuse to hide what a published page links to.
        if self.pk and not self.is_live():
            pages = registry.pages_linking_to(self, published_only=True)
            if pages:
                raise ValidationError(
                    _("It cannot be unpublished while published pages link to it: %(pages)s.")
                    % {"pages": ", ".join(f"“{page}”" for page in pages)}
                )
