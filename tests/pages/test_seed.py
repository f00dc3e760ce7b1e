import gzip
import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from tests.html import normalise, visible_text
from velfaerd.pages.models import CallToAction, ThemePage

# The original page, word for word, as the reference the site must reproduce.
SEED_FILE = Path(__file__).with_name("seed_page.txt")
THEME_PAGE = "/leder/velfaerdsledelse/"


def seed_sentences():
    """Every sentence of the original page, in order (bullets dropped, whitespace normalised)."""
    text = SEED_FILE.read_text(encoding="utf-8")
    sentences = []
    for line in text.splitlines():
        line = normalise(line).lstrip("• ").strip()
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", line) if s]
    return sentences


def test_theme_page_shows_every_sentence_of_the_seed_in_order(client, seeded):
    text = visible_text(client.get(THEME_PAGE).content.decode())
    sentences = seed_sentences()
    assert len(sentences) > 60
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found != -1, f"not found in order: {sentence!r} (after {text[max(0, position - 80) : position]!r})"
        position = found + len(sentence)


def test_seed_content_has_the_pages_structure(seeded):
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    assert page.section.title == "Leder"
    assert page.last_updated.isoformat() == "2017-02-13"
    assert [s.heading for s in page.parts.all()] == [
        "MASKINRUMMET - hvor er velfærdssamfundet på vej hen?",
        "BROBYGGERNE - erfaringer om ledelse af fremtidens velfærd",
        "LEDER PÅ KANTEN - nye lederroller",
        "Hildebrandt: Ud med dokumentationstyranniet og ind med tillid",
        "COK´s lederundersøgelse 2015",
    ]
    targets = [
        cta.target for cta in CallToAction.objects.filter(section__page=page).order_by("section__order", "order")
    ]
    assert [type(t).__name__ for t in targets] == [
        "Publication",
        "Publication",
        "KnowledgeCentreLink",
        "Publication",
        "Publication",
        "Article",
        "SurveyReport",
    ]
    report = targets[-1]
    assert report.findings.count() == 9
    assert report.findings.filter(text__startswith="¾ af respondenterne oplever").exists()
    assert {o.name for o in targets[2].founders.all()} == {"Moderniseringsstyrelsen", "Danske Regioner", "KL"}
    assert targets[1].themes.count() == 4
    # The seed gives no web addresses, so none are invented.
    assert all(not t.url for t in targets)


def test_every_call_to_action_leads_to_a_page_that_answers(client, seeded):
    html = client.get(THEME_PAGE).content.decode()
    links = re.findall(r'<a class="cta" href="([^"]+)"', html)
    assert len(links) == 7
    for link in links:
        assert client.get(link).status_code == 200, link


def test_breadcrumb_and_last_updated_markup(client, seeded):
    html = client.get(THEME_PAGE).content.decode()
    assert '<time datetime="2017-02-13">13.02.2017</time>' in html
    assert 'aria-current="page"' in html
    assert '<html lang="da">' in html
    assert html.count("<h1") == 1


def test_loading_twice_changes_nothing(seeded):
    from django.apps import apps

    def counts():  # the search's vocabulary grows with the edit below, as it should: left out
        return {m.__name__: m.objects.count() for m in apps.get_models() if m.__name__ != "SearchTerm"}

    before = counts()
    page = ThemePage.objects.get(slug="velfaerdsledelse")
    page.title = "Velfærdsledelse (redigeret)"
    page.save()
    call_command("load_seed", verbosity=0)
    assert counts() == before
    assert ThemePage.objects.get(pk=page.pk).title == "Velfærdsledelse (redigeret)"


def test_accessibility_statement_at_its_short_address_and_in_the_footer(client, seeded):
    response = client.get("/was")
    assert response.status_code == 301  # an address for good: printed, linked from other sites
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Tilgængelighedserklæring" in visible_text(page.content.decode())
    # The footer links to it where it is (a menu link must answer 200; the short address redirects there).
    assert 'href="/om/tilgaengelighedserklaering/">Tilgængelighedserklæring</a>' in client.get("/").content.decode()


def test_theme_page_html_and_css_are_small(client, seeded):
    html = client.get("/leder/velfaerdsledelse/").content
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_bytes()
    total = len(gzip.compress(html)) + len(gzip.compress(css))
    assert total < 30 * 1024, total
