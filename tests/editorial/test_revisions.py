"""Every admin save keeps a revision (author, time, note) that can be compared with another and restored."""

import pytest
from reversion.models import Version

from tests import factories
from tests.admin import change_url
from tests.admin import save as admin_save
from tests.html import form_data, visible_text
from velfaerd.pages.models import ThemePage

pytestmark = pytest.mark.django_db


def save(client, url, **changes):
    response = admin_save(client, url, **changes)
    assert response.status_code == 302, visible_text(response.content.decode())[:1500]
    return response


@pytest.fixture
def page(admin_client):
    """A theme page saved through the admin twice: first as written, then with its section changed."""
    publication = factories.make_publication()
    page = factories.make_theme_page(title="Første titel")
    section = factories.add_page_section(page, heading="Første overskrift", body="<p>Første tekst.</p>")
    factories.add_call_to_action(section, publication, text="Første link")
    save(admin_client, change_url(page), change_note="Første udgave")
    save(
        admin_client,
        change_url(page),
        title="Anden titel",
        **{"parts-0-heading": "Anden overskrift", "parts-0-calls_to_action-0-text": "Andet link"},
        change_note="Ny vinkel",
    )
    return ThemePage.objects.get(pk=page.pk)


def test_each_save_keeps_a_revision_with_author_time_and_note(admin_client, admin_user, page):
    versions = list(Version.objects.get_for_object(page))
    assert len(versions) == 2
    newest = versions[0].revision
    assert newest.user == admin_user
    assert newest.date_created
    assert newest.get_comment().startswith("Ny vinkel (")
    history = admin_client.get(change_url(page, "history")).content.decode()
    assert "Ny vinkel" in history
    assert "Første udgave" in history
    assert admin_user.username in history


def test_compare_two_revisions_field_by_field_with_inlines(admin_client, page):
    newer, older = Version.objects.get_for_object(page)
    response = admin_client.get(change_url(page, "history/compare"), {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>Første</del> <ins>Anden</ins> titel" in html
    assert "<del>Første</del> <ins>Anden</ins> overskrift" in html
    assert "<del>Første</del> <ins>Andet</ins> link" in html
    assert "Første tekst." not in html  # unchanged fields are not listed


def test_restore_brings_back_the_page_with_its_sections_and_links_and_is_a_revision(admin_client, page):
    _newer, older = Version.objects.get_for_object(page)
    # Since the first revision, a section was added too: restoring removes it again.
    extra = factories.add_page_section(page, heading="Senere afsnit")
    url = f"/admin/velfaerd/themepage/{page.pk}/history/{older.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200
    assert ThemePage.objects.get(pk=page.pk).title == "Anden titel"  # looking changes nothing
    data = form_data(form.content.decode())
    data["_save"] = "Gem"
    assert admin_client.post(url, data).status_code == 302

    page.refresh_from_db()
    assert page.title == "Første titel"
    [section] = page.parts.all()
    assert section.heading == "Første overskrift"
    assert section.calls_to_action.get().text == "Første link"
    assert not type(extra).objects.filter(pk=extra.pk).exists()
    versions = Version.objects.get_for_object(page)
    assert len(versions) == 3
    assert versions[0].revision.get_comment().startswith("Gendannede versionen fra")


@pytest.mark.parametrize(
    ("maker", "field", "value"),
    [
        (factories.make_publication, "title", "Ny titel"),
        (factories.make_article, "title", "Ny titel"),
        (factories.make_report, "title", "Ny titel"),
        (factories.make_knowledge_link, "name", "Nyt navn"),
        (factories.make_organisation, "name", "Nyt navn"),
    ],
)
def test_content_items_are_versioned_and_restorable(admin_client, maker, field, value):
    item = maker()
    original = getattr(item, field)
    save(admin_client, change_url(item), change_note="Første udgave")  # a save that changes nothing keeps none
    save(admin_client, change_url(item), **{field: value})
    _newer, older = Version.objects.get_for_object(item)
    url = change_url(item, f"history/{older.pk}")
    assert admin_save(admin_client, url).status_code == 302
    item.refresh_from_db()
    assert getattr(item, field) == original
    assert len(Version.objects.get_for_object(item)) == 3


def test_who_moved_last_updated_is_in_the_log(admin_client, admin_user, page):
    publication = page.parts.get().calls_to_action.get().publication
    save(admin_client, change_url(publication), substantive_change="on")
    history = visible_text(admin_client.get(change_url(page, "history")).content.decode())
    assert "Flyttede “Sidst opdateret” til" in history
    assert f"væsentlig ændring af publikation “{publication}”" in history
    assert admin_user.username in history
    log = visible_text(admin_client.get("/admin/admin/logentry/").content.decode())
    assert "Flyttede “Sidst opdateret”" in log


def test_staff_cannot_restore_old_content(staff_client, page):
    older = Version.objects.get_for_object(page)[1]
    url = f"/admin/velfaerd/themepage/{page.pk}/history/{older.pk}/"
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"last_updated": "01.01.2020", "_save": "Gem"}).status_code == 403
    page.refresh_from_db()
    assert page.title == "Anden titel"


def test_the_log_names_fields_in_danish(admin_client, page):
    history = visible_text(admin_client.get(change_url(page, "history")).content.decode())
    assert "Ændrede Titel" in history
    assert "Title" not in history
    assert "Overskrift" in history  # a field of a page section, changed on the same screen


def test_a_restore_keeps_sidst_opdateret_and_the_note_and_logs_the_dates(admin_client, page):
    import datetime

    from django.contrib.admin.models import LogEntry
    from django.utils import timezone

    ThemePage.objects.filter(pk=page.pk).update(last_updated=datetime.date(2026, 11, 30))
    _newer, older = Version.objects.get_for_object(page)
    url = f"/admin/velfaerd/themepage/{page.pk}/history/{older.pk}/"
    form = admin_client.get(url)
    assert 'value="30.11.2026"' in form.content.decode()  # the date as it is now, not the old version's
    data = {**form_data(form.content.decode()), "_save": "Gem", "change_note": "Tilbage til første udgave"}
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "Første titel"
    assert page.last_updated == datetime.date(2026, 11, 30)  # never back in time
    comment = Version.objects.get_for_object(page).first().revision.get_comment()
    assert "Tilbage til første udgave" in comment
    logged = LogEntry.objects.filter(object_id=str(page.pk)).first().get_change_message()
    assert "Gendannede versionen fra" in logged
    assert "„Sidst opdateret“: 30.11.2026 → 30.11.2026." in logged

    # A substantive restore moves it to today, like any substantive change.
    _latest, *_rest, first = Version.objects.get_for_object(page)
    url = f"/admin/velfaerd/themepage/{page.pk}/history/{first.pk}/"
    data = {**form_data(admin_client.get(url).content.decode()), "_save": "Gem", "substantive_change": "on"}
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.last_updated == timezone.localdate()


def test_a_save_that_changes_nothing_keeps_no_version_and_logs_nothing(admin_client, page):
    from django.contrib.admin.models import LogEntry

    versions, entries = Version.objects.count(), LogEntry.objects.count()
    updated_at = page.updated_at
    response = admin_save(admin_client, change_url(page))
    assert response.status_code == 302
    assert Version.objects.count() == versions
    assert LogEntry.objects.count() == entries
    page.refresh_from_db()
    assert page.updated_at == updated_at  # nothing was written: other editors' open forms stay valid
    messages = [str(m) for m in admin_client.get(response["Location"]).context["messages"]]
    assert "Intet blev gemt: intet var ændret." in messages
