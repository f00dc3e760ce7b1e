"""Articles as visitors and editors meet them: the list and the page, drafts kept out, the admin, the feed and the
sitemap. Made with the factories: no seed."""

import pytest
from django.test import Client

from articles.models import Article
from tests import factories
from tests.admin import change_url, save
from tests.html import visible_text

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_articles_newest_first_with_their_source(client):
    source = factories.make_organisation(name="Lederweb")
    factories.make_article(title="Ældre", date="2015-01-01", source=source)
    factories.make_article(title="Skjult", is_published=False)
    factories.make_article(title="Nyere", date="2020-01-01")
    text = visible_text(client.get("/artikler/").content.decode())
    assert "Skjult" not in text
    assert text.index("Nyere") < text.index("Ældre")
    assert "Lederweb" in text


def test_an_article_s_page_shows_it_and_a_draft_is_not_found_by_visitors(client, admin_client):
    article = factories.make_article(
        title="Ud med dokumentationstyranniet", standfirst="Tillid frem for kontrol.", author="Anne Leder"
    )
    draft = factories.make_article(title="Ikke endnu", is_published=False)
    text = visible_text(client.get(article.get_absolute_url()).content.decode())
    assert "Ud med dokumentationstyranniet" in text
    assert "Anne Leder" in text
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert admin_client.get(draft.get_absolute_url()).status_code == 200  # staff preview it


def test_an_editor_adds_an_article_in_the_admin(admin_client):
    response = save(
        admin_client,
        "/admin/articles/article/add/",
        title="Tillid i praksis",
        slug="tillid-i-praksis",
        standfirst="Om tillid.",
        body="<p>Tekst <script>alert(1)</script>om tillid.</p>",
    )
    assert response.status_code == 302, visible_text(response.content.decode())
    article = Article.objects.get(slug="tillid-i-praksis")
    assert "<script" not in article.body  # sanitised on the server
    assert article.is_published
    listed = visible_text(admin_client.get("/admin/articles/article/").content.decode())
    assert "Tillid i praksis" in listed
    assert admin_client.get(change_url(article)).status_code == 200


@pytest.mark.django_db(transaction=True)  # the page cache follows a change once it is committed
@pytest.mark.usefixtures("page_cache")  # as visitors meet them: cached, and made new by the change
def test_an_article_is_in_the_feed_and_the_sitemap_while_published(client):
    article = factories.make_article(title="I feedet", slug="i-feedet")
    feed = client.get("/feed/").content.decode()
    assert "I feedet" in feed
    sitemap = client.get("/sitemap-articles-article.xml").content.decode()
    assert "/artikler/i-feedet/" in sitemap
    Article.objects.filter(pk=article.pk).update(is_published=False)
    fresh = Client()
    assert "I feedet" not in fresh.get("/feed/").content.decode()
    assert "/artikler/i-feedet/" not in fresh.get("/sitemap-articles-article.xml").content.decode()
