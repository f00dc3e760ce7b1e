"""The rich-text editor's "Side på sitet": the site's pages found by their title for a link, in Danish spelling
either way, those visitors cannot see yet said to be so, only of the kinds the editor may see; and a link chosen
opens in the editor at its item's address now."""

import pytest
from django.urls import reverse

from tests import factories
from tests.admin import change_url

pytestmark = pytest.mark.django_db

URL = reverse("admin:link-targets")


def found(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    return response.json()


def titles(client, query):
    return [(result["title"], result["kind"]) for result in found(client, query)["results"]]


def test_the_seeds_pages_are_found_by_words_of_their_title_in_either_spelling(admin_client, seeded):
    answer = found(admin_client, "brobygg")
    assert answer["results"][0]["title"] == "Brobyggerne"
    assert answer["results"][0]["kind"] == "Publikation"
    assert answer["results"][0]["address"] == "/publikationer/brobyggerne/"
    assert answer["results"][0]["live"] is True
    # Typed without æ, and without its capital: "velfaerdsledelse" is the theme page "Velfærdsledelse".
    assert ("Velfærdsledelse", "Temaside") in titles(admin_client, "velfaerdsledelse")
    # Every word must be in the title, in any order.
    assert titles(admin_client, "fremtidens brobyggerne") == titles(admin_client, "brobyggerne fremtidens")
    assert titles(admin_client, "brobyggerne maskinrummet") == []
    # Too little to ask for, or nothing there.
    assert found(admin_client, "b") == {"results": [], "more": False}
    assert found(admin_client, "qqqxyz") == {"results": [], "more": False}


def test_a_lower_case_letter_finds_a_capital_ae_oe_aa_on_either_database(admin_client):
    factories.make_publication(title="Økonomistyring i kommunerne", slug="oekonomi")
    assert ("Økonomistyring i kommunerne", "Publikation") in titles(admin_client, "økonomi")
    assert ("Økonomistyring i kommunerne", "Publikation") in titles(admin_client, "oekonomi")


def test_titles_that_start_with_it_come_first_then_those_visitors_see(admin_client):
    factories.make_article(title="Et år med tillid", slug="aar")
    factories.make_publication(title="Tillid", slug="tillid", is_published=False)
    factories.make_publication(title="Tillid i praksis", slug="tillid-i-praksis")
    results = found(admin_client, "tillid")["results"]
    assert [r["title"] for r in results] == ["Tillid i praksis", "Tillid", "Et år med tillid"]
    draft = results[1]
    assert draft["live"] is False
    assert draft["state"] == "ikke synlig for besøgende"
    assert draft["address"] == "/publikationer/tillid/"


def test_at_most_ten_are_offered_and_it_says_there_are_more(admin_client, django_assert_max_num_queries):
    for n in range(12):
        factories.make_article(title=f"Tillid nummer {n}", slug=f"tillid-{n}")
    with django_assert_max_num_queries(12):  # the session, the user, one per kind with a page (7)
        answer = found(admin_client, "tillid")
    assert len(answer["results"]) == 10
    assert answer["more"] is True


def test_only_kinds_the_editor_may_see_are_offered_and_only_to_staff(client, django_user_model, seeded):
    from django.contrib.auth.models import Permission

    assert client.get(URL, {"q": "brobygg"}).status_code == 302  # to the login
    member = django_user_model.objects.create_user(username="laeser", password="pw", is_staff=True)
    member.user_permissions.set([Permission.objects.get(codename="view_article")])
    client.force_login(member)
    factories.make_article(title="Brobygning i praksis", slug="brobygning")
    assert titles(client, "brobyg") == [("Brobygning i praksis", "Artikel")]


def test_a_link_opens_in_the_editor_at_its_items_address_now(admin_client):
    publication = factories.make_publication(title="Maskinrummet", slug="maskinrummet")
    article = factories.make_article(slug="om", body='<p>Læs <a href="/publikationer/maskinrummet/">den</a>.</p>')
    type(publication).objects.filter(pk=publication.pk).update(slug="maskinrummet-2017", is_published=False)
    form = admin_client.get(change_url(article)).content.decode()
    assert "/publikationer/maskinrummet-2017/" in form
    assert "/publikationer/maskinrummet/&quot;" not in form
    assert f'"linkTargets": "{URL}"' in form  # in the editors' shared configuration
