"""Uploads on S3-compatible object storage (DJANGO_MEDIA_STORAGE=s3), against a real S3 protocol server over HTTP:
moto in server mode stands in for MinIO or S3. The bucket stays private; the site serves each file by its item's
rule with the media headers; a save that fails leaves no object behind."""

import io
import socket
import tarfile
from unittest import mock

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from publications.models import Publication
from tests import factories
from tests.admin import admin_form

pytestmark = pytest.mark.django_db
BUCKET = "velfaerd-media"
ADD_URL = "/admin/publications/publication/add/"


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """A fresh private bucket, and the site's media in it, as DJANGO_MEDIA_STORAGE=s3 configures it."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    s3 = boto3.client("s3", endpoint_url=s3_server, region_name="eu-north-1")
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "velfaerd.content.s3storage.S3MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "eu-north-1",
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": 60,
                "file_overwrite": False,
                "signature_version": "s3v4",
                "addressing_style": "path",
            },
        },
    }
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def objects(s3):
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def pdf():
    from tests.factories import pdf_bytes

    return SimpleUploadedFile("rapport.pdf", pdf_bytes(300_000), content_type="application/pdf")


def upload(client, **fields):
    typed = {"title": "Maskinrummet", "slug": "maskinrummet", "summary": "<p>Om.</p>", **fields}
    return client.post(ADD_URL, {**admin_form(client, ADD_URL, **typed), "document": pdf()})


def test_an_upload_through_the_admin_lands_in_the_private_bucket_and_is_served_by_the_site(admin_client, bucket):
    assert upload(admin_client).status_code == 302
    publication = Publication.objects.get()
    [key] = objects(bucket)
    assert key == publication.document.name
    assert publication.document_bytes == bucket.head_object(Bucket=BUCKET, Key=key)["ContentLength"]
    # The page links the file on the site, not in the bucket: a cached page never holds an expired signed link.
    assert publication.document.url == f"/media/{key}"
    response = Client().get(publication.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]


def test_a_draft_s_file_is_refused_to_visitors_and_given_to_its_editor_by_a_signed_redirect(
    admin_client, bucket, settings
):
    import httpx

    assert upload(admin_client).status_code == 302
    Publication.objects.update(is_published=False)  # taken down: a draft again
    publication = Publication.objects.get()
    assert Client().get(publication.document.url).status_code == 404
    response = admin_client.get(publication.document.url)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    signed = response["Location"]
    assert signed.startswith(f"{settings.STORAGES['default']['OPTIONS']['endpoint_url']}/{BUCKET}/")
    assert "X-Amz-Expires=60" in signed
    from_store = httpx.get(signed)
    assert from_store.status_code == 200
    assert from_store.content.startswith(b"%PDF-")
    assert from_store.headers["Content-Type"] == "application/pdf"
    assert from_store.headers["Cache-Control"] == "private, no-store"
    assert httpx.get(signed.split("?")[0]).status_code == 403  # the link without its signature is nothing

    settings.MEDIA_SIGNED_REDIRECTS = False  # a store editors' browsers cannot reach: the site streams it
    response = admin_client.get(publication.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]


def test_a_draft_s_image_is_streamed_to_its_editor_for_the_site_s_pages_to_show_it(admin_client, bucket):
    cover = factories.image_file()
    assert upload(admin_client, cover=cover, cover_alt="Forside").status_code == 302
    Publication.objects.update(is_published=False)
    publication = Publication.objects.get()
    assert Client().get(publication.cover.url).status_code == 404
    response = admin_client.get(publication.cover.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]


def test_the_bucket_itself_gives_nothing_to_anyone_without_credentials(admin_client, bucket, s3_server):
    import httpx

    upload(admin_client)
    key = Publication.objects.get().document.name
    assert httpx.get(f"{s3_server}/{BUCKET}/{key}").status_code == 403


def test_a_save_that_fails_after_the_file_was_stored_leaves_no_object(admin_client, bucket):
    failing = mock.patch(
        "velfaerd.editorial.admin.guards.SubstantiveChangeMixin.mark_pages_updated", side_effect=RuntimeError("db gone")
    )
    with failing, pytest.raises(RuntimeError):
        upload(admin_client, substantive_change="on")
    assert not Publication.objects.exists()
    assert objects(bucket) == []


def test_a_name_already_taken_gets_another_and_never_overwrites(bucket):
    first = default_storage.save("files/rapport.pdf", io.BytesIO(b"%PDF-1 en"))
    second = default_storage.save("files/rapport.pdf", io.BytesIO(b"%PDF-1 to"))
    assert first != second
    assert default_storage.open(first).read() == b"%PDF-1 en"


def empty(s3):
    for key in objects(s3):
        s3.delete_object(Bucket=BUCKET, Key=key)


def site(client, publication):
    """What a visitor gets: the publication's page and its file."""
    page = client.get(publication.get_absolute_url())
    assert page.status_code == 200
    return page.content, b"".join(client.get(publication.document.url).streaming_content)


