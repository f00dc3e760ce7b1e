from django.views.generic import DetailView

from velfaerd.views import PublishedMixin

from .models import Publication, SurveyReport


class PublicationDetailView(PublishedMixin, DetailView):
    model = Publication
    context_object_name = "publication"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("publishers", "themes")


class SurveyReportDetailView(PublishedMixin, DetailView):
    model = SurveyReport
    context_object_name = "report"

    def get_queryset(self):
        return super().get_queryset().select_related("organisation").prefetch_related("findings", "themes")
