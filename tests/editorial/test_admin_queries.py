"""The editors' screens open in the same number of SQL queries however much they show: the theme page form
however many sections and links the page has, each change form however many related items, each list however
many rows."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.admin import change_url

pytestmark = pytest.mark.django_db

MAKERS = [factories.make_publication, factories.make_report, factories.make_article, factories.make_knowledge_link]


def theme_page_with(sections, links_per_section):
    page = factories.make_theme_page()
    makers = itertools.cycle(MAKERS)
    for _ in range(sections):
        part = factories.add_page_section(page, body="<p>Tekst.</p>")
        for _ in range(links_per_section):
            factories.add_call_to_action(part, next(makers)(), lead="<p>Før linket.</p>")
    return page


def queries_to_open(client, page):
    client.get(change_url(page))  # the first open also records who has it open
    with CaptureQueriesContext(connection) as queries:
        response = client.get(change_url(page))
    assert response.status_code == 200
    return len(queries)


def test_the_theme_page_form_opens_in_the_same_queries_with_1_and_50_links(admin_client):
    small = queries_to_open(admin_client, theme_page_with(1, 1))
    large = queries_to_open(admin_client, theme_page_with(25, 2))
    # 20, two for "Bed om gennemlæsning" (the colleagues who may be asked, and the requests made) and two for the
    # line of reading figures (the page's section, for its address, and its views).
    assert small == large == 24


def with_themes(make):
    def made(n):
        item = make()
        item.themes.set([factories.make_theme() for _ in range(n)])
        return item

    return made


def report_with_findings(n):
    report = factories.make_report()
    for order in range(n):
        factories.make_finding(report, order=order)
    return report


def organisation_with_reports(n):
    organisation = factories.make_organisation()
    for _ in range(n):
        factories.make_report(organisation=organisation)
    return organisation


#: Each content type's maker, given how many related items (themes, findings) the item has.
CONTENT = {
    "publication": with_themes(factories.make_publication),
    "report": report_with_findings,
    "report's themes": with_themes(factories.make_report),
    "article": with_themes(factories.make_article),
    "knowledge-centre link": lambda n: factories.make_knowledge_link(),
    "organisation": organisation_with_reports,
    "theme": lambda n: factories.make_theme(),
    "theme page": lambda n: theme_page_with(1, n),
}


def queries(client, url):
    client.get(url)  # the first open also records who has it open
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("kind", CONTENT)
def test_each_change_form_opens_in_the_same_queries_with_1_and_50_related_items(admin_client, kind):
    make = CONTENT[kind]
    small = queries(admin_client, change_url(make(1)))
    for _ in range(49):  # and 50 of the kind: the choices of its selects grow too
        make(1)
    assert queries(admin_client, change_url(make(50))) == small


@pytest.mark.parametrize("kind", CONTENT)
def test_each_list_opens_in_the_same_queries_with_1_and_50_items(admin_client, kind):
    make = CONTENT[kind]
    item = make(1)
    url = f"/admin/{item._meta.app_label}/{item._meta.model_name}/"
    small = queries(admin_client, url)
    for _ in range(49):
        make(3)
    assert queries(admin_client, url) == small
