"""Uploads through the admin: bad files are refused with a Danish error, good ones are re-made without metadata,
and a failed save leaves no row and no file."""

import datetime
import errno
import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageCms

from publications.models import Publication
from tests import factories
from tests.admin import admin_form
from tests.html import visible_text

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/publications/publication/add/"


@pytest.fixture
def media(settings, tmp_path):
    """Real files on disk, in a folder of the test's own, through the site's media storage."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "velfaerd.content.storage.MediaStorage"}}
    cache.clear()  # imagekit remembers in the cache which renditions exist: those of other tests' folders don't
    return tmp_path


def files_in(folder):
    return [p for p in Path(folder).rglob("*") if p.is_file()]


def jpeg(width=400, height=300, exif=None, **save):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG", exif=exif or b"", **save)
    return buffer.getvalue()


def upload(client, **files):
    typed = {"title": "Maskinrummet", "slug": "maskinrummet", "summary": "<p>Om.</p>", "cover_alt": "Forsiden"}
    return client.post(ADD_URL, {**admin_form(client, ADD_URL, **typed), **files})


def refused(response, message):
    assert response.status_code == 200
    assert message in visible_text(response.content.decode())
    assert not Publication.objects.exists()


def full_disk():
    """The media disk full: every file written fails."""
    return mock.patch(
        "django.core.files.storage.FileSystemStorage._save",
        side_effect=OSError(errno.ENOSPC, "No space left on device"),
    )


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


@pytest.mark.parametrize(
    "content",
    [
        b"<html><!-- %PDF-1.4 --><script>alert(1)</script></html>\n%%EOF",
        b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    ],
    ids=["HTML with PDF markers in a comment", "HTML after a PDF signature", "signature and trailer, no pages"],
)
def test_what_only_looks_like_a_pdf_is_refused(admin_client, media, content):
    refused(
        upload(admin_client, document=SimpleUploadedFile("rapport.pdf", content)),
        "Filen er ikke et PDF-dokument. Upload en PDF-fil.",
    )
    assert files_in(media) == []


def test_a_real_pdf_is_stored_with_a_safe_name(admin_client, media):
    pdf = SimpleUploadedFile("../../Rapport 2015 (final).pdf", factories.pdf_bytes())
    assert upload(admin_client, document=pdf).status_code == 302
    name = Publication.objects.get().document.name
    assert Path(name).name == "rapport-2015-final.pdf"
    assert ".." not in name


def test_a_full_disk_is_refused_before_anything_is_saved(admin_client, media):
    with mock.patch("velfaerd.content.uploads.shutil.disk_usage", return_value=mock.Mock(free=1024)):
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
    failing = mock.patch(
        "velfaerd.editorial.admin.guards.SubstantiveChangeMixin.mark_pages_updated", side_effect=RuntimeError("db gone")
    )
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


def jpeg_segments(data):
    """The markers of a JPEG's segments before the image data (0xE1 is EXIF or XMP, 0xE2 ICC, 0xFE a comment)."""
    markers, position = [], 2
    while position < len(data):
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return markers


def png_chunks(data):
    chunks, position = [], 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunks.append(data[position + 4 : position + 8].decode("ascii"))
        position += 12 + length
    return chunks


def webp_chunks(data):
    chunks, position = [], 12
    while position < len(data):
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        chunks.append(data[position : position + 4].decode("ascii"))
        position += 8 + size + (size & 1)
    return chunks


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Hemmelig XMP</rdf:Description></x:xmpmeta>'


def jpeg_with_every_metadata_block(profile=True):
    exif = Image.Exif()
    exif[0x010F] = "Kameramærke"
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 0.0), 3: "E", 4: (12.0, 34.0, 0.0)}
    extra = {"icc_profile": SRGB} if profile else {}
    plain = jpeg(400, 300, exif=exif.tobytes(), comment=b"<script>alert(1)</script>", **extra)
    app1 = b"http://ns.adobe.com/xap/1.0/\x00" + XMP
    xmp_segment = b"\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1
    data = plain[:2] + xmp_segment + plain[2:]
    markers = jpeg_segments(data)
    assert {0xE1, 0xFE} | ({0xE2} if profile else set()) <= set(markers)  # the test file really carries them
    return data


def png_with_text_chunks():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Author", "Hemmelig forfatter", zip=True)
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 200), (10, 90, 100, 255)).save(buffer, "PNG", pnginfo=info, icc_profile=SRGB)
    data = buffer.getvalue()
    assert {"tEXt", "iTXt", "zTXt", "iCCP"} <= set(png_chunks(data))
    return data


