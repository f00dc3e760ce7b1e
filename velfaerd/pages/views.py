from django.core.paginator import Paginator
from django.db.models import F, Func, IntegerField, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from velfaerd.caching.pagecache import ShowsMixin
from velfaerd.content.keyset import KeysetPaginationMixin
from velfaerd.content.models import LeadershipTheme
from velfaerd.content.registry import registry
from velfaerd.drafts.views import PublishedMixin
from velfaerd.redirects import references

from .models import CallToAction, InfoPage, PageSection, Section, ThemePage

#: The front page shows each section's first theme pages in the section's order (editors choose which by ordering
#: them) and links to the section for the rest; a section shows them a page at a time.
FRONT_PAGE_PAGES = 12
SECTION_PAGES = 50


class HomeView(ShowsMixin, ListView):
    shows = (Section, ThemePage)
    template_name = "pages/home.html"
    context_object_name = "sections"

    def get_queryset(self):
        return Section.objects.published().with_published_pages(FRONT_PAGE_PAGES)


class SectionDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = (ThemePage,)
    model = Section
    template_name = "pages/section_detail.html"

    def get_context_data(self, **kwargs):
        pages = ThemePage.objects.published().filter(section=self.object).select_related("section")
        pages = pages.order_by("order", "title", "pk")
        page = Paginator(pages, SECTION_PAGES).get_page(self.request.GET.get("page"))
        paginated = {"page_obj": page, "paginator": page.paginator, "is_paginated": page.has_other_pages()}
        return super().get_context_data(pages=page.object_list, **paginated, **kwargs)


class ThemePageDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = ()
    model = ThemePage
    template_name = "pages/themepage_detail.html"
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

    def render_to_response(self, context, **response_kwargs):
        # The links in the page's texts to the site's items are looked up at once, however many sections it has.
        page = self.object
        parts = list(page.parts.all())
        texts = [page.intro, *(part.body for part in parts)]
        texts += [cta.lead for part in parts for cta in part.calls_to_action.all()]
        response = super().render_to_response(context, **response_kwargs)
        with references.loaded(*texts):
            response.render()
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = context["preview"] or not self.object.section.is_live()
        context["parts"] = [
            (part, part.visible_calls_to_action(include_drafts=context["can_preview"]))
            for part in self.object.parts.all()
        ]
        return context


class InfoPageDetailView(ShowsMixin, PublishedMixin, DetailView):
    shows = ()
    model = InfoPage
    template_name = "pages/infopage_detail.html"
    context_object_name = "info_page"


class LeadershipThemeListView(ShowsMixin, ListView):
    shows = (LeadershipTheme,)
    model = LeadershipTheme
    template_name = "pages/leadershiptheme_list.html"
    context_object_name = "themes"


def _tagged(theme):
    """What is tagged with ``theme``, by kind, in the order a theme page shows them: (address part, heading, items).
    The kinds are those the registry says are tagged with themes."""
    return [
        (entry.themed.slug, entry.themed.heading, entry.themed.queryset(entry.model, theme))
        for entry in registry.themed()
    ]


class ShowsThemedMixin(ShowsMixin):
    """Shows every kind tagged with themes (the page cache's dependencies)."""

    @property
    def shows(self):
        return tuple(entry.model for entry in registry.themed())


class LeadershipThemeDetailView(ShowsThemedMixin, DetailView):
    """Everything tagged with one leadership theme: the newest few of each kind, and a link to all of that kind
    (paginated) when there are more. The page stays the same size however large the archive grows."""

    model = LeadershipTheme
    template_name = "pages/leadershiptheme_detail.html"
    context_object_name = "theme"
    PREVIEW = 6

    def get_context_data(self, **kwargs):
        groups = []
        for kind, heading, queryset in _tagged(self.object):
            # The newest few, each carrying how many there are in all: a subquery the database counts once, from
            # the theme's tags. (A window count over the list made it read every item of the kind, newest first,
            # to count the few tagged; this way the newest few are found as soon as they are met.)
            tagged = queryset.order_by().values(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
            items = list(queryset.annotate(tagged=Subquery(tagged))[: self.PREVIEW])
            count = items[0].tagged if items else 0
            groups.append(
                {"kind": kind, "heading": heading, "items": items, "count": count, "more": count > len(items)}
            )
        return super().get_context_data(groups=[g for g in groups if g["items"]], **kwargs)


class LeadershipThemeKindView(ShowsThemedMixin, KeysetPaginationMixin, ListView):
    """All of one kind tagged with a leadership theme, e.g. /temaer/ledelsesrum/artikler/, paginated."""

    template_name = "pages/leadershiptheme_kind.html"
    context_object_name = "items"
    paginate_by = 24

    def get_queryset(self):
        self.theme = get_object_or_404(LeadershipTheme, slug=self.kwargs["slug"])
        for kind, heading, queryset in _tagged(self.theme):
            if kind == self.kwargs["kind"]:
                self.heading = heading
                return queryset
        raise Http404

    def get_context_data(self, **kwargs):
        return super().get_context_data(theme=self.theme, kind=self.kwargs["kind"], heading=self.heading, **kwargs)
