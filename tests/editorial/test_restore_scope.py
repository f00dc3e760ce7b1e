"""Restoring or comparing one item touches that item and its own parts only, whatever else its revision holds; and
a version is restored only through its own model's and item's addresses."""

import pytest
import reversion
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article
from publications.models import Publication
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


def restore(client, obj, version):
    url = change_url(obj, f"history/{version.pk}")
    form = client.get(url)
    assert form.status_code == 200
    return client.post(url, {**form_data(form.content.decode()), "_save": "Gem"})


def first_version(obj):
    return Version.objects.get_for_object(obj).order_by("pk").first()


@pytest.fixture
def one_revision_of_everything(seeded):
    """The database an earlier release left: the seed saved as one revision of every item on the page."""
    Version.objects.all().delete()
    with reversion.create_revision():
        for model in reversion.get_registered_models():
            for obj in model._default_manager.all():
                reversion.add_to_revision(obj)
    revisions = {v.revision_id for v in Version.objects.all()}
    assert len(revisions) == 1
    assert Version.objects.count() > 30


def test_the_seed_gives_each_item_a_revision_of_its_own(seeded):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    revision = first_version(page).revision
    models = {v.content_type.model for v in revision.version_set.all()}
    assert models == {"themepage", "pagesection", "calltoaction"}
    publication = Publication.objects.get(slug="maskinrummet")
    assert [v.object_id for v in first_version(publication).revision.version_set.all()] == [str(publication.pk)]


@pytest.mark.usefixtures("one_revision_of_everything")
def test_restoring_one_item_leaves_every_other_item_of_its_revision_alone(admin_client):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    maskinrummet = Publication.objects.get(slug="maskinrummet")
    brobyggerne = Publication.objects.get(slug="brobyggerne")
    article = Article.objects.get()
    # Colleagues' later work on other items of the same revision.
    save(admin_client, change_url(brobyggerne), title="Brobyggerne (ny udgave)")
    save(admin_client, change_url(article), slug="ny-adresse")
    save(admin_client, change_url(page), intro=page.intro + "<p>En kollegas nye sætning.</p>", substantive_change="on")
    page.refresh_from_db()
    moved_to = page.last_updated
    save(admin_client, change_url(maskinrummet), title="Maskinrummet (rettet)")

    response = restore(admin_client, maskinrummet, first_version(maskinrummet))
    assert response.status_code == 302

    maskinrummet.refresh_from_db()
    assert maskinrummet.title == "Maskinrummet"
    assert Publication.objects.get(pk=brobyggerne.pk).title == "Brobyggerne (ny udgave)"
    assert Article.objects.get(pk=article.pk).slug == "ny-adresse"
    page.refresh_from_db()
    assert "En kollegas nye sætning." in page.intro
    assert page.last_updated == moved_to
    # The editor is told what the restore changed, and the log keeps it.
    messages = visible_text(admin_client.get(change_url(maskinrummet)).content.decode())
    assert "„Maskinrummet (rettet)“ → „Maskinrummet“" in messages


@pytest.mark.usefixtures("one_revision_of_everything")
def test_comparing_the_seed_version_shows_only_the_item_and_its_parts(admin_client):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    older = first_version(page)
    save(admin_client, change_url(page), title="Velfærdsledelse i dag")
    newer = Version.objects.get_for_object(page).first()
    html = admin_client.get(change_url(page, "history/compare"), {"from": older.pk, "to": newer.pk}).content.decode()
    assert "Velfærdsledelse <ins>i dag</ins>" in html
    text = visible_text(html)
    assert "fjernet" not in text
    assert "Organisation „" not in text
    assert "Publikation „" not in text


@pytest.mark.usefixtures("one_revision_of_everything")
def test_a_conflict_on_a_seeded_item_lists_only_that_items_changes(admin_client, client, django_user_model):
    publication = Publication.objects.get(slug="maskinrummet")
    url = change_url(publication)
    opened = form_data(admin_client.get(url).content.decode())
    other = django_user_model.objects.create_superuser("kollega", password="pw")
    client.force_login(other)
    save(client, url, title="Maskinrummet 2")
    response = admin_client.post(url, {**opened, "subtitle": "Min undertitel", "_save": "1"})
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "„Maskinrummet“ → „Maskinrummet 2“" in text
    assert "→ „—“" not in text
    assert "Brobyggerne" not in text


def test_a_version_is_restored_only_through_its_own_models_and_items_address(admin_client, seeded):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    page_version = first_version(page)
    save(admin_client, change_url(page), title="Ny titel")
    article = Article.objects.get()
    other_publication = Publication.objects.get(slug="brobyggerne")
    for url in (
        f"/admin/articles/article/recover/{page_version.pk}/",
        f"/admin/publications/publication/recover/{page_version.pk}/",
        change_url(article, f"history/{page_version.pk}"),
        change_url(other_publication, f"history/{page_version.pk}"),
    ):
        assert admin_client.get(url).status_code == 404, url
        assert admin_client.post(url, {"title": "x", "_save": "Gem"}).status_code == 404, url
    assert ThemePage.objects.get(pk=page.pk).title == "Ny titel"
    # Nor can an existing item be "recovered" over itself.
    assert admin_client.get(f"/admin/pages/themepage/recover/{page_version.pk}/").status_code == 404


def test_a_deleted_item_is_recovered_through_its_own_models_screen(admin_client, seeded):
    publication = factories.make_publication(title="Slettes")
    save(admin_client, change_url(publication), change_note="gemt")
    version = Version.objects.get_for_object(publication).first()
    pk = publication.pk
    publication.delete()
    url = f"/admin/publications/publication/recover/{version.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200
    assert admin_client.post(url, {**form_data(form.content.decode()), "_save": "Gem"}).status_code == 302
    assert Publication.objects.get(pk=pk).title == "Slettes"


def test_load_seed_fills_only_an_empty_site_and_says_so(seeded, capsys):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    page.delete()
    Publication.objects.filter(slug="maskinrummet").update(title="Omdøbt")
    call_command("load_seed")
    assert "nothing was changed" in capsys.readouterr().out
    assert not ThemePage.objects.filter(slug="velfaerdsledelse").exists()
    assert Publication.objects.get(slug="maskinrummet").title == "Omdøbt"
