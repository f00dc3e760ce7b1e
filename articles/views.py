from django.views.generic import DetailView, ListView

from velfaerd.caching.pagecache import ShowsMixin
from velfaerd.content.keyset import KeysetPaginationMixin
from velfaerd.drafts.views import PublishedMixin

from .models import Article


class ArticleListView(ShowsMixin, KeysetPaginationMixin, ListView):
    shows = (Article,)
    model = Article
    paginate_by = 12
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().select_related("source")


class ArticleDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = ()
    model = Article
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().select_related("source").prefetch_related("themes")
