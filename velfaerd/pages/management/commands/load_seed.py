import datetime

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from publications.models import Publication, SurveyReport
from velfaerd.pages import seed
from velfaerd.pages.models import (
    InfoPage,
    KnowledgeCentreLink,
    LeadershipTheme,
    Organisation,
    Section,
    ThemePage,
)


def moment(day):
    """The start of ``day`` on the site's clock."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


class Command(BaseCommand):
    help = (
        "Loads the site's default content (the original Velfærdsledelse page). Safe to run again: what exists "
        "already, including editors' changes, is left as it is."
    )

    @transaction.atomic
    @reversion.create_revision()
    def handle(self, *args, **options):
        # The seed is the first version of what it makes, so histories start with the original page.
        reversion.set_comment("Standardindholdet: den oprindelige side om velfærdsledelse.")
        organisations = {
            slug: Organisation.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in seed.ORGANISATIONS.items()
        }
        # Dates from the seed: the page says when it was last updated, and everything on it was published by then;
        # the report gives its year (1 January of it). Feeds, sitemaps and search engines read these.
        on_the_page = moment(seed.THEME_PAGE["last_updated"])
        themes, new_themes = {}, []
        for order, (slug, name) in enumerate(seed.THEMES.items()):
            themes[slug], created = LeadershipTheme.objects.get_or_create(
                slug=slug, defaults={"name": name, "order": order}
            )
            if created:
                new_themes.append(themes[slug].pk)
        LeadershipTheme.objects.filter(pk__in=new_themes).update(updated_at=on_the_page)
        targets = {}

        for data in seed.PUBLICATIONS:
            fields = {k: v for k, v in data.items() if k not in ("slug", "publishers", "themes")}
            fields["publish_at"] = on_the_page
            publication, created = Publication.objects.get_or_create(slug=data["slug"], defaults=fields)
            if created:
                publication.publishers.set([organisations[slug] for slug in data["publishers"]])
                publication.themes.set([themes[slug] for slug in data["themes"]])
            targets["publication", publication.slug] = publication

        data = seed.KNOWLEDGE_CENTRE
        link, created = KnowledgeCentreLink.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "publish_at": on_the_page},
        )
        if created:
            link.founders.set([organisations[slug] for slug in data["founders"]])
            link.themes.set([themes[slug] for slug in data["themes"]])
        targets["knowledge_centre_link", link.slug] = link

        data = seed.ARTICLE
        article, _ = Article.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "author": data["author"],
                "standfirst": data["standfirst"],
                "source": organisations[data["source"]],
                "publish_at": on_the_page,
            },
        )
        targets["article", article.slug] = article

        data = seed.SURVEY_REPORT
        report, created = SurveyReport.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "organisation": organisations[data["organisation"]],
                "year": data["year"],
                "summary": data["summary"],
                "publish_at": moment(datetime.date(data["year"], 1, 1)),
            },
        )
        if created:
            report.findings.bulk_create(
                [report.findings.model(report=report, order=i, text=text) for i, text in enumerate(data["findings"])]
            )
        targets["survey_report", report.slug] = report

        data = seed.ACCESSIBILITY_STATEMENT
        _page, statement_created = InfoPage.objects.get_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )

        section, _ = Section.objects.get_or_create(
            slug=seed.SECTION["slug"], defaults={"title": seed.SECTION["title"], "publish_at": on_the_page}
        )

        data = seed.THEME_PAGE
        page, created = ThemePage.objects.get_or_create(
            section=section,
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "description": data["description"],
                "intro": data["intro"],
                "last_updated": data["last_updated"],
                "publish_at": on_the_page,
            },
        )
        if created:
            for order, section_data in enumerate(seed.PAGE_SECTIONS):
                page_section = page.parts.create(
                    order=order,
                    heading=section_data["heading"],
                    subheading=section_data["subheading"],
                    body=section_data["body"],
                )
                for cta_order, (lead, text, (kind, slug)) in enumerate(section_data["calls_to_action"]):
                    page_section.calls_to_action.create(
                        order=cta_order,
                        lead=lead,
                        text=text,
                        **{kind: targets[kind, slug]},
                    )
            self.stdout.write(self.style.SUCCESS(f"Loaded the seed content: {page.get_absolute_url()}"))
        elif statement_created:
            self.stdout.write(self.style.SUCCESS("Added the accessibility statement: /was"))
        else:
            self.stdout.write("The seed content is already loaded; nothing was changed.")
