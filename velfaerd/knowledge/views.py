from django.views.generic import DetailView

from velfaerd.caching.pagecache import ShowsMixin
from velfaerd.drafts.views import PublishedMixin

from .models import KnowledgeCentreLink


class KnowledgeCentreLinkDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = ()
    model = KnowledgeCentreLink
    template_name = "knowledge/knowledgecentrelink_detail.html"
    context_object_name = "link"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("founders", "themes")
