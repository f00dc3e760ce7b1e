"""What the sitemap index says of each section, kept so the index need not count the archive."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SitemapFigures(models.Model):
    """A sitemap section's figures as last counted (sitemaps.py): how many addresses, the newest change among them,
    when a scheduled item of what it lists comes or goes next, and the content version they were counted at; a
    change since to what the section lists (the version's log says so), or that time come, has them counted
    again."""

    section = models.CharField(_("section"), max_length=100, unique=True)
    items = models.PositiveIntegerField(_("addresses"))
    latest = models.DateTimeField(_("newest change"), null=True, blank=True)
    until = models.DateTimeField(_("next scheduled change"), null=True, blank=True)
    version = models.BigIntegerField(_("content version"))

    class Meta:
        verbose_name = _("sitemap figures")
        verbose_name_plural = _("sitemap figures")

    def __str__(self):
        return self.section
