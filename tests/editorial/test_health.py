"""Review dates, the content health dashboard, and the guard on deleting or unpublishing linked content."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from tests import factories
from tests.admin import save
from tests.html import visible_text
from velfaerd.content.reviewing import add_months
from velfaerd.editorial.models import LinkCheck

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2017, 2, 13), 12, datetime.date(2018, 2, 13)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2023, 11, 30), 3, datetime.date(2024, 2, 29)),
        (datetime.date(2023, 12, 15), 1, datetime.date(2024, 1, 15)),
    ],
)
def test_review_due_is_derived_from_last_review_and_interval(start, months, expected):
    assert add_months(start, months) == expected


def test_review_due_by_default_after_twelve_months():
    page = factories.make_theme_page(last_reviewed=add_months(TODAY, -12))
    assert page.review_interval == 12
    assert page.review_due_on == TODAY
    assert page.is_review_due()
    assert not factories.make_theme_page().is_review_due()


def test_marking_reviewed_is_one_action_on_the_change_form_and_is_logged(admin_client, admin_user):
    publication = factories.make_publication(last_reviewed=datetime.date(2017, 2, 13))
    url = f"/admin/publications/publication/{publication.pk}/change/"
    html = admin_client.get(url).content.decode()
    assert "Markér som gennemgået i dag" in html
    response = admin_client.post(url, {"CHANGE_FORM-action": "mark_reviewed", "_selected_action": str(publication.pk)})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.last_reviewed == TODAY
    entry = LogEntry.objects.get(object_id=str(publication.pk))
    assert entry.user == admin_user
    assert entry.get_change_message() == "Markeret som gennemgået."


def test_marking_reviewed_from_the_list(admin_client):
    items = [factories.make_article(last_reviewed=datetime.date(2017, 2, 13)) for _ in range(2)]
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "mark_reviewed", "_selected_action": [str(item.pk) for item in items]},
    )
    assert response.status_code == 302
    assert all(type(item).objects.get(pk=item.pk).last_reviewed == TODAY for item in items)


def test_dashboard_lists_what_needs_attention_with_links_to_fix_it(admin_client, django_user_model):
    owner = django_user_model.objects.create_user("ejer", first_name="Eva", last_name="Ejer")
    old_page = factories.make_theme_page(title="Gammel side", owner=owner, last_reviewed=datetime.date(2017, 2, 13))
    older_item = factories.make_publication(title="Ældgammel", last_reviewed=datetime.date(2015, 1, 1))
    section = factories.add_page_section(old_page, body='<p>Se <a href="https://example.org/x">her</a>.</p>')
    factories.add_call_to_action(section, older_item, text="Læs mere")
    factories.make_article(title="Kladdeartikel", is_published=False)
    factories.make_report(title="Fremtidig rapport", publish_at=timezone.now() + datetime.timedelta(days=2))
    factories.make_publication(title="Uden alt", cover=factories.image_file(), cover_alt="")
    long_hard = "<p>" + " ".join(["Velfærdsledelsesperspektiverne"] * 30) + ".</p>"
    factories.make_knowledge_link(name="Svær tekst", description=long_hard)
    LinkCheck.objects.create(
        url="https://example.org/x",
        status="broken",
        status_code=404,
        checked_at=timezone.now(),
        usages=[
            {"label": "Temaside “Gammel side”", "app_label": "velfaerd", "model_name": "themepage", "pk": old_page.pk}
        ],
    )

    response = admin_client.get("/admin/indholdstjek/")
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(html)
    page_url = f"/admin/velfaerd/themepage/{old_page.pk}/change/"

    # Review due, oldest first, with the owner.
    assert text.index("Ældgammel") < text.index("Gammel side")
    assert "Eva Ejer" in text
    # The broken link, with where it is used and a link there.
    assert "https://example.org/x" in text
    assert "404" in text
    assert page_url in html
    # Weak link texts in rich text and in calls to action.
    assert "“her”" in text
    assert "“Læs mere”" in text
    # Images without alt text, hardest texts, drafts and scheduled items.
    assert "Uden alt" in text
    assert "Svær tekst" in text
    assert "LIX" in text
    assert "Kladdeartikel" in text
    assert "Fremtidig rapport" in text


def test_admin_index_shows_the_counts(admin_client):
    factories.make_theme_page(last_reviewed=datetime.date(2017, 2, 13))
    factories.make_article(is_published=False)
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/indholdstjek/" in html
    text = visible_text(html)
    assert "1 skal gennemgås" in text
    assert "0 brudte links" in text
    assert "1 kladder" in text


def test_staff_cannot_see_the_dashboard(staff_client):
    assert staff_client.get("/admin/indholdstjek/").status_code == 403
    assert "Indholdstjek" not in staff_client.get("/admin/").content.decode()


def test_deleting_an_item_that_a_page_links_to_is_refused_with_the_pages_named(admin_client):
    publication = factories.make_publication(title="Maskinrummet")
    page = factories.make_theme_page(title="Velfærdsledelse")
    factories.add_call_to_action(factories.add_page_section(page), publication)

    response = admin_client.post(
        f"/admin/publications/publication/{publication.pk}/delete/", {"post": "yes"}, follow=True
    )
    text = visible_text(response.content.decode())
    assert "“Maskinrummet” kan ikke slettes, så længe disse sider linker til den: “Velfærdsledelse”." in text
    assert type(publication).objects.filter(pk=publication.pk).exists()

    # The bulk delete on the list names the page too.
    response = admin_client.post(
        "/admin/publications/publication/", {"action": "delete_selected", "_selected_action": [str(publication.pk)]}
    )
    assert "Temasiden “Velfærdsledelse”" in visible_text(response.content.decode())
    assert type(publication).objects.filter(pk=publication.pk).exists()


def test_an_unlinked_item_can_be_deleted(admin_client):
    publication = factories.make_publication()
    response = admin_client.post(f"/admin/publications/publication/{publication.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not type(publication).objects.filter(pk=publication.pk).exists()


def test_unpublishing_an_item_that_a_published_page_links_to_is_refused(admin_client):
    article = factories.make_article()
    page = factories.make_theme_page(title="Velfærdsledelse")
    factories.add_call_to_action(factories.add_page_section(page), article)
    url = f"/admin/articles/article/{article.pk}/change/"
    response = save(admin_client, url, button="_unpublish")
    assert response.status_code == 200
    assert "Det kan ikke afpubliceres, så længe udgivne sider linker til det: “Velfærdsledelse”." in visible_text(
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.is_published


def test_the_dashboard_says_when_links_were_last_checked_or_that_they_never_were(admin_client):
    from django.utils import timezone

    from velfaerd.editorial.models import LinkCheck

    html = visible_text(admin_client.get("/admin/indholdstjek/").content.decode())
    assert "Links er aldrig blevet tjekket." in html
    assert "Der blev ikke fundet brudte links" not in html
    LinkCheck.objects.create(url="https://example.org/", status=LinkCheck.Status.OK, checked_at=timezone.now())
    html = visible_text(admin_client.get("/admin/indholdstjek/").content.decode())
    assert "Links blev sidst tjekket" in html


def test_a_call_to_action_that_names_its_target_is_not_a_weak_link_text(seeded):
    from velfaerd.editorial.health import weak_link_texts

    flagged = [row.detail for row in weak_link_texts()]
    assert "Du kan læse rapporten her" in flagged
    assert "Link til Videncenter for Velfærdsledelse" not in flagged


def test_health_rows_link_to_the_field_itself():
    from velfaerd.editorial import health

    page = factories.make_theme_page()
    for n in range(3):
        factories.add_page_section(page, heading=f"Afsnit {n}", order=n)
    third = page.parts.get(heading="Afsnit 2")
    third.body = "<p>Læs mere om det <a href='https://kl.dk/x'>her</a>.</p>"
    third.save()
    link = factories.add_call_to_action(third, factories.make_report(), text="Læs her")
    urls = [row.url for row in health.weak_link_texts() if row.detail == "her"]
    assert urls == [f"/admin/velfaerd/themepage/{page.pk}/change/#id_parts-2-body"]
    [cta_row] = [row for row in health.weak_link_texts() if row.detail == "Læs her"]
    assert cta_row.url == f"/admin/velfaerd/themepage/{page.pk}/change/#id_parts-2-calls_to_action-0-text"
    assert link.form_prefix() == "parts-2-calls_to_action-0"