METADATA_MARKERS = {0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEF, 0xFE}


@pytest.mark.parametrize("profile", [True, False], ids=["with a colour profile", "without"])
def test_a_stored_jpeg_has_no_metadata_block_at_all(admin_client, media, profile):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg_with_every_metadata_block(profile)))
    stored = Path(Publication.objects.get().cover.path).read_bytes()
    assert not METADATA_MARKERS & set(jpeg_segments(stored))
    for secret in (b"<script>", b"Hemmelig", b"Kamera", b"xmpmeta"):
        assert secret not in stored


def test_a_stored_png_has_no_text_chunks_or_profile(admin_client, media):
    upload(admin_client, cover=SimpleUploadedFile("forside.png", png_with_text_chunks()))
    stored = Path(Publication.objects.get().cover.path).read_bytes()
    assert set(png_chunks(stored)) <= {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"}
    assert b"Hemmelig" not in stored
    assert b"<script>" not in stored


def test_renditions_carry_no_metadata_either(admin_client, client, media):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg_with_every_metadata_block()))
    picture = Publication.objects.get().cover_picture()
    assert picture.srcset
    rendition = Path(media) / picture.src.removeprefix("/media/")
    data = rendition.read_bytes()
    assert data[:4] == b"RIFF"
    assert set(webp_chunks(data)) <= {"VP8 ", "VP8L", "VP8X", "ALPH"}


def test_a_full_media_disk_shows_the_page_with_the_original_image(admin_client, client, media, caplog):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg(1200, 900)))
    publication = Publication.objects.get()
    with full_disk():
        response = client.get(publication.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert f'src="{publication.cover.url}"' in page
    assert "srcset" not in page.split('class="item__cover"')[1].split(">")[0]
    assert "could not be made" in caplog.text


def stored_document(admin_client, **fields):
    response = upload(admin_client, document=SimpleUploadedFile("rapport.pdf", factories.pdf_bytes()), **fields)
    assert response.status_code == 302
    return Publication.objects.get()


def test_a_live_item_s_document_is_public(admin_client, client, media):
    publication = stored_document(admin_client)
    response = client.get(publication.document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_documents_of_items_visitors_cannot_see_are_not_public(admin_client, client, media, state):
    publication = stored_document(admin_client)
    now = timezone.now()
    changes = {
        "draft": {"is_published": False},
        "scheduled": {"publish_at": now + datetime.timedelta(days=3)},
        "expired": {"publish_at": now - datetime.timedelta(days=3), "expire_at": now - datetime.timedelta(days=1)},
    }[state]
    Publication.objects.filter(pk=publication.pk).update(**changes)
    assert client.get(publication.document.url).status_code == 404
    # Staff who may change it can open it (a preview), and it is kept out of shared caches.
    preview = admin_client.get(publication.document.url)
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]


def test_a_replaced_or_deleted_document_is_no_longer_public(admin_client, client, media):
    publication = stored_document(admin_client)
    old_url = publication.document.url
    publication.document = SimpleUploadedFile("ny.pdf", factories.pdf_bytes())
    publication.save()
    assert client.get(publication.document.url).status_code == 200
    assert client.get(old_url).status_code == 404
    assert admin_client.get(old_url).status_code == 200  # kept for the history, for staff only
    new_url = publication.document.url
    publication.delete()
    assert client.get(new_url).status_code == 404


def test_renditions_of_a_draft_s_cover_are_not_public(admin_client, client, media):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg(1200, 900)))
    publication = Publication.objects.get()
    rendition = publication.cover_picture().src
    assert client.get(rendition).status_code == 200
    Publication.objects.filter(pk=publication.pk).update(is_published=False)
    assert client.get(rendition).status_code == 404
    assert client.get(publication.cover.url).status_code == 404
    assert admin_client.get(rendition).status_code == 200


def test_files_outside_every_item_are_not_served(client, media):
    (media / "hemmelig.txt").write_text("hemmelig")
    assert client.get("/media/hemmelig.txt").status_code == 404


def test_a_visitor_s_download_leaves_the_session_alone(admin_client, client, media):
    publication = stored_document(admin_client)
    response = client.get(publication.document.url)
    assert response.status_code == 200
    assert "Vary" not in response


def test_renditions_are_made_once_the_disk_has_room_again(admin_client, client, media):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg(1200, 900)))
    publication = Publication.objects.get()
    with full_disk():
        client.get(publication.get_absolute_url())
    # Room again: the next page has renditions that answer, not a state stuck at "being made".
    picture = publication.cover_picture()
    assert "CACHE/images" in picture.src
    assert client.get(picture.src).status_code == 200


