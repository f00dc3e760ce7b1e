from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from publications.models import Publication, SurveyReport

from .models import InfoPage, KnowledgeCentreLink, LeadershipTheme, Section, ThemePage


class PublishedSitemap(Sitemap):
    """Every published item of one model."""

    def __init__(self, model, select_related=()):
        self.model = model
        self.select_related = select_related

    def items(self):
        queryset = self.model.objects.published().order_by("pk")
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def lastmod(self, item):
        return item.updated_at


class StaticSitemap(Sitemap):
    def items(self):
        return ["home", "publication-list", "survey-report-list", "article-list", "theme-list"]

    def location(self, item):
        return reverse(item)


class ThemeSitemap(Sitemap):
    def items(self):
        return LeadershipTheme.objects.all()

    def location(self, item):
        return reverse("theme-detail", kwargs={"slug": item.slug})


SITEMAPS = {
    "static": StaticSitemap,
    "sections": PublishedSitemap(Section),
    "pages": PublishedSitemap(ThemePage, ["section"]),
    "publications": PublishedSitemap(Publication),
    "reports": PublishedSitemap(SurveyReport),
    "articles": PublishedSitemap(Article),
    "knowledge-centres": PublishedSitemap(KnowledgeCentreLink),
    "info": PublishedSitemap(InfoPage),
    "themes": ThemeSitemap,
}
