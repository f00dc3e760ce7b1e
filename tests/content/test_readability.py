"""LIX (Björnsson): words / sentences + 100 x long words / words, pinned against hand-counted examples."""

import pytest

from tests.html import visible_text
from velfaerd.content.readability import is_weak_link_text, lix
from velfaerd.pages import seed
from velfaerd.pages.models import ThemePage


@pytest.mark.parametrize(
    ("html", "words", "sentences", "long_words", "value", "label"),
    [
        # 7 words, 2 sentences, no long words: 3.5 -> 4.
        ("<p>Det er en kat. Den er sød.</p>", 7, 2, 0, 4, "meget let"),
        # "Velfærdssamfundet" and "nytænkes" are long: 10 / 2 + 100 x 2 / 10 = 25.
        ("<p>Velfærdssamfundet er kommet for at blive. Men det skal nytænkes.</p>", 10, 2, 2, 25, "let"),
        # Each list item ends a sentence; "mellem" (6 letters) is not long: 11 / 2 + 500 / 11 = 50.95.
        (
            "<ul><li>Ledelse af mødet mellem borgeren og det offentlige</li>"
            "<li>Ledelsesrum i velfærdsinstitutionen</li></ul>",
            11,
            2,
            5,
            51,
            "svær",
        ),
        # Numbers are words but never long words.
        ("<p>I 2015 svarede 1234567 ledere.</p>", 5, 1, 1, 25, "let"),
        # A colon ends a sentence: 6 / 2 + 100 / 6 = 19.67.
        ("<p>Tre temaer: ledelse, mening og kultur.</p>", 6, 2, 1, 20, "meget let"),
        # A heading without a full stop is a sentence of its own.
        ("<h2>Hvor er vi på vej hen</h2><p>Vi ved det ikke.</p>", 10, 2, 0, 5, "meget let"),
        # Dates with full stops inside do not end sentences.
        ("<p>Opdateret 13.02.2017 af redaktionen.</p>", 4, 1, 2, 54, "svær"),
    ],
)
def test_hand_counted_examples(html, words, sentences, long_words, value, label):
    score = lix(html)
    assert (score.words, score.sentences, score.long_words) == (words, sentences, long_words)
    assert score.value == value
    assert str(score.label) == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (24, "meget let"),
        (25, "let"),
        (34, "let"),
        (35, "middel"),
        (44, "middel"),
        (45, "svær"),
        (54, "svær"),
        (55, "meget svær"),
    ],
)
def test_the_danish_scale(value, label):
    # One sentence of ``value`` short words has LIX ``value``.
    score = lix(f"<p>{'ord ' * (value - 1)}slut.</p>")
    assert score.value == value
    assert str(score.label) == label


def test_empty_text_has_no_score():
    assert lix("").value is None
    assert str(lix("<p></p>")) == ""


def test_seed_texts_are_pinned():
    assert lix(seed.THEME_PAGE["intro"]).value == 40
    figures = []
    for section in seed.PAGE_SECTIONS:
        score = lix(section["body"])
        for lead, _text, _target in section["calls_to_action"]:
            score += lix(lead)
        figures.append((score.value, str(score.label)))
    assert figures == [(46, "svær"), (51, "svær"), (54, "svær"), (39, "middel"), (53, "svær")]


@pytest.mark.django_db
def test_the_admin_shows_lix_next_to_rich_text_and_per_section(admin_client, seeded):
    page = ThemePage.objects.get()
    text = visible_text(admin_client.get(f"/admin/velfaerd/themepage/{page.pk}/change/").content.decode())
    assert "Læsbarhed: LIX 40 (middel)" in text  # the intro
    for value, label in [(46, "svær"), (51, "svær"), (54, "svær"), (39, "middel"), (53, "svær")]:
        assert f"LIX {value} ({label})" in text


@pytest.mark.parametrize(
    ("text", "weak"),
    [
        ("her", True),
        ("Læs her", True),
        ("Klik her!", True),
        ("Læs mere", True),
        ("link", True),
        ("Link til Videncenter for Velfærdsledelse", True),
        ("Du kan læse rapporten her", True),
        ("https://www.example.org/rapport.pdf", True),
        ("www.example.org", True),
        ("", True),
        ("Læs publikationen MASKINRUMMET", False),
        ("Læs artiklen på Lederweb", False),
        ("Hent rapporten COK´s lederundersøgelse 2015 (PDF)", False),
    ],
)
def test_weak_link_texts(text, weak):
    assert is_weak_link_text(text) is weak


def test_a_link_text_that_names_its_target_is_not_weak():
    assert not is_weak_link_text("Link til Videncenter for Velfærdsledelse", "Videncenter for Velfærdsledelse")
    assert is_weak_link_text("Link til videncentret", "Videncenter for Velfærdsledelse")
