import heapq
from operator import attrgetter

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.models import Article
from publications.models import Publication, SurveyReport

from .models import KnowledgeCentreLink, ThemePage

FEED_SIZE = 20


def latest_content(count=FEED_SIZE):
    """The newest published items of every kind, newest first (one query per kind)."""
    querysets = [
        ThemePage.objects.published().select_related("section"),
        Publication.objects.published(),
        SurveyReport.objects.published(),
        Article.objects.published(),
        KnowledgeCentreLink.objects.published(),
    ]
    newest = [list(qs.order_by("-publish_at")[:count]) for qs in querysets]
    return heapq.nlargest(count, (item for items in newest for item in items), key=attrgetter("publish_at"))


class LatestContentFeed(Feed):
    title = "Velfærd: nyt indhold"
    link = reverse_lazy("home")
    description = "Nye publikationer, rapporter, artikler og temasider om ledelse i velfærden."

    def items(self):
        return latest_content()

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        for field in ("standfirst", "summary", "intro", "description"):
            if text := getattr(item, field, ""):
                return Truncator(strip_tags(text)).words(60)
        return ""

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [str(item._meta.verbose_name)]
