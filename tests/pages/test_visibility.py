"""One rule of visibility for every way content leaves the site: what visitors cannot open, no feed, sitemap,
filter, redirect, preview link or address names. Tested with the page cache on, as visitors meet the site."""

import datetime
import json
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from tests import factories
from tests.admin import change_url, save
from velfaerd.drafts.drafts import Draft, PreviewLink
from velfaerd.seo.sitemaps import PublishedSitemap

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache")]

HIDDEN = {
    "unpublished": {"is_published": False},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
}


@pytest.mark.parametrize("state", HIDDEN)
def test_a_theme_page_in_a_hidden_section_is_in_no_feed_sitemap_or_search(client, state):
    section = factories.make_section(**HIDDEN[state])
    page = factories.make_theme_page(section=section, title="Skjult temaside", intro="<p>Hemmelig indledning.</p>")
    address = page.get_absolute_url()
    assert client.get(address).status_code == 404
    for url in ("/feed/", "/feed/atom/", "/sitemap-velfaerd-themepage.xml", "/sitemap.xml", "/?q=x", "/"):
        body = client.get(url).content.decode()
        assert "Skjult temaside" not in body, url
        assert address not in body, url
    assert "Skjult temaside" not in client.get("/soeg/", {"q": "Hemmelig"}).content.decode()


def test_the_publications_filter_offers_only_organisations_of_published_publications(client):
    shown = factories.make_organisation(name="Synlig udgiver", slug="synlig")
    hidden = factories.make_organisation(name="Kladdeudgiver", slug="kladde")
    factories.make_publication().publishers.add(shown)
    factories.make_publication(is_published=False).publishers.add(hidden)
    html = client.get("/publikationer/").content.decode()
    assert "Synlig udgiver" in html
    assert "Kladdeudgiver" not in html
    response = client.get("/publikationer/", {"organisation": "kladde"})
    assert "Kladdeudgiver" not in response.content.decode()
    assert "no-store" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", "")


def test_a_taken_off_item_renamed_leaks_no_new_address_through_its_old_one(admin_client, client):
    publication = factories.make_publication(title="Gammel", slug="gammel")
    old = publication.get_absolute_url()
    response = save(admin_client, change_url(publication), "publication_form", button="_unpublish")
    assert response.status_code == 302
    response = save(
        admin_client, change_url(publication), "publication_form", button="_draft", slug="hemmelig-ny-adresse"
    )
    assert response.status_code == 302
    answer = client.get(old)
    assert answer.status_code == 404
    assert "hemmelig-ny-adresse" not in answer.get("Location", "")
    # Published again under the new address: the old one leads there.
    publication.refresh_from_db()
    type(publication).objects.filter(pk=publication.pk).update(is_published=True)
    answer = client.get(old)
    assert answer.status_code == 301
    assert answer["Location"] == "/publikationer/hemmelig-ny-adresse/"


def test_a_preview_link_of_a_new_item_ends_when_it_is_published(admin_client, client):
    publication = factories.make_publication(title="Ny", is_published=False)
    link = PreviewLink.create_for(publication, None)
    url = f"/forhaandsvisning/{link.token}/"
    assert client.get(url).status_code == 200
    type(publication).objects.filter(pk=publication.pk).update(is_published=True)
    publication.refresh_from_db()
    publication.save()  # first published now
    assert client.get(url).status_code == 410
    # Taken off again, and a new draft: the old link still shows nothing.
    type(publication).objects.filter(pk=publication.pk).update(is_published=False)
    assert client.get(url).status_code == 410


def test_a_preview_link_of_a_draft_ends_with_that_draft(admin_client, client):
    publication = factories.make_publication(title="Live")
    response = save(admin_client, change_url(publication), "publication_form", button="_draft", title="Kladdetitel")
    assert response.status_code == 302
    draft = Draft.objects.get()
    link = PreviewLink.create_for(publication, None)
    assert link.draft == draft
    url = f"/forhaandsvisning/{link.token}/"
    assert "Kladdetitel" in client.get(url).content.decode()
    draft.publish()
    assert client.get(url).status_code == 410
    save(admin_client, change_url(publication), "publication_form", button="_draft", title="Næste kladde")
    answer = client.get(url)
    assert answer.status_code == 410
    assert "Næste kladde" not in answer.content.decode()


def test_a_preview_page_names_the_items_address_never_the_links_key(client):
    publication = factories.make_publication(title="Ny", is_published=False)
    link = PreviewLink.create_for(publication, None)
    html = client.get(f"/forhaandsvisning/{link.token}/").content.decode()
    assert link.token not in html
    assert link.key not in html
    data = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    assert publication.get_absolute_url() in json.dumps(data)


def test_revoking_a_preview_link_that_is_no_number_is_not_found(admin_client):
    publication = factories.make_publication(is_published=False)
    url = f"/admin/publications/publication/{publication.pk}/forhaandsvisning/"
    assert admin_client.post(url, {"revoke": "abc"}).status_code == 404


@override_settings(SITE_URL="http://velfaerd.example", ALLOWED_HOSTS=["velfaerd.example", "localhost", "testserver"])
def test_every_spelling_of_the_host_is_one_cache_entry_and_the_sites_own_address(client, seeded):
    from django.core.cache import cache

    def page_keys():
        return {key for key in cache._cache if "velfaerd:page:" in key}

    for host in ("localhost", "LocalHost", "localhost.", "localhost:1", "localhost:65535", "velfaerd.example"):
        html = client.get("/leder/velfaerdsledelse/", HTTP_HOST=host).content.decode()
        assert "http://velfaerd.example/leder/velfaerdsledelse/" in html, host
        assert not re.search(r"https?://(?i:localhost)", html), host
    assert len(page_keys()) == 1
    assert "http://velfaerd.example/" in client.get("/feed/", HTTP_HOST="localhost:9").content.decode()
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_every_page_of_a_sitemap_section_is_reachable_with_the_cache_on(client, monkeypatch):
    monkeypatch.setattr(PublishedSitemap, "limit", 2)
    for n in range(5):
        factories.make_publication(title=f"Side {n}", slug=f"side-{n}")
    pages = [client.get("/sitemap-publications-publication.xml", {"p": p}).content.decode() for p in (1, 2, 3)]
    locations = [set(re.findall(r"<loc>(.*?)</loc>", page)) for page in pages]
    assert all(locations)
    assert not locations[0] & locations[1]
    assert not locations[1] & locations[2]
    assert len(set.union(*locations)) == 5
