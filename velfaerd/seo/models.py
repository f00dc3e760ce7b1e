"""What the sitemap index says of each section, kept so the index need not count the archive."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SitemapFigures(models.Model):
    """A sitemap section's figures as last counted (sitemaps.py): how many addresses, the newest change among them,
    the kinds of content it lists, and until when they hold (a scheduled item's time, an hour at most). A change
    to a kind it lists deletes the row in the change's transaction, so the next index counts the section again."""

    section = models.CharField(_("section"), max_length=100, unique=True)
    items = models.PositiveIntegerField(_("addresses"))
    latest = models.DateTimeField(_("newest change"), null=True, blank=True)
    until = models.DateTimeField(_("next scheduled change"), null=True, blank=True)
    #: The kinds it lists, as " app_label.model_name " each, for a lookup by one of them.
    kinds = models.CharField(_("kinds"), max_length=1000)

    class Meta:
        verbose_name = _("sitemap figures")
        verbose_name_plural = _("sitemap figures")

    def __str__(self):
        return self.section
