"""The admin gives nothing away and never answers a crafted request with a 500."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType

from tests import factories
from tests.admin import change_url, save
from tests.html import visible_text
from velfaerd.content.models import LeadershipTheme, Organisation
from velfaerd.pages.models import InfoPage, Section, ThemePage

pytestmark = pytest.mark.django_db


def view_on_site(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def test_view_on_site_answers_404_to_staff_who_may_not_change_the_item(client, staff_member, editor):
    draft = factories.make_publication(title="Hemmelig plan", slug="hemmelig-plan", is_published=False)
    client.force_login(staff_member)  # "Medarbejder": staff, but may not change publications
    assert client.get(view_on_site(draft)).status_code == 404
    assert client.get("/admin/r/99999/1/").status_code == 404
    client.force_login(editor)
    response = client.get(view_on_site(draft))
    assert response.status_code == 302
    assert response["Location"].endswith("/publikationer/hemmelig-plan/")


def test_the_medarbejder_s_date_screen_links_only_where_they_may_go(client, staff_member):
    page = factories.make_theme_page()
    client.force_login(staff_member)
    html = client.get(f"/admin/velfaerd/lastupdateddate/{page.pk}/change/").content.decode()
    assert "/admin/r/" not in html  # no "Vis på sitet" to a page they may not change
    history = client.get(f"/admin/velfaerd/lastupdateddate/{page.pk}/history/", follow=True)
    assert history.status_code == 200
    assert history.redirect_chain[-1][0] == f"/admin/velfaerd/themepage/{page.pk}/history/"


def test_the_log_filter_names_only_users_in_the_entries(client, editor, admin_user):
    chef = User.objects.create_user("chef", is_staff=True, is_superuser=True)
    page = factories.make_theme_page()
    colleague = User.objects.create_user("kollega", is_staff=True)
    for author in (editor, colleague):
        LogEntry.objects.log_actions(author.pk, [page], CHANGE, "Ændret.")
    client.force_login(editor)
    html = client.get("/admin/admin/logentry/").content.decode()
    assert f"user__id__exact={editor.pk}" in html
    assert f"user__id__exact={colleague.pk}" in html
    for other in (chef, admin_user):
        assert f"user__id__exact={other.pk}" not in html
    assert "chef" not in html


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Organisation, factories.make_organisation),
        (LeadershipTheme, factories.make_theme),
        (Section, factories.make_section),
        (InfoPage, lambda: InfoPage.objects.create(title="Om", slug="om", body="<p>Om os.</p>")),
    ],
    ids=["organisation", "theme", "section", "info page"],
)
def test_a_posted_substantive_change_is_ignored_where_no_page_shows_the_content(admin_client, model, make):
    obj = make()
    page = factories.make_theme_page(last_updated="2017-02-13")
    opts = model._meta
    response = save(admin_client, change_url(obj), f"{opts.model_name}_form", substantive_change="on")
    assert response.status_code == 302
    assert str(ThemePage.objects.get(pk=page.pk).last_updated) == "2017-02-13"


def test_the_login_lockouts_are_in_danish_in_the_admin(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Loginspærringer" in html
    for english in ("Axes", "Access attempts", "Access failures", "Access logs"):
        assert english not in html
    log = admin_client.get("/admin/admin/logentry/").content.decode()
    assert "access attempt" not in log


def test_a_page_an_editor_may_not_open_says_so_in_danish_in_the_admins_look(client, staff_member):
    client.force_login(staff_member)  # "Medarbejder": may not read the content health dashboard
    response = client.get("/admin/indholdstjek/")
    assert response.status_code == 403
    html = response.content.decode()
    text = visible_text(html)
    assert "Du har ikke adgang til denne side med dit login" in text
    assert "Velfærd: redigering" in text  # the admin's header
    assert 'id="site-name"' in html
    assert "Forbidden" not in text
    assert "403" not in text


def test_a_form_refused_by_its_csrf_check_says_nothing_was_saved_in_danish(editor, seeded):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = ThemePage.objects.get()
    response = client.post(change_url(page), {"title": "Ændret"})
    assert response.status_code == 403
    text = visible_text(response.content.decode())
    assert "Intet blev gemt." in text
    assert "CSRF" not in text
    assert "Forbidden" not in text
    assert ThemePage.objects.get().title != "Ændret"


def test_a_public_403_is_danish_and_in_the_sites_look(rf):
    from velfaerd.views import permission_denied

    response = permission_denied(rf.get("/noget/"))
    assert response.status_code == 403
    assert "Du må ikke åbne denne side" in visible_text(response.content.decode())


def test_an_editor_can_choose_an_owner_among_active_staff_only(editor_client, django_user_model):
    django_user_model.objects.create_user("kollega", first_name="Kirsten", is_staff=True)
    django_user_model.objects.create_user("udenfor", is_staff=False)
    django_user_model.objects.create_user("stoppet", is_staff=True, is_active=False)
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "publications", "model_name": "publication", "field_name": "owner", "term": ""},
    )
    assert response.status_code == 200
    names = {row["text"] for row in response.json()["results"]}
    assert "kollega" in names
    assert not names & {"udenfor", "stoppet"}
    # The list of users itself stays closed to editors.
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_staff_who_may_only_view_a_page_read_its_rich_text_as_text(staff_client, seeded):
    from velfaerd.pages.models import ThemePage

    page = ThemePage.objects.get()
    response = staff_client.get(f"/admin/velfaerd/themepage/{page.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;p&gt;" not in html  # no markup shown as text, in the page or its sections
    assert "Der er ved at ske et paradigmeskifte" in html
    assert "Indledning" in html or "indledning" in html


def test_the_delete_confirmation_names_only_what_editors_know(admin_client):
    from tests import factories

    publication = factories.make_publication(title="Slettes")
    publication.publishers.add(factories.make_organisation())
    publication.themes.add(factories.make_theme())
    page = admin_client.get(f"/admin/publications/publication/{publication.pk}/delete/").content.decode()
    assert "Slettes" in page
    assert "relation" not in page.lower()
    assert "object (" not in page


def test_no_admin_list_reads_yes_and_no_as_true_and_false(admin_client, seeded):
    import re

    from django.contrib import admin

    from velfaerd.redirects.redirects import Redirect

    Redirect.objects.create(old_path="/gammel/", new_path="/leder/")
    for model in admin.site._registry:
        html = admin_client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/").content.decode()
        assert not re.search(r'alt="(True|False|None)"', html), model


def test_the_sites_pages_come_first_on_the_admin_index(editor_client):
    import re

    html = editor_client.get("/admin/").content.decode()
    captions = re.findall(r"<caption>\s*<a[^>]*>([^<]+)</a>", html)
    assert captions[0] == "Sider og temaer", captions
    rows = re.findall(r'<th scope="row" id="velfaerd-([a-z]+)"', html)
    assert rows[0] == "themepage", rows


@pytest.mark.django_db
def test_a_logged_in_editor_gets_an_edit_link_and_visitors_none(client, editor_client, seeded):
    from velfaerd.pages.models import ThemePage

    page = ThemePage.objects.get()
    html = editor_client.get("/leder/velfaerdsledelse/").content.decode()
    assert f'href="/admin/velfaerd/themepage/{page.pk}/change/">Rediger denne side' in html
    assert "/admin/publications/publication/" in editor_client.get("/publikationer/").content.decode()
    client.logout()
    anonymous = client.get("/leder/velfaerdsledelse/")
    assert "Rediger denne side" not in anonymous.content.decode()
    assert "Cookie" not in anonymous.get("Vary", "")
