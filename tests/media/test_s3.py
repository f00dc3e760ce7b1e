"""Uploads on S3-compatible object storage (DJANGO_MEDIA_STORAGE=s3), against a real S3 protocol server over HTTP:
moto in server mode stands in for MinIO or S3. The bucket stays private; the site serves each file by its item's
rule with the media headers; a save that fails leaves no object behind."""

import io
import socket
from unittest import mock

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from publications.models import Publication
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
            "BACKEND": "velfaerd.content.storage.S3MediaStorage",
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


def test_a_draft_s_file_is_refused_to_visitors_and_served_to_its_editor(admin_client, bucket):
    assert upload(admin_client).status_code == 302
    Publication.objects.update(is_published=False)  # taken down: a draft again
    publication = Publication.objects.get()
    assert Client().get(publication.document.url).status_code == 404
    response = admin_client.get(publication.document.url)
    assert response.status_code == 200
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


def test_backup_refuses_rather_than_writing_a_backup_without_the_files(bucket, tmp_path):
    """backup and restore read the media folder: with uploads on object storage they refuse, and write nothing,
    instead of saying a backup succeeded that holds none of the files."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    default_storage.save("files/rapport.pdf", io.BytesIO(b"%PDF-1"))
    with pytest.raises(CommandError, match="object storage"):
        call_command("backup", str(tmp_path / "backup.tar.gz"))
    assert not (tmp_path / "backup.tar.gz").exists()
