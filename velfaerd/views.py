from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import DetailView, ListView

from .models import CallToAction, KnowledgeCentreLink, PageSection, Section, ThemePage


class PublishedMixin:
    """The one place that decides what a visitor may see: published items only."""

    def get_queryset(self):
        return super().get_queryset().published()


class HomeView(ListView):
    template_name = "velfaerd/home.html"
    context_object_name = "sections"

    def get_queryset(self):
        return Section.objects.published().prefetch_related(
            Prefetch(
                "pages",
                queryset=ThemePage.objects.published().order_by("order", "title"),
            )
        )


class SectionDetailView(PublishedMixin, DetailView):
    model = Section
    template_name = "velfaerd/section_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "pages",
                    queryset=ThemePage.objects.published().order_by("order", "title"),
                )
            )
        )


class ThemePageDetailView(PublishedMixin, DetailView):
    model = ThemePage
    template_name = "velfaerd/themepage_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        calls_to_action = CallToAction.objects.select_related(*CallToAction.TARGET_FIELDS)
        return (
            super()
            .get_queryset()
            .filter(section__slug=self.kwargs["section"])
            .select_related("section")
            .prefetch_related(
                Prefetch("sections", queryset=PageSection.objects.all()),
                Prefetch("sections__calls_to_action", queryset=calls_to_action),
            )
        )

    def get_object(self, queryset=None):
        page = super().get_object(queryset)
        if not page.section.is_live():
            raise Http404
        return page


class KnowledgeCentreLinkDetailView(PublishedMixin, DetailView):
    model = KnowledgeCentreLink
    template_name = "velfaerd/knowledgecentrelink_detail.html"
    context_object_name = "link"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("founders", "themes")
