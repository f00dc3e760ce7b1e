"""Knowledge-centre links as visitors and editors meet them: the page, drafts kept out, the theme's list, the admin,
the feed and the sitemap. Made with the factories: no seed."""

import pytest
from django.test import Client

from tests import factories
from tests.admin import admin_form, change_url
from tests.html import visible_text
from velfaerd.knowledge.models import KnowledgeCentreLink

pytestmark = pytest.mark.django_db


def test_a_knowledge_centre_s_page_shows_who_founded_it_and_where_to_go_on(client):
    link = factories.make_knowledge_link(
        name="Videncenter for Ledelse", url="https://videncenter.example/", description="<p>Viden om ledelse.</p>"
    )
    link.founders.add(factories.make_organisation(name="Lederforeningen"))
    text = visible_text(client.get(link.get_absolute_url()).content.decode())
    assert "Videncenter for Ledelse" in text
    assert "Viden om ledelse." in text
    assert "Etableret af Lederforeningen" in text
    assert "Gå til Videncenter for Ledelse" in text


def test_a_link_that_is_not_published_is_not_found_by_visitors_and_staff_preview_it(client, admin_client):
    hidden = factories.make_knowledge_link(is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert admin_client.get(hidden.get_absolute_url()).status_code == 200


def test_a_theme_lists_the_knowledge_centres_working_on_it(client):
    theme = factories.make_theme(name="Ledelsesrum", slug="ledelsesrum")
    shown = factories.make_knowledge_link(name="Synligt videncenter")
    shown.themes.add(theme)
    factories.make_knowledge_link(name="Skjult videncenter", is_published=False).themes.add(theme)
    text = visible_text(client.get("/temaer/ledelsesrum/videncentre/").content.decode())
    assert "Synligt videncenter" in text
    assert "Skjult videncenter" not in text


def test_an_editor_adds_a_knowledge_centre_link_in_the_admin(admin_client):
    add = "/admin/knowledge/knowledgecentrelink/add/"
    form = admin_form(
        admin_client, add, name="Nyt videncenter", slug="nyt-videncenter", description="<p>Om <script>x</script>it.</p>"
    )
    form["url"] = "https://nyt.example/"  # the field shares its name with admin_form's own argument
    response = admin_client.post(add, form)
    assert response.status_code == 302, visible_text(response.content.decode())
    link = KnowledgeCentreLink.objects.get(slug="nyt-videncenter")
    assert "<script" not in link.description  # sanitised on the server
    assert link.url == "https://nyt.example/"
    assert "Nyt videncenter" in visible_text(admin_client.get("/admin/knowledge/knowledgecentrelink/").content.decode())
    assert admin_client.get(change_url(link)).status_code == 200


@pytest.mark.django_db(transaction=True)  # the page cache follows a change once it is committed
@pytest.mark.usefixtures("page_cache")  # as visitors meet them: cached, and made new by the change
def test_a_knowledge_centre_is_in_the_feed_and_the_sitemap_while_published(client):
    link = factories.make_knowledge_link(name="I feedet", slug="i-feedet")
    assert "I feedet" in client.get("/feed/").content.decode()
    sitemap = "/sitemap-knowledge-knowledgecentrelink.xml"
    assert "/videncentre/i-feedet/" in client.get(sitemap).content.decode()
    KnowledgeCentreLink.objects.filter(pk=link.pk).update(is_published=False)
    fresh = Client()
    assert "I feedet" not in fresh.get("/feed/").content.decode()
    assert "/videncentre/i-feedet/" not in fresh.get(sitemap).content.decode()
