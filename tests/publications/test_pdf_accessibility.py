"""A PDF's accessibility, checked at upload on PDFs made here: beside the file in the form, on the content-health
page as a row that opens the field, as a filter in the lists, and on the public link if the site says so."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from publications.models import Publication
from tests import factories
from tests.admin import admin_form, change_url
from velfaerd.editorial import health

pytestmark = pytest.mark.django_db
ADD = "/admin/publications/publication/add/"


def upload(client, data, slug):
    fields = {"title": slug.capitalize(), "slug": slug, "summary": "<p>Om.</p>"}
    document = SimpleUploadedFile(f"{slug}.pdf", data, content_type="application/pdf")
    response = client.post(ADD, {**admin_form(client, ADD, **fields), "document": document})
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Publication.objects.get(slug=slug)


def test_a_scan_is_accepted_and_reported_beside_the_file_in_danish(admin_client):
    scan = upload(admin_client, factories.made_pdf(), "skannet")
    assert scan.document_check["text_layer"] is False
    form = admin_client.get(change_url(scan)).content.decode()
    assert "Intet tekstlag: en scanning" in form
    assert "tekstgenkendelse (OCR)" in form
    assert "1 sider" in form or "1 side" in form


@pytest.mark.django_db(transaction=True)  # content health checks an item after its save commits
def test_the_health_page_lists_inaccessible_pdfs_with_a_link_to_the_field(admin_client):
    scan = upload(admin_client, factories.made_pdf(), "skannet")
    rows = health.all_rows("inaccessible_pdfs")
    assert [row.url for row in rows] == [f"{change_url(scan)}#id_document"]
    assert "Intet tekstlag: en scanning" in rows[0].detail
    page = admin_client.get("/admin/indholdstjek/").content.decode()
    assert "PDF-filer, der ikke er tilgængelige" in page


def listed(client, **query):
    html = client.get("/admin/publications/publication/", query).content.decode()
    return re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', html)


def test_the_list_filters_by_pdf_accessibility(admin_client):
    upload(admin_client, factories.made_pdf(), "skannet")
    upload(admin_client, factories.made_pdf("Tekst", tagged=True, lang="da", title="T", embedded=True), "god")
    assert listed(admin_client, pdf="scan") == ["Skannet"]
    assert listed(admin_client, pdf="inaccessible") == ["Skannet"]
    assert listed(admin_client, pdf="accessible") == ["God"]


def test_the_public_link_says_not_accessible_only_if_the_site_says_so(admin_client, client, settings):
    scan = upload(admin_client, factories.made_pdf(), "skannet")
    Publication.objects.filter(pk=scan.pk).update(is_published=True)
    assert "ikke tilgængelig" not in client.get(scan.get_absolute_url()).content.decode()
    settings.PDF_SAY_INACCESSIBLE = True
    assert "ikke tilgængelig)" in client.get(scan.get_absolute_url()).content.decode()


def test_pdfs_uploaded_before_the_check_are_checked_by_a_command(db):
    publication = factories.make_publication(document=factories.pdf_file(10_000))
    Publication.objects.filter(pk=publication.pk).update(document_check=None)
    publication.refresh_from_db()
    publication.title = "Ny titel"
    publication.save()  # an ordinary save reads no file (a draft's preview saves too, every time it is shown)
    assert Publication.objects.get(pk=publication.pk).document_check is None
    call_command("check_pdfs", stdout=io.StringIO())
    publication.refresh_from_db()
    assert publication.document_check["pages"] == 1


def test_a_pdf_too_big_to_read_in_time_is_taken_and_said_not_checked(admin_client, monkeypatch):
    """A PDF pypdf cannot open within the bounds (a million objects took 11 s in the worker) costs the worker
    nothing: it is read in a bounded process, taken as the PDF it starts as, and reported as not checked."""
    from velfaerd.content import pdfcheck

    monkeypatch.setattr(pdfcheck, "WALL_SECONDS", 0.01)
    slow = upload(admin_client, factories.made_pdf("Brobyggerne"), "langsom")
    assert slow.document_check == {"error": "timeout"}
    form = admin_client.get(change_url(slow)).content.decode()
    assert "PDF-filen kunne ikke tjekkes" in form


def test_each_upload_is_read_once(admin_client, monkeypatch):
    from velfaerd.content import pdfcheck

    calls = []
    check = pdfcheck.check
    monkeypatch.setattr(pdfcheck, "check", lambda upload: calls.append(1) or check(upload))
    upload(admin_client, factories.made_pdf("Brobyggerne"), "en-gang")
    assert len(calls) == 1
