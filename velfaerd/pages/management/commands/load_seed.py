import datetime

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from publications.models import Publication, SurveyReport
from velfaerd.content.models import LeadershipTheme, Organisation
from velfaerd.knowledge.models import KnowledgeCentreLink
from velfaerd.pages import seed
from velfaerd.pages.menus import ensure as ensure_menus
from velfaerd.pages.models import (
    InfoPage,
    Menu,
    MenuItem,
    Section,
    ThemePage,
)

COMMENT = "Standardindholdet: den oprindelige side om velfærdsledelse."


def moment(day):
    """The start of ``day`` on the site's clock."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


class Command(BaseCommand):
    help = (
        "Fills an empty site with its default content (the original Velfærdsledelse page), each item with its own "
        "first version in the history. A site that has content is left exactly as it is."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            if site_has_content():
                self.stdout.write(
                    "The site already has content, so the default content was not loaded and nothing was changed."
                )
                return
            page, items = self.create()
            # One revision per item (with its own parts), so that restoring one item's first version touches that
            # item only.
            for item in items:
                with reversion.create_revision(manage_manually=True):
                    reversion.add_to_revision(item)
                    reversion.set_comment(COMMENT)
        self.stdout.write(self.style.SUCCESS(f"Loaded the seed content: {page.get_absolute_url()}"))

    def create(self):
        """Makes the seed's rows; returns the theme page and every item that gets a history of its own."""
        items = []
        organisations = {}
        for slug, name in seed.ORGANISATIONS.items():
            organisations[slug] = Organisation.objects.create(slug=slug, name=name)
        items += organisations.values()
        # Dates from the seed: the page says when it was last updated, and everything on it was published by then;
        # the report gives its year (1 January of it). Feeds, sitemaps and search engines read these.
        on_the_page = moment(seed.THEME_PAGE["last_updated"])
        themes = {}
        for order, (slug, name) in enumerate(seed.THEMES.items()):
            themes[slug] = LeadershipTheme.objects.create(slug=slug, name=name, order=order)
        LeadershipTheme.objects.filter(pk__in=[t.pk for t in themes.values()]).update(updated_at=on_the_page)
        items += themes.values()
        targets = {}

        for data in seed.PUBLICATIONS:
            fields = {k: v for k, v in data.items() if k not in ("publishers", "themes")}
            publication = Publication.objects.create(**fields, publish_at=on_the_page)
            publication.publishers.set([organisations[slug] for slug in data["publishers"]])
            publication.themes.set([themes[slug] for slug in data["themes"]])
            targets["publication", publication.slug] = publication

        data = seed.KNOWLEDGE_CENTRE
        link = KnowledgeCentreLink.objects.create(
            slug=data["slug"], name=data["name"], description=data["description"], publish_at=on_the_page
        )
        link.founders.set([organisations[slug] for slug in data["founders"]])
        link.themes.set([themes[slug] for slug in data["themes"]])
        targets["knowledge_centre_link", link.slug] = link

        data = seed.ARTICLE
        article = Article.objects.create(
            slug=data["slug"],
            title=data["title"],
            author=data["author"],
            standfirst=data["standfirst"],
            source=organisations[data["source"]],
            publish_at=on_the_page,
        )
        targets["article", article.slug] = article

        data = seed.SURVEY_REPORT
        report = SurveyReport.objects.create(
            slug=data["slug"],
            title=data["title"],
            organisation=organisations[data["organisation"]],
            year=data["year"],
            summary=data["summary"],
            publish_at=moment(datetime.date(data["year"], 1, 1)),
        )
        report.findings.bulk_create(
            [report.findings.model(report=report, order=i, text=text) for i, text in enumerate(data["findings"])]
        )
        targets["survey_report", report.slug] = report
        items += targets.values()

        items.append(InfoPage.objects.create(**seed.ACCESSIBILITY_STATEMENT))
        items.append(InfoPage.objects.create(**seed.PRIVACY))
        ensure_menus()
        footer = Menu.objects.get(key=Menu.FOOTER)  # with the site's first links
        footer.items.get_or_create(address="/om/privatliv/", defaults={"text": "Privatliv", "order": 35})
        section = Section.objects.create(slug=seed.SECTION["slug"], title=seed.SECTION["title"], publish_at=on_the_page)
        items.append(section)

        data = seed.THEME_PAGE
        page = ThemePage.objects.create(
            section=section,
            slug=data["slug"],
            title=data["title"],
            description=data["description"],
            intro=data["intro"],
            last_updated=data["last_updated"],
            publish_at=on_the_page,
        )
        for order, section_data in enumerate(seed.PAGE_SECTIONS):
            page_section = page.parts.create(
                order=order,
                heading=section_data["heading"],
                subheading=section_data["subheading"],
                body=section_data["body"],
            )
            for cta_order, (lead, text, (kind, slug)) in enumerate(section_data["calls_to_action"]):
                page_section.calls_to_action.create(
                    order=cta_order, lead=lead, text=text, **{kind: targets[kind, slug]}
                )
        items.append(page)
        return page, items


def site_has_content():
    """Whether anything an editor keeps a history of exists: the seed only ever fills an empty site. The menus do
    not count: `migrate` makes them, with their first links (the seed adds one, if it is not there)."""
    made = {Menu, MenuItem}
    return any(model._default_manager.exists() for model in reversion.get_registered_models() if model not in made)