def test_a_rendition_file_gone_after_a_restore_is_made_again(admin_client, client, media):
    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg(1200, 900)))
    picture = Publication.objects.get().cover_picture()
    for path in Path(media).rglob("*.webp"):
        path.unlink()  # as after a restore (renditions are not in a backup); the cache still says they exist
    assert client.get(picture.src).status_code == 200
    for width in picture.srcset.split(", "):
        assert client.get(width.split()[0]).status_code == 200


def encrypted_pdf(pages=1, user_password=""):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user_password, owner_password="ejer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (encrypted_pdf(pages=0), "Filen er ikke et PDF-dokument"),
        (encrypted_pdf(user_password="hemmelig"), "beskyttet med en adgangskode"),
    ],
)
def test_an_encrypted_pdf_must_open_without_a_password_and_have_pages(admin_client, media, data, message):
    refused(upload(admin_client, document=SimpleUploadedFile("rapport.pdf", data)), message)


def test_a_pdf_limited_only_in_printing_or_copying_is_accepted(admin_client, media):
    response = upload(admin_client, document=SimpleUploadedFile("rapport.pdf", encrypted_pdf()))
    assert response.status_code == 302
    assert Publication.objects.get().document


def test_files_chosen_in_a_form_that_fails_are_kept_for_the_next_save(admin_client, client, media):
    from tests.html import form_data

    typed = {"title": "Maskinrummet", "slug": "maskinrummet", "summary": "<p>Om.</p>", "cover_alt": ""}
    data = {**admin_form(admin_client, ADD_URL, **typed)}
    response = admin_client.post(
        ADD_URL,
        {
            **data,
            "cover": SimpleUploadedFile("forside.jpg", jpeg()),
            "document": SimpleUploadedFile("rapport.pdf", factories.pdf_bytes()),
        },
    )
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Beholdt: forside.jpg" in text
    assert "Beholdt: rapport.pdf" in text
    assert not Publication.objects.exists()
    # A held file is no one's to download.
    held_files = [p for p in files_in(media) if "held" in p.parts]
    assert len(held_files) == 2
    assert client.get("/media/" + held_files[0].relative_to(media).as_posix()).status_code == 404
    # The editor adds the alt text and saves: the files go with it.
    again = form_data(response.content.decode(), "publication_form")
    again.update({"cover_alt": "Forsiden", "_save": "1"})
    assert admin_client.post(ADD_URL, again).status_code == 302
    publication = Publication.objects.get()
    assert publication.cover.name.endswith(".jpg")
    assert publication.document.name.endswith(".pdf")
    assert publication.document.read()[:5] == b"%PDF-"
    assert not [p for p in files_in(media) if "held" in p.parts]  # released once saved


def test_a_held_file_is_replaced_when_the_editor_chooses_another(admin_client, media):
    from tests.html import form_data

    typed = {"title": "Maskinrummet", "slug": "maskinrummet", "summary": "<p>Om.</p>", "cover_alt": ""}
    response = admin_client.post(
        ADD_URL, {**admin_form(admin_client, ADD_URL, **typed), "cover": SimpleUploadedFile("foerste.jpg", jpeg())}
    )
    again = form_data(response.content.decode(), "publication_form")
    again.update({"cover_alt": "Forsiden", "_save": "1", "cover": SimpleUploadedFile("anden.jpg", jpeg(300, 200))})
    assert admin_client.post(ADD_URL, again).status_code == 302
    assert "anden" in Publication.objects.get().cover.name


def test_a_preview_link_shows_the_drafts_new_files_and_the_public_still_gets_none(admin_client, media):
    import re

    from django.test import Client

    from tests.admin import change_url
    from velfaerd.drafts.drafts import PreviewLink

    upload(admin_client, cover=SimpleUploadedFile("forside.jpg", jpeg()))
    publication = Publication.objects.get()
    url = change_url(publication)
    draft = {**admin_form(admin_client, url), "_draft": "1", "cover": SimpleUploadedFile("ny.jpg", jpeg(500, 400))}
    assert admin_client.post(url, draft).status_code == 302
    link = PreviewLink.create_for(publication, None)

    someone = Client()
    page = someone.get(f"/forhaandsvisning/{link.token}/").content.decode()
    [src] = re.findall(r'src="(/media/[^"]+)"', page)
    assert "/ny/" in src  # the draft's cover
    shown = someone.get(src)
    assert shown.status_code == 200
    assert "private" in shown["Cache-Control"]
    assert Client().get(src).status_code == 404  # the public: nothing of the draft
    link.delete()
    assert someone.get(src).status_code == 404  # the link withdrawn: its files go with it
