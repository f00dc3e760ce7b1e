from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from velfaerd.core.models import LeadershipTheme
from velfaerd.core.sitemaps import NamedPagesSitemap


class ThemeSitemap(Sitemap):
    """A page per leadership theme."""

    def items(self):
        return LeadershipTheme.objects.all()

    def location(self, item):
        return reverse("theme-detail", kwargs={"slug": item.slug})


SITEMAPS = {"pages-lists": NamedPagesSitemap(["home", "theme-list"]), "themes": ThemeSitemap}
