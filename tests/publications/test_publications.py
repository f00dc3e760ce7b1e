"""Publications and survey reports as editors and visitors meet them: the report's key findings in order, the admin
with its inline findings, drafts kept out, the feed and the sitemap. Made with the factories: no seed."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from publications.models import Publication, SurveyReport
from tests import factories
from tests.admin import save
from tests.html import visible_text

pytestmark = pytest.mark.django_db


def test_a_report_shows_its_key_findings_in_their_order(client):
    report = factories.make_report(title="Ledelse af velfærd 2015", year=2015, respondents=1203)
    factories.make_finding(report, order=2, text="Anden indsigt.")
    factories.make_finding(report, order=1, text="Første indsigt.")
    text = visible_text(client.get(report.get_absolute_url()).content.decode())
    assert text.index("Første indsigt.") < text.index("Anden indsigt.")
    assert "Ledelse af velfærd 2015" in text


def test_a_year_outside_what_can_be_is_refused():
    publication = factories.make_publication(year=1200)
    with pytest.raises(ValidationError) as refused:
        publication.full_clean()
    assert "year" in refused.value.error_dict


def test_an_editor_adds_a_report_with_its_findings_in_the_admin(admin_client):
    organisation = factories.make_organisation(name="KL")
    response = save(
        admin_client,
        "/admin/publications/surveyreport/add/",
        title="Tillid i kommunerne",
        slug="tillid-i-kommunerne",
        organisation=str(organisation.pk),
        summary="<p>Om tillid.</p>",
        **{"findings-TOTAL_FORMS": "1", "findings-0-order": "1", "findings-0-text": "Tilliden vokser."},
    )
    assert response.status_code == 302, visible_text(response.content.decode())
    report = SurveyReport.objects.get(slug="tillid-i-kommunerne")
    assert list(report.findings.values_list("text", flat=True)) == ["Tilliden vokser."]


def test_the_lists_and_pages_show_published_items_only(client):
    shown = factories.make_publication(title="Udgivet")
    hidden = factories.make_publication(title="Kladde", is_published=False)
    text = visible_text(client.get("/publikationer/").content.decode())
    assert "Udgivet" in text
    assert "Kladde" not in text
    assert client.get(shown.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)  # the page cache follows a change once it is committed
@pytest.mark.usefixtures("page_cache")  # as visitors meet them: cached, and made new by the change
def test_publications_and_reports_are_in_the_feed_and_the_sitemap_while_published(client):
    publication = factories.make_publication(title="Maskinrummet", slug="maskinrummet")
    factories.make_report(title="Brobyggerne", slug="brobyggerne")
    feed = client.get("/feed/").content.decode()
    assert "Maskinrummet" in feed
    assert "Brobyggerne" in feed
    assert "/publikationer/maskinrummet/" in client.get("/sitemap-publications-publication.xml").content.decode()
    assert "/rapporter/brobyggerne/" in client.get("/sitemap-publications-surveyreport.xml").content.decode()
    Publication.objects.filter(pk=publication.pk).update(is_published=False)
    fresh = Client()
    assert "Maskinrummet" not in fresh.get("/feed/").content.decode()
    assert "/publikationer/maskinrummet/" not in fresh.get("/sitemap-publications-publication.xml").content.decode()
