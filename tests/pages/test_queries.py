"""Every public page is rendered with a number of SQL queries that does not grow with its content."""

import itertools

import pytest
from django.db import connection

from tests import factories

pytestmark = pytest.mark.django_db

#: One query per kind of searchable content; on PostgreSQL also the search's statement timeout (in a test's
#: transaction: a savepoint, SET LOCAL and its release; in production only SET LOCAL).


def search_queries(kinds):
    """A search: it looks up in the vocabulary the terms its last word starts and the compounds its words end (one
    query), counts the hits and reads a page of them (two queries, whatever the size of the archive), then fetches
    what it shows, one query per kind of content on the page. On PostgreSQL it runs under a statement timeout: a
    savepoint, setting the timeout, and the savepoint's release; inside a longer transaction (a test's, as here) one
    more query puts the timeout before it back."""
    return 1 + 2 + kinds + (4 if connection.vendor == "postgresql" else 0)


#: Every page made reads the menus (header and footer) in one query (velfaerd/pages/menus.py).
MENUS = 1

# searchable() below makes articles, page sections and publications; only the articles hold "ledelse".
SEARCH_QUERIES = search_queries(kinds=1)

MAKERS = [factories.make_publication, factories.make_report, factories.make_article, factories.make_knowledge_link]


def theme_page_with(n):
    """A theme page with n sections, each with two calls to action, over every kind of target."""
    page = factories.make_theme_page(section=factories.make_section(slug="leder"))
    makers = itertools.cycle(MAKERS)
    for _ in range(n):
        section = factories.add_page_section(page)
        factories.add_call_to_action(section, next(makers)())
        factories.add_call_to_action(section, next(makers)())
    return page


def publication_with(n):
    publication = factories.make_publication()
    publication.publishers.set([factories.make_organisation() for _ in range(n)])
    publication.themes.set([factories.make_theme() for _ in range(n)])
    return publication


def report_with(n):
    report = factories.make_report()
    for _ in range(n):
        factories.make_finding(report)
    report.themes.set([factories.make_theme() for _ in range(n)])
    return report


def article_with(n):
    article = factories.make_article(source=factories.make_organisation())
    article.themes.set([factories.make_theme() for _ in range(n)])
    return article


def knowledge_link_with(n):
    link = factories.make_knowledge_link()
    link.founders.set([factories.make_organisation() for _ in range(n)])
    link.themes.set([factories.make_theme() for _ in range(n)])
    return link


def section_with(n):
    section = factories.make_section(slug="leder")
    for _ in range(n):
        factories.make_theme_page(section=section)
    return section


def front_with(n):
    for _ in range(n):
        factories.make_theme_page()
    return None


def publications_with(n):
    theme, publisher = factories.make_theme(slug="tema"), factories.make_organisation()
    for i in range(n):
        publication = factories.make_publication(year=2000 + i % 20)
        publication.publishers.set([publisher, factories.make_organisation()])
        publication.themes.set([theme])


def reports_with(n):
    for _ in range(n):
        factories.make_report()


def articles_with(n):
    for _ in range(n):
        factories.make_article(source=factories.make_organisation())


def theme_with(n):
    theme = factories.make_theme(slug="tema")
    for maker in MAKERS:
        for _ in range(n):
            maker().themes.add(theme)


def searchable(n):
    for _ in range(n):
        factories.make_article(title="Tillid og ledelse", standfirst="Om tillid.")
        section = factories.add_page_section(factories.make_theme_page(), heading="Tillid", body="<p>Tillid.</p>")
        factories.make_publication(title="Tillid", summary=f"<p>{section.heading}</p>")


PAGES = {
    # name: (build content with n items, expected queries, url of what was built)
    # page and section, sections, calls to action with their targets, and the check that the page did not change.
    "theme page": (theme_page_with, 4, lambda page: page.get_absolute_url()),
    "publication": (publication_with, 3, lambda item: item.get_absolute_url()),
    "survey report": (report_with, 3, lambda item: item.get_absolute_url()),
    "article": (article_with, 2, lambda item: item.get_absolute_url()),
    "knowledge-centre link": (knowledge_link_with, 3, lambda item: item.get_absolute_url()),
    # the section, the number of its theme pages, a page of them.
    "section": (section_with, 3, lambda section: section.get_absolute_url()),
    "front page": (front_with, 2, lambda _: "/"),
    # the chosen theme, count, page of items, publishers; then the filter's choices: themes, organisations, years.
    "publication list": (publications_with, 7, lambda _: "/publikationer/?tema=tema"),
    "report list": (reports_with, 2, lambda _: "/rapporter/"),
    "article list": (articles_with, 2, lambda _: "/artikler/"),
    # the theme, then one query per kind of content (its newest few, with the count) and the publications' publishers.
    "leadership theme": (theme_with, 6, lambda _: "/temaer/tema/"),
    # the theme, the count, the page of items, their publishers.
    "leadership theme, all publications": (theme_with, 4, lambda _: "/temaer/tema/publikationer/"),
    "leadership theme, all articles": (theme_with, 3, lambda _: "/temaer/tema/artikler/?page=1"),
    "search": (searchable, SEARCH_QUERIES, lambda _: "/soeg/?q=ledelse"),
}


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("name", PAGES)
def test_query_count_is_pinned_and_constant(client, django_assert_num_queries, name, n):
    build, queries, url_of = PAGES[name]
    url = url_of(build(n))
    with django_assert_num_queries(queries + MENUS):
        response = client.get(url)
    assert response.status_code == 200