@pytest.mark.django_db(transaction=True)  # a backup reads one consistent moment: not inside a test's transaction
def test_backup_holds_every_object_and_restore_into_an_empty_bucket_and_database_gives_the_same_site(
    admin_client, bucket, tmp_path, seeded
):
    cover = factories.image_file()
    assert (
        upload(admin_client, title="Ny rapport", slug="ny-rapport", cover=cover, cover_alt="Forside").status_code == 302
    )
    publication = Publication.objects.get(slug="ny-rapport")
    held = default_storage.save("held/abc/udkast.pdf", io.BytesIO(b"%PDF-1 held"))  # a form's, not the site's
    before = site(Client(), publication)
    stored = {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in objects(bucket)}
    assert any(key.startswith("CACHE/") for key in stored)  # the cover's renditions, made as the page was shown

    backup = tmp_path / "backup.tar.gz"
    said = io.StringIO()
    call_command("backup", str(backup), stdout=said)
    with tarfile.open(backup) as archive:
        archived = {
            member.name.removeprefix("media/"): archive.extractfile(member).read()
            for member in archive.getmembers()
            if member.name.startswith("media/")
        }
    # Every object but the renditions (made again on demand) and what a form holds for its next save.
    assert archived == {key: body for key, body in stored.items() if key != held and not key.startswith("CACHE/")}
    assert len(archived) == 2
    assert f"the data and {len(archived)} uploaded files" in said.getvalue()

    # Everything lost: the bucket emptied, the database as a new one after `migrate`.
    empty(bucket)
    call_command("flush", interactive=False, verbosity=0)
    assert not Publication.objects.exists()

    said = io.StringIO()
    call_command("restore", str(backup), yes=True, stdout=said)
    assert f"the data and {len(archived)} uploaded files" in said.getvalue()
    assert {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in objects(bucket)} == archived
    assert site(Client(), Publication.objects.get(slug="ny-rapport")) == before


@pytest.mark.django_db(transaction=True)
def test_a_restore_on_object_storage_that_fails_leaves_every_object_as_it_was(bucket, tmp_path, seeded):
    default_storage.save("publication/gammel.pdf", io.BytesIO(b"%PDF-1 gammel"))
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())
    default_storage.delete("publication/gammel.pdf")
    default_storage.save("publication/gammel.pdf", io.BytesIO(b"%PDF-1 senere"))
    default_storage.save("publication/ny.pdf", io.BytesIO(b"%PDF-1 ny"))
    before = {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in objects(bucket)}

    def fail_on_loaddata(name, *args, **options):
        if name == "loaddata":
            raise RuntimeError("loaddata failed")
        return call_command(name, *args, **options)

    with mock.patch("velfaerd.backups.backup.call_command", fail_on_loaddata), pytest.raises(RuntimeError):
        call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert {key: bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in objects(bucket)} == before

    call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert objects(bucket) == ["publication/gammel.pdf"]  # what the restored site does not know is gone
    assert default_storage.open("publication/gammel.pdf").read() == b"%PDF-1 gammel"


@pytest.mark.django_db(transaction=True)
def test_uploads_move_from_a_media_folder_to_a_bucket_by_a_backup_and_a_restore(bucket, settings, tmp_path, seeded):
    on_s3 = settings.STORAGES
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**on_s3, "default": {"BACKEND": "velfaerd.content.storage.MediaStorage"}}
    name = default_storage.save("publication/rapport.pdf", io.BytesIO(b"%PDF-1 fra disken"))
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", str(backup), stdout=io.StringIO())

    settings.STORAGES = on_s3
    call_command("restore", str(backup), yes=True, stdout=io.StringIO())
    assert objects(bucket) == [name]
    assert default_storage.open(name).read() == b"%PDF-1 fra disken"
