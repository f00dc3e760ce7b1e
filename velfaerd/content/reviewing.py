"""Review dates: every page and content item has an owner and is looked over again at a regular interval.

When the next review is due is derived from the last review and the interval, never typed in by hand.
"""

import calendar
import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def add_months(date, months):
    """``date`` moved ``months`` calendar months on; the 31st becomes the month's last day where needed."""
    years, month_index = divmod(date.month - 1 + months, 12)
    year, month = date.year + years, month_index + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


class Reviewable(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("Who makes sure this stays true."),
    )
    review_interval = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    class Meta:
        abstract = True

    @property
    def review_due_on(self):
        return add_months(self.last_reviewed, self.review_interval)

    def is_review_due(self, today=None):
        return self.review_due_on <= (today or timezone.localdate())

    is_review_due.boolean = True
    is_review_due.short_description = _("review due")

    def mark_reviewed(self, today=None):
        self.last_reviewed = today or timezone.localdate()
        changes = {"last_reviewed": self.last_reviewed}
        if hasattr(self, "updated_at"):
            self.updated_at = changes["updated_at"] = timezone.now()
        type(self).objects.filter(pk=self.pk).update(**changes)
