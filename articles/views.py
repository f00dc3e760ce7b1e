from django.views.generic import DetailView

from velfaerd.views import PublishedMixin

from .models import Article


class ArticleDetailView(PublishedMixin, DetailView):
    model = Article
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().select_related("source").prefetch_related("themes")
