"""Content health is found when content changes and stored: the dashboard and the admin index read what was found
with SQL, a page at a time, and their query counts do not grow with the archive."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.html import visible_text
from velfaerd.editorial import health
from velfaerd.editorial.models import Finding, HealthCheck

pytestmark = pytest.mark.django_db
OLD = datetime.date(2015, 1, 1)
WEAK = '<p>Læs rapporten <a href="https://example.org/r">her</a>.</p>'


def kinds_for(obj):
    health.check_changed()
    found = Finding.objects.filter(
        health_check__object_id=obj.pk, health_check__content_type__model=obj._meta.model_name
    )
    return sorted(found.values_list("kind", flat=True))


def test_a_save_marks_the_item_in_its_transaction_and_a_check_stores_what_is_found():
    article = factories.make_article(body=WEAK, last_reviewed=OLD)
    assert (
        HealthCheck.objects.get(object_id=article.pk, content_type__model="article").rules == 0
    )  # marked, not yet checked
    assert kinds_for(article) == ["review", "weak_link_text"]
    assert HealthCheck.objects.get(object_id=article.pk, content_type__model="article").rules == health.RULES
    finding = Finding.objects.get(kind="weak_link_text")
    assert finding.detail == "her"
    assert finding.url == f"/admin/articles/article/{article.pk}/change/#id_body"

    article.body = '<p>Læs <a href="https://example.org/r">rapporten om ledelse</a>.</p>'
    article.save()
    assert kinds_for(article) == ["review"]


def test_a_change_in_bulk_is_found_too():
    """update() sends no post_save: marking an item reviewed from the list still moves its review date."""
    article = factories.make_article(last_reviewed=OLD)
    assert health.summary()["review_due"] == 1
    type(article).objects.filter(pk=article.pk).update(last_reviewed=timezone.localdate())
    assert health.summary()["review_due"] == 0


def test_a_section_or_link_is_checked_as_part_of_its_page():
    page = factories.make_theme_page(title="Velfærdsledelse")
    section = factories.add_page_section(page, body=WEAK)
    link = factories.add_call_to_action(section, factories.make_publication(title="Maskinrummet"), text="Læs mere")
    health.check_changed()
    rows = health.all_rows("weak_link_texts")
    assert {row.detail for row in rows} == {"her", "Læs mere"}
    assert all(row.url.startswith(f"/admin/velfaerd/themepage/{page.pk}/change/#id_parts-0-") for row in rows)
    # One check: the page, with its parts.
    checked = HealthCheck.objects.exclude(content_type__model="menu").values_list("content_type__model", flat=True)
    assert sorted(checked) == ["publication", "section", "themepage"]

    link.delete()
    section.body = "<p>Ingen links.</p>"
    section.save()
    assert health.weak_link_texts() == []


def test_a_deleted_item_leaves_nothing_behind():
    publication = factories.make_publication(cover=factories.image_file(), cover_alt="")
    assert kinds_for(publication) == ["missing_alt_text", "review"]
    publication.delete()
    health.check_changed()
    assert not Finding.objects.exists()
    assert not HealthCheck.objects.exclude(content_type__model="menu").exists()  # the menus, made by migrate


def test_drafts_and_scheduled_items_are_found_and_scheduled_ones_leave_the_list_when_due():
    factories.make_article(title="Kladde", is_published=False)
    soon = timezone.now() + datetime.timedelta(hours=1)
    factories.make_report(title="Planlagt", publish_at=soon)
    health.check_changed()
    assert [row.label for row in health.all_rows("drafts")] == ["Artikel “Kladde”"]
    assert [row.label for row in health.all_rows("scheduled")] == ["Undersøgelsesrapport “Planlagt”"]
    assert list(health.scheduled_found(now=soon + datetime.timedelta(seconds=1))) == []


def test_migrate_checks_content_that_the_current_rules_have_not(monkeypatch):
    article = factories.make_article(body=WEAK)
    health.check_changed()
    Finding.objects.all().delete()
    monkeypatch.setattr(health, "RULES", health.RULES + 1)  # the rules changed in a new release
    health.check_after_migrate(using="default")
    assert Finding.objects.filter(kind="weak_link_text").exists()
    assert HealthCheck.objects.get(object_id=article.pk, content_type__model="article").rules == health.RULES

    # Content that was never marked (loaded in bulk by raw SQL, say) is checked too.
    HealthCheck.objects.all().delete()
    health.check_after_migrate(using="default")
    assert HealthCheck.objects.filter(object_id=article.pk, content_type__model="article", rules=health.RULES).exists()


def test_each_section_of_the_dashboard_is_paginated(admin_client):
    for n in range(health.PER_PAGE + 3):
        factories.make_article(title=f"Artikel {n:02}", body=WEAK)
    html = admin_client.get("/admin/indholdstjek/").content.decode()
    text = visible_text(html)
    assert f"({health.PER_PAGE + 3})" in text
    assert "Side 1 af 2" in text
    assert html.count("“her”") == health.PER_PAGE
    html = admin_client.get("/admin/indholdstjek/?weak_link_texts=2").content.decode()
    assert html.count("“her”") == 3
    assert "Side 2 af 2" in visible_text(html)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/admin/", "/admin/indholdstjek/"])
def test_the_index_and_dashboard_queries_do_not_grow_with_the_archive(admin_client, url):
    def add(count):
        for _ in range(count):
            page = factories.make_theme_page(last_reviewed=OLD)
            factories.add_page_section(page, body=WEAK + "<p>" + "Velfærdsledelse er ledelse. " * 10 + "</p>")
            factories.make_article(is_published=False, body=WEAK)
        health.check_changed()

    add(1)
    admin_client.get(url)
    one = _queries(admin_client, url)
    add(50)
    assert _queries(admin_client, url) == one
