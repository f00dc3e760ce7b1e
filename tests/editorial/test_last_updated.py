""" "Sidst opdateret" moves on substantive changes only, never into the future; "Medarbejder" may change only it."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from tests import factories
from tests.admin import change_url, save
from tests.html import form_data
from velfaerd.pages.models import LastUpdatedDate, ThemePage

pytestmark = pytest.mark.django_db

OLD = datetime.date(2017, 2, 13)


def change(client, obj, **changes):
    return save(client, change_url(obj), **changes)


@pytest.fixture
def page():
    page = factories.make_theme_page(last_updated=OLD)
    return page


def test_a_saved_substantive_change_moves_the_date_to_today(admin_client, page):
    assert change(admin_client, page, title="Ny titel", substantive_change="on").status_code == 302
    page.refresh_from_db()
    assert page.last_updated == timezone.localdate()


def test_a_minor_change_leaves_the_date(admin_client, page):
    assert change(admin_client, page, title="Rettet stavefejl", substantive_change=None).status_code == 302
    page.refresh_from_db()
    assert page.title == "Rettet stavefejl"
    assert page.last_updated == OLD


def test_the_box_is_ticked_for_new_content_and_not_for_changes(admin_client, page):
    added = form_data(admin_client.get("/admin/velfaerd/themepage/add/").content.decode())
    changed = form_data(admin_client.get(f"/admin/velfaerd/themepage/{page.pk}/change/").content.decode())
    assert added["substantive_change"] == "on"
    assert "substantive_change" not in changed
    assert "Væsentlig ændring" in admin_client.get(f"/admin/velfaerd/themepage/{page.pk}/change/").content.decode()


def test_a_substantive_change_to_linked_content_moves_the_pages_that_link_to_it(admin_client, page):
    publication = factories.make_publication()
    factories.add_call_to_action(factories.add_page_section(page), publication)
    other_page = factories.make_theme_page(last_updated=OLD)

    assert change(admin_client, publication, title="Ny udgave", substantive_change=None).status_code == 302
    page.refresh_from_db()
    assert page.last_updated == OLD

    assert change(admin_client, publication, summary="<p>Nyt resumé</p>", substantive_change="on").status_code == 302
    page.refresh_from_db()
    other_page.refresh_from_db()
    assert page.last_updated == timezone.localdate()
    assert other_page.last_updated == OLD


@pytest.mark.parametrize("maker", [factories.make_report, factories.make_article, factories.make_knowledge_link])
def test_every_kind_of_linked_content_moves_its_pages(admin_client, page, maker):
    item = maker()
    factories.add_call_to_action(factories.add_page_section(page), item)
    assert change(admin_client, item, substantive_change="on").status_code == 302
    page.refresh_from_db()
    assert page.last_updated == timezone.localdate()


def test_the_date_can_never_be_in_the_future(admin_client, page):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = change(admin_client, page, last_updated=tomorrow.strftime("%d.%m.%Y"))
    assert response.status_code == 200
    assert "“Sidst opdateret” kan ikke ligge i fremtiden." in response.content.decode()
    page.refresh_from_db()
    assert page.last_updated == OLD


def date_screen(page):
    """The theme page as the "Medarbejder" screen shows it."""
    return LastUpdatedDate.objects.get(pk=page.pk)


def test_staff_may_change_the_date(staff_client, page):
    response = change(staff_client, date_screen(page), last_updated="01.03.2024")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.last_updated == datetime.date(2024, 3, 1)


def test_staff_may_not_set_a_future_date(staff_client, page):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = change(staff_client, date_screen(page), last_updated=tomorrow.strftime("%d.%m.%Y"))
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.last_updated == OLD


def test_staff_changes_to_anything_else_are_refused(staff_client, page):
    section = factories.add_page_section(page, heading="Afsnit")
    url = change_url(date_screen(page))
    html = staff_client.get(url).content.decode()
    assert 'name="title"' not in html
    assert 'name="intro"' not in html
    assert "parts-TOTAL_FORMS" not in html

    response = staff_client.post(
        url,
        {
            "opened_as": form_data(html)["opened_as"],
            "last_updated": "01.03.2024",
            "title": "Kapret",
            "intro": "<p>Kapret</p>",
            "is_published": "",
            "parts-TOTAL_FORMS": "1",
            "parts-INITIAL_FORMS": "1",
            "parts-0-id": str(section.pk),
            "parts-0-heading": "Kapret",
            "parts-0-DELETE": "on",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    section.refresh_from_db()
    assert (page.title, page.intro, page.is_published) != ("Kapret", "<p>Kapret</p>", False)
    assert page.is_published
    assert section.heading == "Afsnit"
    assert page.last_updated == datetime.date(2024, 3, 1)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/velfaerd/themepage/add/",
        "/admin/publications/publication/add/",
        "/admin/publications/publication/",
        "/admin/articles/article/",
        "/admin/core/organisation/",
        "/admin/auth/user/",
    ],
)
def test_staff_are_refused_everything_else(staff_client, url):
    assert staff_client.get(url).status_code == 403


def test_the_theme_page_s_own_screen_is_read_only_for_staff(staff_client, page):
    response = staff_client.post(change_url(page), {"title": "Kapret", "last_updated": "01.03.2024"})
    assert response.status_code == 403
    assert ThemePage.objects.get(pk=page.pk).title != "Kapret"


def test_the_date_screen_is_for_staff_only_and_its_changes_are_in_the_page_s_history(
    staff_member, editor, admin_user, page
):
    staff, others = Client(), Client()
    staff.force_login(staff_member)
    url = change_url(date_screen(page))
    for user in (editor, admin_user):  # who may change theme pages uses their own screen
        others.force_login(user)
        assert others.get(url).status_code == 403
    assert change(staff, date_screen(page), last_updated="01.03.2024").status_code == 302
    history = others.get(change_url(page, "history")).content.decode()
    assert "medarbejder" in history
    assert Version.objects.get_for_object(page).first().revision.user == staff_member


def test_staff_cannot_delete_a_theme_page(staff_client, page):
    response = staff_client.post(f"/admin/velfaerd/themepage/{page.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ThemePage.objects.filter(pk=page.pk).exists()


def test_editors_may_change_all_content(editor_client, page):
    assert change(editor_client, page, title="Redaktørens titel").status_code == 302
    for url in ("/admin/publications/publication/add/", "/admin/articles/article/add/", "/admin/velfaerd/section/"):
        assert editor_client.get(url).status_code == 200
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_the_date_is_shown_danish_style_in_a_time_element(client, page):
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'Sidst opdateret <time datetime="2017-02-13">13.02.2017</time>' in html
