from django.db import models
from django.utils.translation import gettext_lazy as _

#: The longest address counted; longer ones are no page of the site.
MAX_PATH = 500


class PageViews(models.Model):
    """How many times the page at an address was read on a day (Copenhagen time). Nothing about who."""

    path = models.CharField(_("address"), max_length=MAX_PATH)
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [models.UniqueConstraint(fields=["path", "day"], name="reading_pageviews_once")]
        indexes = [models.Index(fields=["day"], name="reading_pageviews_day")]

    def __str__(self):
        return f"{self.path} {self.day}: {self.views}"


class SearchMiss(models.Model):
    """A search that found nothing, as lower-cased text, and how many times it was made on a day. A query is only
    written here once it has been made several times that day (``READING_SEARCH_MISS_MIN``): until then only a hash
    of it is counted, in the cache, so a search for one person's name is never kept."""

    query = models.CharField(_("search"), max_length=200)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="reading_searchmiss_once")]
        indexes = [models.Index(fields=["day"], name="reading_searchmiss_day")]

    def __str__(self):
        return self.query
