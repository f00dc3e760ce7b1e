"""Visitors see only published content: drafts, scheduled and expired items answer 404 and are in no list."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from tests import factories
from tests.html import visible_text

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HIDDEN_STATES = {
    "draft": {"is_published": False},
    "scheduled": {"publish_at": NOW + datetime.timedelta(days=1)},
    "expired": {"publish_at": NOW - datetime.timedelta(days=2), "expire_at": NOW - datetime.timedelta(days=1)},
}
MAKERS = {
    "publication": factories.make_publication,
    "report": factories.make_report,
    "article": factories.make_article,
    "knowledge link": factories.make_knowledge_link,
}


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("kind", MAKERS)
def test_hidden_items_answer_404_and_vanish_from_the_theme_page(client, kind, state):
    item = MAKERS[kind](**HIDDEN_STATES[state])
    page = factories.make_theme_page()
    section = factories.add_page_section(page)
    factories.add_call_to_action(section, item, text="Hemmeligt link")

    assert client.get(item.get_absolute_url()).status_code == 404
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Hemmeligt link" not in html
    assert item.get_absolute_url() not in html


@pytest.mark.parametrize("kind", MAKERS)
def test_published_items_are_shown(client, kind):
    item = MAKERS[kind]()
    page = factories.make_theme_page()
    factories.add_call_to_action(factories.add_page_section(page), item, text="Synligt link")
    assert client.get(item.get_absolute_url()).status_code == 200
    assert "Synligt link" in client.get(page.get_absolute_url()).content.decode()


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_theme_pages_answer_404_and_are_missing_from_lists(client, state):
    section = factories.make_section(slug="leder")
    page = factories.make_theme_page(section=section, title="Skjult side", **HIDDEN_STATES[state])
    factories.make_theme_page(section=section, title="Synlig side")

    assert client.get(page.get_absolute_url()).status_code == 404
    for url in ("/", "/leder/"):
        text = visible_text(client.get(url).content.decode())
        assert "Synlig side" in text
        assert "Skjult side" not in text


def test_a_hidden_section_hides_its_pages(client):
    section = factories.make_section(slug="leder", is_published=False, title="Skjult sektion")
    page = factories.make_theme_page(section=section)
    assert client.get("/leder/").status_code == 404
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Skjult sektion" not in client.get("/").content.decode()


def test_scheduled_content_appears_at_its_time_without_any_process(client):
    publish_at = timezone.now() + datetime.timedelta(hours=1)
    item = factories.make_publication(publish_at=publish_at)
    assert client.get(item.get_absolute_url()).status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=publish_at):
        assert client.get(item.get_absolute_url()).status_code == 200


def test_the_404_page_is_danish(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_a_save_between_the_page_queries_is_never_shown_half(client):
    """An editor's save that commits while a visitor's page is being read: the visitor sees all of it or none."""
    from django.db import connection

    from velfaerd.pages.models import PageSection, ThemePage

    page = factories.make_theme_page(intro="<p>gammel</p>")
    section = factories.add_page_section(page, heading="gammel")
    saved = []

    def save_in_between(execute, sql, params, many, context):
        if 'FROM "velfaerd_pagesection"' in sql and not saved:
            # The visitor has read the page but not its sections when the editor's save lands.
            saved.append(True)
            ThemePage.objects.filter(pk=page.pk).update(intro="<p>ny</p>", updated_at=timezone.now())
            PageSection.objects.filter(pk=section.pk).update(heading="ny")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(save_in_between):
        html = client.get(page.get_absolute_url()).content.decode()
    assert saved
    assert "<p>ny</p>" in html
    assert '">ny</h2>' in html
