from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import DetailView, ListView

from articles.models import Article
from publications.models import Publication, SurveyReport
from velfaerd.core.models import LeadershipTheme
from velfaerd.core.views import PublishedMixin

from .models import CallToAction, InfoPage, KnowledgeCentreLink, PageSection, Section, ThemePage


class HomeView(ListView):
    template_name = "velfaerd/home.html"
    context_object_name = "sections"

    def get_queryset(self):
        return Section.objects.published().with_published_pages()


class SectionDetailView(PublishedMixin, DetailView):
    model = Section
    template_name = "velfaerd/section_detail.html"

    def get_queryset(self):
        return super().get_queryset().with_published_pages()


class ThemePageDetailView(PublishedMixin, DetailView):
    model = ThemePage
    template_name = "velfaerd/themepage_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        calls_to_action = CallToAction.objects.for_pages()
        queryset = super().get_queryset()
        if self.draft is None:  # a draft may move the page to another section
            queryset = queryset.filter(section__slug=self.kwargs["section"])
        return queryset.select_related("section").prefetch_related(
            Prefetch("parts", queryset=PageSection.objects.all()),
            Prefetch("parts__calls_to_action", queryset=calls_to_action),
        )

    def get_object(self, queryset=None):
        # The page, its parts and their links come from three queries. An editor's save could land between
        # them, so the page is read again if it changed meanwhile: a visitor never sees half of a save.
        for _attempt in range(3):
            page = super().get_object(queryset)
            if ThemePage.objects.filter(pk=page.pk, updated_at=page.updated_at).exists():
                break
        if not page.section.is_live() and not self.previewing():
            raise Http404
        return page

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = context["preview"] or not self.object.section.is_live()
        context["parts"] = [
            (part, part.visible_calls_to_action(include_drafts=context["can_preview"]))
            for part in self.object.parts.all()
        ]
        return context


class KnowledgeCentreLinkDetailView(PublishedMixin, DetailView):
    model = KnowledgeCentreLink
    template_name = "velfaerd/knowledgecentrelink_detail.html"
    context_object_name = "link"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("founders", "themes")


class InfoPageDetailView(PublishedMixin, DetailView):
    model = InfoPage
    template_name = "velfaerd/infopage_detail.html"
    context_object_name = "info_page"


class LeadershipThemeListView(ListView):
    model = LeadershipTheme
    template_name = "velfaerd/leadershiptheme_list.html"
    context_object_name = "themes"


class LeadershipThemeDetailView(DetailView):
    """Everything tagged with one leadership theme."""

    model = LeadershipTheme
    template_name = "velfaerd/leadershiptheme_detail.html"
    context_object_name = "theme"

    def get_context_data(self, **kwargs):
        theme = self.object
        return super().get_context_data(
            publications=Publication.objects.published().filter(themes=theme).prefetch_related("publishers"),
            reports=SurveyReport.objects.published().filter(themes=theme).select_related("organisation"),
            articles=Article.objects.published().filter(themes=theme).select_related("source"),
            knowledge_centres=KnowledgeCentreLink.objects.published().filter(themes=theme),
            **kwargs,
        )
