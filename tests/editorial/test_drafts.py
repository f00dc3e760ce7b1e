"""Drafts of changes to live content: visitors keep seeing the live version until the draft is published, by an
editor or at its scheduled time (exactly once); staff and a preview link see the draft."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from publications.models import Publication
from tests import factories
from tests.admin import admin_form, change_url, save
from tests.html import visible_text
from velfaerd.caching.versions import ContentVersion
from velfaerd.drafts.drafts import Draft, PreviewLink, publish_due
from velfaerd.pages.models import LastUpdatedDate, ThemePage

pytestmark = pytest.mark.django_db

PAGE_URL = "/leder/velfaerdsledelse/"


def _draft_of_the_theme_page(client, **changes):
    page = ThemePage.objects.get()
    response = save(
        client,
        change_url(page),
        button="_draft",
        intro="<p>Kladdens nye indledning.</p>",
        **{"parts-0-heading": "Kladdens overskrift", "change_note": "Ny indledning", **changes},
    )
    assert response.status_code == 302, visible_text(response.content.decode())
    return page


def test_a_draft_leaves_what_visitors_see_untouched_until_it_is_published(admin_client, seeded):
    visitor = Client()
    before = visitor.get(PAGE_URL).content.decode()  # cached now
    live_intro = ThemePage.objects.get().intro
    versions = Version.objects.count()
    page = _draft_of_the_theme_page(admin_client, substantive_change="on")
    last_updated = ThemePage.objects.get().last_updated

    # Visitors, the page cache, the feed, the sitemap and search: the live version.
    assert visitor.get(PAGE_URL).content.decode() == before
    assert "Kladdens" not in Client().get("/feed/").content.decode()
    assert visitor.get("/soeg/?q=Kladdens").context["hits"] == []
    page.refresh_from_db()
    assert page.intro == live_intro
    assert page.last_updated == last_updated  # "Sidst opdateret" moves when it is published
    assert page.parts.first().heading != "Kladdens overskrift"
    assert Version.objects.count() == versions  # no revision for a draft
    assert Draft.objects.get().note == "Ny indledning"

    # Staff see the draft at the public address, with the banner, never cached.
    staff_view = admin_client.get(PAGE_URL)
    text = visible_text(staff_view.content.decode())
    assert "Kladdens nye indledning." in text
    assert "Kladdens overskrift" in text
    assert "Kladde med ændringer, der ikke er udgivet — gemt af admin" in text
    assert "no-store" in staff_view["Cache-Control"]
    assert staff_view["X-Robots-Tag"] == "noindex, nofollow"

    # The change form opens on the draft, with its banner and the note typed with it.
    form = admin_client.get(change_url(page))
    html = form.content.decode()
    assert "Kladdens nye indledning." in html
    assert 'value="Kladdens overskrift"' in html
    assert "Sammenlign med det udgivne" in visible_text(html)
    assert "Kassér kladde" in visible_text(html)
    assert 'value="Ny indledning"' in html

    compare = admin_client.get(change_url(page, "kladde/sammenlign"))
    assert "Kladdens" in visible_text(compare.content.decode())

    # "Udgiv" from the draft's form: visitors see it at once; a revision with author and note; draft gone.
    published = save(admin_client, change_url(page), substantive_change="on")
    assert published.status_code == 302
    assert "Kladdens nye indledning." in visible_text(visitor.get(PAGE_URL).content.decode())
    assert not Draft.objects.exists()
    page.refresh_from_db()
    assert page.last_updated == timezone.localdate()
    revision = Version.objects.get_for_object(page).first().revision
    assert revision.user.username == "admin"
    # The log says what the draft changed, though the form itself changed nothing on top of it.
    from django.contrib.admin.models import LogEntry

    logged = [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(page.pk))[:2]]
    published_entry = next(message for message in logged if "indledning" in message)
    assert "overskrift for afsnit" in published_entry
    assert "Ingen felter ændret" not in published_entry


def test_a_draft_does_not_undo_what_changed_on_the_live_page_meanwhile(admin_client, seeded):
    page = _draft_of_the_theme_page(admin_client)
    LastUpdatedDate.objects.filter(pk=page.pk).update(last_updated=datetime.date(2026, 11, 30))
    Draft.objects.get().publish(user=page.owner)
    page.refresh_from_db()
    assert page.intro == "<p>Kladdens nye indledning.</p>"
    assert page.last_updated == datetime.date(2026, 11, 30)  # the draft did not change it: the live value stays


def test_a_form_opened_before_someone_saved_a_draft_is_refused(admin_client, seeded, editor):
    other = Client()
    other.force_login(editor)
    page = ThemePage.objects.get()
    stale = admin_form(other, change_url(page), title="Min titel")
    _draft_of_the_theme_page(admin_client)
    refused = other.post(change_url(page), stale)
    assert refused.status_code == 200
    assert "admin gemte dette, efter du åbnede det" in visible_text(refused.content.decode())
    assert ThemePage.objects.get().title != "Min titel"


def test_discarding_a_draft(admin_client, seeded):
    page = _draft_of_the_theme_page(admin_client)
    draft = Draft.objects.get()
    stale = admin_client.post(change_url(page, "kladde/kasser"), {"draft": "forkert"})
    assert stale.status_code == 302
    assert Draft.objects.exists()
    admin_client.post(change_url(page, "kladde/kasser"), {"draft": draft.token})
    assert not Draft.objects.exists()
    assert "Kladdens" not in admin_client.get(change_url(page)).content.decode()


def test_a_preview_link_works_logged_out_expires_and_can_be_revoked(admin_client, seeded):
    page = _draft_of_the_theme_page(admin_client)
    admin_client.post(change_url(page, "forhaandsvisning"))
    link = PreviewLink.objects.get()
    url = f"/forhaandsvisning/{link.token}/"

    outsider = Client()
    shown = outsider.get(url)
    assert shown.status_code == 200
    assert "Kladdens nye indledning." in visible_text(shown.content.decode())
    assert "no-store" in shown["Cache-Control"]
    assert shown["X-Robots-Tag"] == "noindex, nofollow"
    assert shown["Referrer-Policy"] == "no-referrer"
    assert "Kladdens" not in outsider.get(PAGE_URL).content.decode()  # the live page is unchanged
    assert outsider.get(f"/forhaandsvisning/{link.token[:-2]}xx/").status_code == 410  # a forged signature

    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert outsider.get(url).status_code == 410
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + datetime.timedelta(days=1))
    assert outsider.get(url).status_code == 200
    admin_client.post(change_url(page, "forhaandsvisning"), {"revoke": link.pk})
    gone = outsider.get(url)
    assert gone.status_code == 410
    assert "Linket til forhåndsvisning virker ikke længere" in visible_text(gone.content.decode())
    assert outsider.get("/forhaandsvisning/noget-andet/").status_code == 410


def test_a_preview_link_of_an_unpublished_item_shows_that_item_only(admin_client):
    hidden = factories.make_publication(title="Hemmelig rapport", slug="hemmelig", is_published=False)
    other = factories.make_publication(title="Anden kladde", slug="anden", is_published=False)
    admin_client.post(change_url(hidden, "forhaandsvisning"))
    token = PreviewLink.objects.get().token
    outsider = Client()
    assert "Hemmelig rapport" in outsider.get(f"/forhaandsvisning/{token}/").content.decode()
    assert outsider.get(other.get_absolute_url()).status_code == 404


def test_a_scheduled_change_goes_live_at_its_time_exactly_once(admin_client, seeded):
    when = timezone.localtime() + datetime.timedelta(days=3)
    page = _draft_of_the_theme_page(
        admin_client,
        publish_changes_at_0=when.strftime("%d.%m.%Y"),
        publish_changes_at_1=when.strftime("%H:%M:%S"),
    )
    draft = Draft.objects.get()
    assert draft.publish_at is not None
    assert ContentVersion.objects.get().changes_due_at == draft.publish_at
    listing = visible_text(admin_client.get("/admin/velfaerd/themepage/").content.decode())
    assert f"ændringer planlagt til {when:%d.%m.%Y} kl. {when:%H:%M}" in listing
    banner = visible_text(admin_client.get(change_url(page)).content.decode())
    assert f"Planlagt til {when:%d.%m.%Y} kl. {when:%H:%M}" in banner

    assert publish_due(now=timezone.now()) == 0  # not yet
    assert "Kladdens" not in Client().get(PAGE_URL).content.decode()
    revisions = Version.objects.get_for_object(page).count()
    later = draft.publish_at + datetime.timedelta(seconds=1)
    assert publish_due(now=later) == 1
    assert publish_due(now=later) == 0  # exactly once
    assert Version.objects.get_for_object(page).count() == revisions + 1
    assert "Kladdens nye indledning." in visible_text(Client().get(PAGE_URL).content.decode())
    assert ContentVersion.objects.get().changes_due_at is None


def test_a_due_change_is_published_by_the_next_request_or_the_cron_command(admin_client, seeded, monkeypatch, settings):
    """With the page cache on (as in production), a visitor's request publishes a due change at no extra query:
    the time it is due is read with the content version, once a second."""
    from velfaerd.caching import versions

    settings.PAGE_CACHE_SECONDS = 60
    _draft_of_the_theme_page(admin_client)
    Draft.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    versions.ContentVersion.set_changes_due_at(Draft.objects.get().publish_at)
    monkeypatch.setitem(versions._checked, "at", -10.0)
    assert "Kladdens nye indledning." in visible_text(Client().get(PAGE_URL).content.decode())
    assert not Draft.objects.exists()

    publication = factories.make_publication()
    response = save(
        admin_client, change_url(publication), button="_draft", title="Planlagt titel", publish_changes_at_0=""
    )
    assert response.status_code == 302
    Draft.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    publication.refresh_from_db()
    assert publication.title == "Planlagt titel"


def test_a_schedule_in_the_past_is_refused(admin_client, seeded):
    page = ThemePage.objects.get()
    response = save(
        admin_client,
        change_url(page),
        button="_draft",
        title="Ny titel",
        publish_changes_at_0="01.01.2020",
        publish_changes_at_1="09:00:00",
    )
    assert response.status_code == 200
    assert "Vælg et tidspunkt i fremtiden." in visible_text(response.content.decode())
    assert 'value="Ny titel"' in response.content.decode()
    assert not Draft.objects.exists()


def test_new_content_starts_as_a_draft_until_it_is_published(admin_client):
    organisation = factories.make_organisation()
    form = {
        "title": "Ny bog",
        "slug": "ny-bog",
        "year": "2026",
        "publishers": [organisation.pk],
        "summary": "<p>Om ledelse.</p>",
        "publish_at_0": timezone.localtime().strftime("%d.%m.%Y"),
        "publish_at_1": "00:00:00",
        "review_interval": "12",
    }
    add = admin_client.get("/admin/publications/publication/add/")
    assert "Gem som kladde" in add.content.decode()
    assert "Udgiv" in add.content.decode()
    from tests.html import form_data

    data = {**form_data(add.content.decode()), **form, "_draft": "1"}
    response = admin_client.post("/admin/publications/publication/add/", data)
    assert response.status_code == 302, visible_text(response.content.decode())
    publication = Publication.objects.get()
    assert not publication.is_published
    assert Client().get(publication.get_absolute_url()).status_code == 404
    assert "Kladde" in visible_text(admin_client.get("/admin/publications/publication/").content.decode())

    published = admin_client.post(
        change_url(publication), {**admin_form(admin_client, change_url(publication)), "_continue": "1"}, follow=True
    )
    publication.refresh_from_db()
    assert publication.is_published
    assert Client().get(publication.get_absolute_url()).status_code == 200
    said = visible_text(published.content.decode())
    assert "Publikation „Ny bog“ er udgivet." in said
    assert "„Ny bog“ er ændret" not in said


def test_new_rows_of_a_draft_keep_their_ids(admin_client, seeded):
    """A section added in a draft keeps its id: no other row can take it meanwhile (SQLite gives rolled-back ids
    back), so the draft's form still matches it."""
    page = ThemePage.objects.get()
    url = change_url(page)
    data = admin_form(admin_client, url, button="_draft")
    total = int(data["parts-TOTAL_FORMS"])
    data.update(
        {
            "parts-TOTAL_FORMS": str(total + 1),
            f"parts-{total}-heading": "Et nyt afsnit i kladden",
            f"parts-{total}-body": "<p>Tekst.</p>",
            f"parts-{total}-order": "99",
            f"parts-{total}-calls_to_action-TOTAL_FORMS": "0",
            f"parts-{total}-calls_to_action-INITIAL_FORMS": "0",
        }
    )
    assert admin_client.post(url, data).status_code == 302
    other_page = factories.make_theme_page(title="Anden side", slug="anden")
    other_part = factories.add_page_section(other_page, heading="Et andet afsnit")
    drafted = [e for e in Draft.objects.get().data if e["fields"].get("heading") == "Et nyt afsnit i kladden"]
    assert drafted
    assert int(drafted[0]["pk"]) != other_part.pk
    assert save(admin_client, url).status_code == 302
    assert page.parts.filter(heading="Et nyt afsnit i kladden").exists()
    assert other_page.parts.get().heading == "Et andet afsnit"


@pytest.mark.parametrize(("days", "said"), [(7, "efter 7 dage"), (1, "efter 1 dag"), (30, "efter 30 dage")])
def test_the_preview_link_s_lifetime_is_told_as_the_site_is_set(admin_client, settings, days, said):
    settings.PREVIEW_LINK_DAYS = days
    hidden = factories.make_publication(title="Kommende rapport", slug="kommende", is_published=False)
    admin_client.post(change_url(hidden, "forhaandsvisning"))
    text = visible_text(admin_client.get(change_url(hidden)).content.decode())
    assert f"Det holder op med at virke {said}," in text
    link = PreviewLink.objects.get()
    assert round((link.expires_at - link.created_at).total_seconds() / 86400) == days  # and it does
