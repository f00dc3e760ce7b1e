"""Uploads through the admin: bad files are refused with a Danish error, good ones are re-made without metadata,
and a failed save leaves no row and no file."""

import errno
import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from PIL import Image

from publications.models import Publication
from tests.html import form_data, visible_text

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publications/publication/add/"


@pytest.fixture
def media(settings, tmp_path):
    """Real files on disk, in a folder of the test's own, through the site's media storage."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "velfaerd.storage.MediaStorage"}}
    return tmp_path


def files_in(folder):
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def jpeg(width=400, height=300, exif=None, **save):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG", exif=exif or b"", **save)
    return buffer.getvalue()


def upload(client, **files):
    data = form_data(client.get(ADD_URL).content.decode())
    data.update({"title": "Maskinrummet", "slug": "maskinrummet", "summary": "<p>Om.</p>", "cover_alt": "Forsiden"})
    data["_save"] = "Gem"
    return client.post(ADD_URL, {**data, **files})


def refused(response, message):
    assert response.status_code == 200
    assert message in visible_text(response.content.decode())
    assert not Publication.objects.exists()


def bomb():
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 million pixels in a few kilobytes
    return buffer.getvalue()


BAD_IMAGES = {
    "decompression bomb": ("bombe.png", bomb, "The image has too many pixels"),
    "HTML renamed .jpg": ("side.jpg", lambda: b"<html><script>alert(1)</script></html>", "not an image"),
    "SVG with script": (
        "logo.svg",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "not an image",
    ),
    "truncated JPEG": ("halv.jpg", lambda: jpeg()[:1500], "not an image"),
    "GIF": ("anim.gif", lambda: _gif(), "Upload the image as JPEG, PNG or WebP."),
    "oversize": ("stor.jpg", lambda: b"\xff\xd8" + b"0" * (10 * 1024 * 1024 + 1), "The image is too large"),
}

DANISH = {
    "The image has too many pixels": "Billedet har for mange pixels",
    "not an image": "Filen er ikke et billede, der kan bruges, eller den er beskadiget.",
    "Upload the image as JPEG, PNG or WebP.": "Upload billedet som JPEG, PNG eller WebP.",
    "The image is too large": "Billedet er for stort.",
}


def _gif():
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_bad_images_are_refused_in_danish(admin_client, media, case):
    name, make, message = BAD_IMAGES[case]
    response = upload(admin_client, cover=SimpleUploadedFile(name, make()))
    refused(response, DANISH[message])
    assert files_in(media) == []


def test_a_polyglot_is_re_made_without_what_was_appended(admin_client, media):
    polyglot = jpeg() + b"<html><script>alert(1)</script></html>"
    assert upload(admin_client, cover=SimpleUploadedFile("forside.jpg", polyglot)).status_code == 302
    publication = Publication.objects.get()
    stored = Path(publication.cover.path).read_bytes()
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).format == "JPEG"


def test_exif_orientation_is_applied_and_metadata_stripped(admin_client, media):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the camera held upright
    exif[0x010F] = "Kameramærke"
    exif[0x9286] = "Hemmelig kommentar"
    gps = {1: "N", 2: (55.0, 40.0, 0.0), 3: "E", 4: (12.0, 34.0, 0.0)}
    exif[0x8825] = gps
    original = jpeg(400, 300, exif=exif.tobytes())
    assert upload(admin_client, cover=SimpleUploadedFile("Forside (endelig).JPG", original)).status_code == 302

    publication = Publication.objects.get()
    assert Path(publication.cover.name).name.startswith("forside-endelig")
    assert publication.cover.name.endswith(".jpg")
    with Image.open(publication.cover.path) as stored:
        assert stored.size == (300, 400)  # turned upright
        assert dict(stored.getexif()) == {}
        assert "comment" not in stored.info
    assert (publication.cover_width, publication.cover_height) == (300, 400)
    assert b"Hemmelig" not in Path(publication.cover.path).read_bytes()


def test_pdf_must_really_be_a_pdf(admin_client, media):
    fake = SimpleUploadedFile("rapport.pdf", b"<!doctype html><html><script>alert(1)</script></html>")
    refused(upload(admin_client, document=fake), "Filen er ikke et PDF-dokument. Upload en PDF-fil.")
    assert files_in(media) == []


def test_a_real_pdf_is_stored_with_a_safe_name(admin_client, media):
    pdf = SimpleUploadedFile("../../Rapport 2015 (final).pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert upload(admin_client, document=pdf).status_code == 302
    name = Publication.objects.get().document.name
    assert Path(name).name == "rapport-2015-final.pdf"
    assert ".." not in name


def test_a_full_disk_is_refused_before_anything_is_saved(admin_client, media):
    with mock.patch("velfaerd.uploads.shutil.disk_usage", return_value=mock.Mock(free=1024)):
        response = upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg()))
    refused(response, "Der er ikke plads til filen på serveren lige nu. Intet blev gemt; prøv igen senere.")
    assert files_in(media) == []


def test_a_disk_that_fills_up_while_writing_leaves_no_row_and_no_partial_file(admin_client, media):
    def chunks_then_full(self, chunk_size=None):
        yield self.read(100)
        raise OSError(errno.ENOSPC, "No space left on device")

    with mock.patch.object(InMemoryUploadedFile, "chunks", chunks_then_full):
        response = upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg()))
    refused(response, "Filen kunne ikke gemmes på serveren (disken kan være fuld). Intet blev gemt; prøv igen senere.")
    # What the editor typed is still there.
    assert 'value="Maskinrummet"' in response.content.decode()
    assert files_in(media) == []


def test_a_save_that_fails_after_the_file_was_stored_leaves_no_file(admin_client, media):
    failing = mock.patch("velfaerd.editing.ContentAdmin.mark_pages_updated", side_effect=RuntimeError("db gone"))
    with failing, pytest.raises(RuntimeError):
        upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg()), substantive_change="on")
    assert not Publication.objects.exists()
    assert files_in(media) == []


def test_media_is_served_so_it_cannot_run_as_a_page(client, admin_client, media):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg()))
    publication = Publication.objects.get()
    response = client.get(publication.cover.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/jpeg"
