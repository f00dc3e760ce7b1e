"""/metrics: refused (404) without the operators' token; with it, the families operators watch, in Prometheus'
text format, counted as visitors and editors use the site."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from tests import factories
from velfaerd.drafts.drafts import Draft
from velfaerd.editorial.models import LinkCheck

pytestmark = pytest.mark.django_db(transaction=True)
TOKEN = "et-langt-hemmeligt-maalertoken"


@pytest.fixture
def scrape(settings):
    settings.METRICS_TOKEN = TOKEN

    def scrape():
        response = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=")
        assert "no-store" in response["Cache-Control"]
        samples = {}
        for family in text_string_to_metric_families(response.content.decode()):
            for sample in family.samples:
                samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
        return samples

    return scrape


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)


def test_metrics_are_404_without_the_token(settings):
    client = Client()
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404  # no token set: nobody
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer forkert").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 404


@pytest.mark.usefixtures("page_cache")
def test_requests_the_page_cache_and_queries_are_counted(scrape, linked_page):
    url = linked_page.page.get_absolute_url()
    before = scrape()
    visitor = Client()
    visitor.get(url)  # made and stored
    visitor.get(url)  # from the cache
    visitor.get("/findes-ikke/")
    after = scrape()

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("velfaerd_requests_total", view="theme-page-detail", status="200") == 1
    assert grew("velfaerd_requests_total", view="page cache", status="200") == 1
    assert grew("velfaerd_requests_total", view="section-detail", status="404") == 1
    assert grew("velfaerd_page_cache_total", outcome="hit") == 1
    assert grew("velfaerd_page_cache_total", outcome="store") == 1
    assert grew("velfaerd_request_duration_seconds_count", view="page cache") == 1
    assert grew("velfaerd_request_queries_count") >= 3
    assert grew("velfaerd_request_queries_bucket", le="0.0") >= 1  # the page from the cache asked nothing


def test_what_is_read_when_scraped(scrape, admin_client):
    now = timezone.now()
    waiting, overdue, failed = (factories.make_article() for _ in range(3))
    for item, when, failure in (
        (waiting, now + datetime.timedelta(hours=1), ""),
        (overdue, now - datetime.timedelta(hours=1), ""),
        (failed, now - datetime.timedelta(hours=1), "Artiklen findes ikke længere."),
    ):
        Draft.save_for(item, [], [], None, publish_at=when)
        Draft.objects.filter(object_id=item.pk).update(failure=failure)
    LinkCheck.objects.create(url="https://example.org/væk/", status="broken", status_code=404, checked_at=now)
    refused_before = value(scrape(), "velfaerd_uploads_refused_total", reason="invalid_image")
    not_an_image = SimpleUploadedFile("portraet.png", b"ikke et billede", content_type="image/png")
    admin_client.post("/admin/articles/article/add/", {"title": "x", "slug": "x", "portrait": not_an_image})
    samples = scrape()
    assert value(samples, "velfaerd_uploads_refused_total", reason="invalid_image") == refused_before + 1
    assert value(samples, "velfaerd_shared_up", part="database") == 1
    assert value(samples, "velfaerd_shared_up", part="cache") == 1
    assert value(samples, "velfaerd_scheduled_changes", state="waiting") == 1
    assert value(samples, "velfaerd_scheduled_changes", state="overdue") == 1
    assert value(samples, "velfaerd_scheduled_changes", state="failed") == 1
    assert value(samples, "velfaerd_link_checks", status="broken") == 1
    assert value(samples, "velfaerd_cache_breakers_open") == 0


def test_registering_what_is_read_when_scraped_reads_nothing(django_assert_num_queries):
    """A registry asks a collector what it offers when it is registered, at start-up: that costs no query."""
    from prometheus_client import CollectorRegistry

    from velfaerd.metrics import SiteState

    with django_assert_num_queries(0):
        CollectorRegistry().register(SiteState())


def test_the_age_of_the_newest_backup_is_read_from_its_folder(scrape, settings, tmp_path):
    settings.BACKUP_DIR = str(tmp_path)
    assert ("velfaerd_backup_age_seconds", ()) not in scrape()  # no backup yet: no age to report
    two_hours_ago = timezone.now() - datetime.timedelta(hours=2)
    for made in (two_hours_ago - datetime.timedelta(days=1), two_hours_ago):
        (tmp_path / f"velfaerd-backup-{made:%Y%m%d-%H%M%S}.tar.gz").write_bytes(b"")
    (tmp_path / "noter.txt").write_text("")
    assert 7190 < value(scrape(), "velfaerd_backup_age_seconds") < 7300
