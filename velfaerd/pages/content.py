"""The pages' entries in the content registry, and the one answer to "which pages link to this item?"."""

from velfaerd.content.registry import Search, registry

from .models import CallToAction, InfoPage, Menu, MenuItem, PageSection, Section, ThemePage


def _published_page_sections(model):
    return model.objects.filter(page__in=ThemePage.objects.published())


def _page_section_hit(section):
    """A page section is found as a place on its page."""
    page = section.page
    return f"{page.title}: {section.heading}", f"{page.get_absolute_url()}#afsnit-{section.pk}", page._meta.verbose_name


def _pages_linking_to(item, published_only):
    pages = ThemePage.objects.published() if published_only else ThemePage.objects.all()
    return pages.linking_to(item)


registry.register(Section, sitemap=True, address=("section-detail", {"slug": "slug"}))
registry.register(
    ThemePage,
    search=Search("title", ("intro", "description"), select_related=("section",)),
    feed_summary="intro",
    sitemap=True,
    sitemap_select_related=("section",),
    address=("theme-page-detail", {"section": "section__slug", "slug": "slug"}),
)
registry.register(
    PageSection,
    search=Search("heading", ("subheading", "body"), _published_page_sections, ("page__section",), _page_section_hit),
)
registry.register(
    CallToAction,
    link_texts=("text",),
    link_target=lambda link: str(link.target),
    link_texts_select_related=CallToAction.TARGET_FIELDS,
)
registry.register(
    InfoPage,
    search=Search("title", ("description", "body")),
    sitemap=True,
    address=("info-page-detail", {"slug": "slug"}),
)
registry.register(Menu)
registry.register(MenuItem)
registry.register_referrer(_pages_linking_to)
