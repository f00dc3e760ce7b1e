"""Staff preview drafts at their public address; visitors get 404; nothing of it is cached."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.html import visible_text

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"is_published": False},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


@pytest.mark.parametrize("state", HIDDEN)
@pytest.mark.parametrize(
    "maker",
    [
        factories.make_publication,
        factories.make_report,
        factories.make_article,
        factories.make_knowledge_link,
        factories.make_theme_page,
    ],
)
def test_staff_preview_a_hidden_item_with_banner_and_no_store(client, editor_client, maker, state):
    item = maker(**HIDDEN[state])
    url = item.get_absolute_url()

    response = editor_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "Kladde" in visible_text(html)

    client.logout()
    assert client.get(url).status_code == 404


def test_a_published_page_has_no_banner_even_for_staff(editor_client):
    page = factories.make_theme_page()
    response = editor_client.get(page.get_absolute_url())
    assert "Kladde" not in visible_text(response.content.decode())
    assert "no-store" in response["Cache-Control"]


def test_staff_without_change_permission_cannot_preview(staff_client):
    page = factories.make_theme_page(is_published=False)
    assert staff_client.get(page.get_absolute_url()).status_code == 404


def test_preview_shows_links_to_drafts_marked_as_drafts(client, editor_client):
    page = factories.make_theme_page()
    draft = factories.make_publication(is_published=False)
    factories.add_call_to_action(factories.add_page_section(page), draft, text="Læs kladden")
    html = editor_client.get(page.get_absolute_url()).content.decode()
    assert "Læs kladden" in html
    assert '<span class="draft-tag">kladde</span>' in html
    client.logout()
    assert "Læs kladden" not in client.get(page.get_absolute_url()).content.decode()


def test_visitors_responses_are_not_marked_private(client):
    page = factories.make_theme_page()
    response = client.get(page.get_absolute_url())
    assert "private" not in response.get("Cache-Control", "")
    assert "X-Robots-Tag" not in response
