"""Theme page forms that are large, stale, or sent without JavaScript are saved or refused plainly, never a 500 and
never losing what the editor typed without saying so."""

import pytest
from django.test import override_settings

from tests import factories
from tests.admin import admin_form, change_url
from tests.html import visible_text
from velfaerd.pages.models import CallToAction, PageSection, ThemePage

pytestmark = pytest.mark.django_db(transaction=True)


def change_form(client, page):
    url = change_url(page)
    return url, admin_form(client, url, "themepage_form")


@pytest.mark.slow  # a form of 120 sections with their editors, opened and saved
def test_a_page_with_120_sections_can_be_saved(admin_client):
    page = factories.make_theme_page()
    target = factories.make_publication()
    for _ in range(120):
        factories.add_call_to_action(factories.add_page_section(page, body="<p>Tekst.</p>"), target)
    url, data = change_form(admin_client, page)
    assert len(data) > 1000  # more than Django's default limit
    data["parts-119-heading"] = "Det sidste afsnit"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert page.parts.order_by("order").last().heading == "Det sidste afsnit"


def test_a_form_too_large_to_read_gets_a_danish_page_that_says_nothing_was_saved(admin_client):
    page = factories.make_theme_page()
    url, data = change_form(admin_client, page)
    with override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10):
        response = admin_client.post(url, {**data, "title": "Ændret"})
    assert response.status_code == 400
    text = visible_text(response.content.decode())
    assert "Formularen er for stor til at blive sendt" in text
    assert "Intet blev gemt." in text
    assert ThemePage.objects.get(pk=page.pk).title != "Ændret"


def test_deleting_a_section_deletes_its_links_too(admin_client, seeded):
    page = ThemePage.objects.get()
    url, data = change_form(admin_client, page)
    section = PageSection.objects.get(pk=data["parts-0-id"])
    assert section.calls_to_action.exists()
    data["parts-0-DELETE"] = "on"  # its links' own boxes left as they are, as without JavaScript
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert not PageSection.objects.filter(pk=section.pk).exists()
    assert not CallToAction.objects.filter(section_id=section.pk).exists()
    assert admin_client.get(page.get_absolute_url()).status_code == 200


def test_a_section_deleted_by_someone_else_meanwhile_is_named_at_the_section(admin_client, seeded):
    page = ThemePage.objects.get()
    url, data = change_form(admin_client, page)
    PageSection.objects.filter(pk=data["parts-1-id"]).delete()  # another editor, meanwhile
    data["title"] = "Velfærdsledelse, ændret"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "En anden har slettet dette, efter du åbnede siden" in visible_text(html)
    assert 'value="Velfærdsledelse, ændret"' in html  # what the editor typed is still there
    assert ThemePage.objects.get(pk=page.pk).title == "Velfærdsledelse"


def test_a_section_deleted_meanwhile_keeps_its_own_heading_and_every_row_is_shown_again(admin_client, seeded):
    import re

    page = ThemePage.objects.get()
    url, data = change_form(admin_client, page)
    PageSection.objects.filter(pk=data["parts-1-id"]).delete()  # another editor, meanwhile
    data["parts-1-heading"] = "Mit omskrevne afsnit"
    html = admin_client.post(url, data).content.decode()
    headings = {
        int(n): visible_text(h3) for n, h3 in re.findall(r'id="parts-(\d+)"[^>]*>\s*<h3[^>]*>(.*?)</h3>', html, re.S)
    }
    total = int(data["parts-TOTAL_FORMS"])
    assert sorted(headings) == list(range(total))  # no row is left out
    assert 'value="Mit omskrevne afsnit"' in html
    # Each row is headed by its own section, not by its neighbour's.
    assert data["parts-2-heading"] not in headings[1]
    assert data["parts-2-heading"] in headings[2]
    for n in range(total):
        if n != 1:
            assert data[f"parts-{n}-heading"] in headings[n]
