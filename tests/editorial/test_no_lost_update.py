"""No lost update: a save from a form opened before someone else's save is refused on the server, with the
editor's input kept, who saved meanwhile and what they changed."""

import pytest
from django.test import Client

from publications.models import Publication
from tests import factories
from tests.admin import admin_form, change_url
from tests.html import visible_text
from velfaerd.pages.models import LastUpdatedDate, ThemePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(editor, django_user_model):
    rikke = django_user_model.objects.create_user("rikke", is_staff=True)
    rikke.groups.set(editor.groups.all())
    a, b = Client(), Client()
    a.force_login(rikke)
    b.force_login(editor)
    return a, b


def test_the_later_of_two_saves_of_a_theme_page_is_refused_with_its_input_kept(two_editors, seeded):
    a, b = two_editors
    page = ThemePage.objects.get()
    url = change_url(page)
    form_a = admin_form(a, url, intro="<p>En ny indledning.</p>")
    form_b = admin_form(b, url, **{"parts-0-heading": "En ny overskrift"})
    assert a.post(url, form_a).status_code == 302

    refused = b.post(url, form_b)
    assert refused.status_code == 200
    text = visible_text(refused.content.decode())
    assert "rikke gemte dette, efter du åbnede det" in text
    changed = text.split("Det ændrede de:", 1)[1].split("Sektion:", 1)[0]  # what A changed, field by field
    assert "indledning" in changed
    assert "En ny indledning." in changed
    assert 'value="En ny overskrift"' in refused.content.decode()  # what B typed is still there
    page.refresh_from_db()
    assert page.intro == "<p>En ny indledning.</p>"  # A's change intact
    assert page.parts.first().heading != "En ny overskrift"

    # After merging, B's next save goes through (the form now carries the current state).
    again = b.post(url, {**form_b, "opened_as": refused.context["adminform"].form["opened_as"].value()})
    assert again.status_code == 302
    assert ThemePage.objects.get().parts.first().heading == "En ny overskrift"


def test_two_tabs_of_one_editor_on_a_publication(editor_client):
    publication = factories.make_publication()
    url = change_url(publication)
    first_tab = admin_form(editor_client, url, title="Første fane")
    second_tab = admin_form(editor_client, url, title="Anden fane")
    assert editor_client.post(url, first_tab).status_code == 302
    assert editor_client.post(url, second_tab).status_code == 200
    assert Publication.objects.get().title == "Første fane"


def test_a_date_moved_by_a_linked_item_refuses_an_older_page_form(editor_client, seeded):
    page = ThemePage.objects.get()
    url = change_url(page)
    stale = admin_form(editor_client, url, title="Ny titel")
    ThemePage.objects.filter(pk=page.pk).mark_updated()  # a substantive change of a linked item, meanwhile
    assert editor_client.post(url, stale).status_code == 200
    assert ThemePage.objects.get().title == "Velfærdsledelse"


def test_the_medarbejder_s_date_and_an_editor_s_page_form(editor, staff_member, seeded):
    page = ThemePage.objects.get()
    editing, staff = Client(), Client()
    editing.force_login(editor)
    staff.force_login(staff_member)
    date_url = change_url(LastUpdatedDate.objects.get(pk=page.pk))
    stale_page = admin_form(editing, change_url(page), title="Ny titel")
    assert staff.post(date_url, admin_form(staff, date_url, last_updated="01.03.2024")).status_code == 302
    assert editing.post(change_url(page), stale_page).status_code == 200
    assert ThemePage.objects.get().title == "Velfærdsledelse"


def test_a_restore_from_an_out_of_date_form_is_refused(two_editors, seeded):
    a, b = two_editors
    page = ThemePage.objects.get()
    assert a.post(change_url(page), admin_form(a, change_url(page), title="Ændret")).status_code == 302
    from reversion.models import Version

    oldest = Version.objects.get_for_object(page).last()
    restore_url = change_url(page, f"history/{oldest.pk}")
    stale_restore = admin_form(b, restore_url)
    assert a.post(change_url(page), admin_form(a, change_url(page), title="Ændret igen")).status_code == 302
    assert b.post(restore_url, stale_restore).status_code == 200
    assert ThemePage.objects.get().title == "Ændret igen"


def test_a_conflict_offers_their_text_or_mine_per_field_named_by_their_full_name(editor, django_user_model, seeded):
    import html as html_module

    rikke = django_user_model.objects.create_user("rikke", first_name="Rikke", last_name="Holm", is_staff=True)
    rikke.groups.set(editor.groups.all())
    a, b = Client(), Client()
    a.force_login(rikke)
    b.force_login(editor)
    publication = Publication.objects.get(slug="maskinrummet")
    url = change_url(publication)
    form_b = admin_form(b, url, subtitle="Min undertitel")
    assert a.post(url, admin_form(a, url, title="Maskinrummet 2026")).status_code == 302
    refused = b.post(url, form_b)
    page = html_module.unescape(refused.content.decode())
    text = visible_text(refused.content.decode())
    assert "Det ændrede Rikke Holm" in text
    assert "Rikke Holm gemte dette" in text
    assert "Maskinrummet <ins>2026</ins>" in page  # their change, word by word
    assert 'data-vf-use-theirs="id_title" data-value="Maskinrummet 2026"' in page
    assert "Brug deres tekst" in text
    assert "Behold min" in text
    assert 'value="Min undertitel"' in refused.content.decode()
