"""A PDF's text is searched with its item: read at upload (in the bounded process that checks it), written to the
index in the same save, its excerpt marked as the PDF's; replaced and removed with the file, and filled by
``check_pdfs`` where an upgrade or a restore left it out."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from publications.models import Publication
from tests import factories
from tests.admin import admin_form, change_url
from tests.html import visible_text
from velfaerd.search.search import SearchDocument, index_missing

pytestmark = pytest.mark.django_db
ADD = "/admin/publications/publication/add/"
SENTENCE = "Kanariefuglene i minen synger hver morgen"
NEW = {"title": "Brobyggerne", "slug": "brobyggerne", "summary": "<p>Om.</p>"}


def upload(client, url, data, **fields):
    document = SimpleUploadedFile("bro.pdf", data, content_type="application/pdf")
    response = client.post(url, {**admin_form(client, url, **fields), "document": document})
    assert response.status_code == 302, response.content.decode()[-3000:]


def results(client, query):
    return client.get("/soeg/", {"q": query}).content.decode()


def test_a_sentence_only_inside_the_pdf_finds_its_item_with_an_excerpt_marked_as_the_pdfs(admin_client, client):
    upload(admin_client, ADD, factories.made_pdf(SENTENCE), **NEW)
    publication = Publication.objects.get(slug="brobyggerne")
    assert "text" not in publication.document_check  # the report loaded with every page keeps no text
    html = results(client, "kanariefugl i minen")
    assert "1 resultat" in visible_text(html)
    assert "Brobyggerne" in visible_text(html)
    assert "<strong>Fra PDF-filen:</strong> <mark>Kanariefuglene</mark> i <mark>minen</mark> synger" in html


def test_the_text_follows_the_file_when_it_is_replaced_or_removed(admin_client, client):
    publication = factories.make_publication(title="Brobyggerne")
    upload(admin_client, change_url(publication), factories.made_pdf(SENTENCE), title="Brobyggerne")
    upload(admin_client, change_url(publication), factories.made_pdf("Papegøjer i haven"), title="Brobyggerne")
    assert "Der blev ikke fundet noget" in visible_text(results(client, "kanariefugl"))
    assert "Brobyggerne" in visible_text(results(client, "papegøje"))
    publication.refresh_from_db()
    publication.document = ""
    publication.save()
    assert "Der blev ikke fundet noget" in visible_text(results(client, "papegøje"))


def test_a_file_that_came_another_way_is_read_when_its_item_is_saved(client):
    """A draft published or an item restored carries a stored file whose text the index has not read."""
    publication = factories.make_publication(title="Brobyggerne")
    publication.document.save("bro.pdf", ContentFile(factories.made_pdf(SENTENCE)), save=False)
    publication.document_text = None  # not read with this save
    del publication.document_text
    Publication.objects.filter(pk=publication.pk).update(document=publication.document.name)
    publication.refresh_from_db()
    publication.title = "Brobyggerne (2. udgave)"
    publication.save()
    assert "Brobyggerne (2. udgave)" in visible_text(results(client, "kanariefugl"))


def test_check_pdfs_gives_the_search_the_text_an_upgrade_or_a_restore_left_out(admin_client, client):
    upload(admin_client, ADD, factories.made_pdf(SENTENCE), **NEW)
    SearchDocument.objects.all().delete()
    index_missing(using="default")  # as after a restore: the content indexed, the PDFs' text waiting
    assert "Der blev ikke fundet noget" in visible_text(results(client, "kanariefugl"))
    call_command("check_pdfs", stdout=(out := io.StringIO()))
    assert "read the text of 1" in out.getvalue()
    assert "Brobyggerne" in visible_text(results(client, "kanariefugl"))
    call_command("check_pdfs", stdout=(out := io.StringIO()))
    assert "read the text of 0" in out.getvalue()


def test_how_much_of_the_text_is_kept_is_a_setting(admin_client, client, settings):
    settings.SEARCH_PDF_CHARS = 20
    upload(admin_client, ADD, factories.made_pdf(SENTENCE), **NEW)
    assert SearchDocument.objects.get(title="Brobyggerne").document_text == SENTENCE[:20]
    publication = Publication.objects.get(slug="brobyggerne")
    assert publication.document_check["text_layer"] is True  # the check still reads enough to know
