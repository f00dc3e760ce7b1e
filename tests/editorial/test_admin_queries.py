"""The editors' heaviest screen, the theme page form, opens in the same number of SQL queries however many sections
and links the page has."""

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
    assert small == large == 20
