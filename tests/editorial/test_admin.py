"""Editors' work in the admin, through the forms as a browser submits them."""

import re

import pytest
from django.apps import apps

from articles.models import Article
from tests import factories
from tests.admin import save
from tests.html import visible_text
from velfaerd.pages.models import CallToAction, PageSection, Section, ThemePage

pytestmark = pytest.mark.django_db


def admin_url(model, action="add", pk=None):
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return f"{base}{action}/" if pk is None else f"{base}{pk}/{action}/"


def submit(client, url, changes, form_id=None):
    return save(client, url, form_id, **changes)


def new_inline(prefix, count, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(count),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def add_data():
    """For each model: the fields an editor fills in to add one, and a lookup to find it afterwards."""
    organisation = factories.make_organisation()
    publication = factories.make_publication()
    section = factories.make_section()
    return {
        "core.organisation": ({"name": "Væksthus for Ledelse", "slug": "vaeksthus"}, {"slug": "vaeksthus"}),
        "core.leadershiptheme": ({"name": "Ledelsesrum", "slug": "ledelsesrum", "order": "3"}, {"order": 3}),
        "knowledge.knowledgecentrelink": (
            {"name": "Videncenter", "slug": "videncenter", "description": "<p>Om centret.</p>"},
            {"slug": "videncenter"},
        ),
        "velfaerd.section": ({"title": "Leder", "slug": "leder", "intro": ""}, {"slug": "leder"}),
        "velfaerd.themepage": (
            {
                "section": str(section.pk),
                "title": "Velfærdsledelse",
                "slug": "velfaerdsledelse",
                "intro": "<p>Intro.</p>",
                **new_inline("parts", 1),
                "parts-0-heading": "MASKINRUMMET",
                "parts-0-subheading": "",
                "parts-0-body": "<p>Tekst.</p>",
                "parts-0-order": "0",
                **new_inline("parts-0-calls_to_action", 1),
                "parts-0-calls_to_action-0-text": "Læs publikationen",
                "parts-0-calls_to_action-0-lead": "",
                "parts-0-calls_to_action-0-target": f"publications.publication:{publication.pk}",
                "parts-0-calls_to_action-0-order": "0",
            },
            {"slug": "velfaerdsledelse", "parts__calls_to_action__publication": publication},
        ),
        "publications.publication": (
            {"title": "Maskinrummet", "slug": "maskinrummet", "kind": "magazine", "summary": "<p>Om.</p>"},
            {"slug": "maskinrummet", "kind": "magazine"},
        ),
        "publications.surveyreport": (
            {
                "title": "Lederundersøgelse",
                "slug": "lederundersoegelse",
                "organisation": str(organisation.pk),
                "year": "2015",
                **new_inline("findings", 2),
                "findings-0-order": "0",
                "findings-0-text": "Første resultat.",
                "findings-1-order": "1",
                "findings-1-text": "Andet resultat.",
            },
            {"slug": "lederundersoegelse", "findings__text": "Andet resultat."},
        ),
        "velfaerd.infopage": (
            {"title": "Tilgængelighedserklæring", "slug": "was", "body": "<p>Sådan.</p>"},
            {"slug": "was"},
        ),
        "articles.article": (
            {"title": "Ud med dokumentationstyranniet", "slug": "ud-med", "standfirst": "Manchet."},
            {"slug": "ud-med"},
        ),
    }


MODELS = [
    "core.organisation",
    "core.leadershiptheme",
    "knowledge.knowledgecentrelink",
    "velfaerd.section",
    "velfaerd.themepage",
    "publications.publication",
    "publications.surveyreport",
    "articles.article",
    "velfaerd.infopage",
]


def test_every_content_model_is_in_the_admin():
    from django.contrib import admin

    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("label", MODELS)
def test_add_then_change(admin_client, label):
    model = apps.get_model(label)
    fields, lookup = add_data()[label]
    response = submit(admin_client, admin_url(model), fields)
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    obj = model.objects.filter(**lookup).distinct().get()

    name_field = "name" if "name" in fields else "title"
    response = submit(admin_client, admin_url(model, "change", obj.pk), {name_field: "Nyt navn"})
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    obj.refresh_from_db()
    assert getattr(obj, name_field) == "Nyt navn"


@pytest.mark.parametrize("label", [m for m in MODELS if m != "core.leadershiptheme"])
def test_view_on_site_for_everything_with_a_page(admin_client, label):
    model = apps.get_model(label)
    fields, lookup = add_data()[label]
    submit(admin_client, admin_url(model), fields)
    obj = model.objects.filter(**lookup).distinct().get()
    html = admin_client.get(admin_url(model, "change", obj.pk)).content.decode()
    if hasattr(obj, "get_absolute_url"):
        assert "Vis på sitet" in html
    else:
        assert "Vis på sitet" not in html


def test_admin_speaks_danish(admin_client):
    html = admin_client.get("/admin/").content.decode()
    for text in ("Publikationer og rapporter", "Temasider", "Undersøgelsesrapporter", "Videncenterlinks"):
        assert text in html


def test_invalid_input_reshows_the_form_with_a_danish_error_and_saves_nothing(admin_client):
    response = submit(
        admin_client,
        admin_url(apps.get_model("publications.publication")),
        {"title": "", "subtitle": "Det redaktøren skrev", "slug": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dette felt er påkrævet." in html
    assert "Det redaktøren skrev" in html
    assert not apps.get_model("publications.publication").objects.exists()


def test_a_call_to_action_points_at_the_one_item_of_the_kind_chosen(admin_client, seeded):
    page = ThemePage.objects.get()
    link = page.parts.first().calls_to_action.first()
    assert link.publication is not None
    article = factories.make_article()
    response = submit(
        admin_client,
        admin_url(ThemePage, "change", page.pk),
        {"parts-0-calls_to_action-0-target": f"articles.article:{article.pk}"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    targets = (link.article, link.publication, link.survey_report, link.knowledge_centre_link)
    assert targets == (article, None, None, None)


def test_a_call_to_action_without_target_is_refused_and_nothing_is_saved(admin_client):
    fields, _ = add_data()["velfaerd.themepage"]
    fields["parts-0-calls_to_action-0-target"] = ""
    response = submit(admin_client, admin_url(ThemePage), fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vælg, hvad linket peger på." in html
    assert "MASKINRUMMET" in html  # what the editor typed is still there
    assert not ThemePage.objects.exists()
    assert not PageSection.objects.exists()
    assert not CallToAction.objects.exists()


@pytest.mark.parametrize(
    "target",
    [
        "articles.article:{pk}",  # the id is a publication's: no such article
        "velfaerd.themepage:{pk}",  # not a kind a link row points at
        "{pk}",
        "publications.publication:x",
    ],
)
def test_a_call_to_action_target_that_is_no_item_a_link_points_at_is_refused(admin_client, target):
    fields, _ = add_data()["velfaerd.themepage"]
    pk = fields["parts-0-calls_to_action-0-target"].rpartition(":")[2]
    fields["parts-0-calls_to_action-0-target"] = target.format(pk=int(pk) + 1000)
    response = submit(admin_client, admin_url(ThemePage), fields)
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed." in response.content.decode()
    assert not ThemePage.objects.exists()


def test_theme_page_inlines_are_edited_and_reordered_on_one_screen(admin_client, seeded):
    page = ThemePage.objects.get()
    first, second = page.parts.all()[:2]
    response = submit(
        admin_client,
        admin_url(ThemePage, "change", page.pk),
        {
            "parts-0-order": "1",
            "parts-1-order": "0",
            "parts-1-calls_to_action-0-text": "Læs Brobyggerne",
        },
    )
    assert response.status_code == 302
    assert list(page.parts.all()[:2]) == [second, first]
    assert second.calls_to_action.first().text == "Læs Brobyggerne"


def test_a_link_row_is_one_search_box_drawn_as_what_it_points_at(admin_client, seeded, django_assert_max_num_queries):
    page = ThemePage.objects.get()
    html = admin_client.get(admin_url(ThemePage, "change", page.pk)).content.decode()
    # One search box over every kind, showing the item chosen: no kind chooser, no box per kind.
    assert "target_kind" not in html
    assert 'name="parts-0-calls_to_action-0-publication"' not in html
    search_box = re.search(r'<select[^>]*name="parts-0-calls_to_action-0-target"[^>]*>.*?</select>', html, re.S)[0]
    assert "admin-autocomplete" in search_box
    publication = page.parts.first().calls_to_action.first().publication
    assert re.findall(r'<option value="([^"]+)" selected>([^<]+)</option>', search_box) == [
        (f"publications.publication:{publication.pk}", f"Publikation: {publication.title}")
    ]
    from django.utils import translation

    from velfaerd.pages.forms import TargetSelect

    with translation.override("da"):  # the box brings Select2 and its own texts in Danish
        assert "select2/i18n/da.js" in str(TargetSelect().media)
    url = re.search(r'data-ajax--url="([^"]+)"', search_box)[1].replace("&amp;", "&")
    factories.make_article(title="Maskinrum i hverdagen", is_published=False)
    factories.make_article(title="Noget andet")
    with django_assert_max_num_queries(12):  # one per kind, whatever is found
        response = admin_client.get(f"{url}&term=maskin")
    assert response.status_code == 200
    article = Article.objects.get(title="Maskinrum i hverdagen")
    assert response.json()["results"] == [
        {"id": f"publications.publication:{publication.pk}", "text": "Publikation: Maskinrummet"},
        {"id": f"articles.article:{article.pk}", "text": "Artikel: Maskinrum i hverdagen (ikke synlig for besøgende)"},
    ]
    # Theme pages have addresses too, but a link row cannot point at one.
    factories.make_theme_page(title="Zebraledelse")
    assert admin_client.get(f"{url}&term=zebra").json()["results"] == []


def test_every_app_on_the_admin_index_has_a_danish_name(admin_client):
    assert str(apps.get_app_config("editorial").verbose_name) == "Redigering"
    text = visible_text(admin_client.get("/admin/").content.decode())
    assert "Editorial" not in text


def test_the_only_section_is_chosen_already_on_a_new_theme_page(admin_client, seeded):
    html = admin_client.get(admin_url(ThemePage)).content.decode()
    section = Section.objects.get()
    assert re.search(rf'<option value="{section.pk}" selected>', html)
    Section.objects.create(title="Medarbejder", slug="medarbejder", intro="")
    html = admin_client.get(admin_url(ThemePage)).content.decode()
    assert '<option value="" selected>' in re.search(r'<select name="section".*?</select>', html, re.S).group(0)


def test_a_link_row_costs_the_form_a_few_kilobytes_and_no_query(admin_client, django_assert_num_queries):
    """Each link row is its fields and the one item it points at, drawn from what the form fetched with the page's
    links: a page of 50 links stays a form an editor's browser opens at once (the largest of ten times the archive
    was 535 KB at 9 KB a row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = factories.make_theme_page()
    section = factories.add_page_section(page)
    targets = [
        factories.make_publication(),
        factories.make_report(),
        factories.make_article(),
        factories.make_knowledge_link(),
    ]

    def opened():
        with CaptureQueriesContext(connection) as queries:
            html = admin_client.get(admin_url(ThemePage, "change", page.pk)).content
        return len(html), len(queries)

    factories.add_call_to_action(section, targets[0])
    opened()  # the editor's presence on the page is noted the first time
    one, queries = opened()
    for n in range(20):
        factories.add_call_to_action(section, targets[n % 4], lead="<p>Læs også dette.</p>")
    twenty_one, queries_after = opened()
    assert (twenty_one - one) / 20 < 2800
    assert queries_after == queries
