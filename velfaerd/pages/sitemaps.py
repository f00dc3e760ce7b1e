from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from velfaerd.content.models import LeadershipTheme
from velfaerd.content.registry import registry
from velfaerd.seo.sitemaps import NamedPagesSitemap, StoredFiguresMixin, last_changed

from .models import Section, ThemePage


class ThemeSitemap(StoredFiguresMixin, Sitemap):
    """A page per leadership theme, changed when the theme or the newest item tagged with it changed (in the
    query that lists the themes)."""

    def items(self):
        newest = [
            Subquery(
                model.objects.published()
                .filter(themes=OuterRef("pk"))
                .order_by()
                .values("themes")
                .annotate(newest=Max(last_changed(model)))
                .values("newest")
            )
            for model in tagged_models()
        ]
        changed = Greatest(F("updated_at"), *(Coalesce(query, F("updated_at")) for query in newest))
        return LeadershipTheme.objects.annotate(changed=changed).only("slug")

    def location(self, item):
        return reverse("theme-detail", kwargs={"slug": item.slug})

    def shows(self):
        return [LeadershipTheme, *tagged_models()]

    def lastmod(self, item):
        return item.changed


def tagged_models():
    """The content types that carry leadership themes."""
    return [entry.model for entry in registry.themed()]


SITEMAPS = {
    "pages-lists": NamedPagesSitemap({"home": [Section, ThemePage], "theme-list": [LeadershipTheme]}),
    "themes": ThemeSitemap,
}
