"""The PDF check on PDFs made here: each property found when there and missed when not; a PDF that cannot be read
within the bounds is reported so and never refused."""

import io
import time
from pathlib import Path

import pytest
from django.utils import translation

from tests.factories import DEJAVU, made_pdf
from velfaerd.content import pdfcheck, pdfreport


def check(data):
    return pdfcheck.check(io.BytesIO(data))


def test_a_scan_without_anything_fails_every_check_but_fonts_and_access():
    report = check(made_pdf())
    assert report["pages"] == 1
    assert report["text_layer"] is False
    assert report["tagged"] is False
    assert report["language"] == ""
    assert report["title"] is False
    assert report["open_to_assistive_technology"] is True
    with translation.override("da"):
        assert [str(problem) for problem in pdfreport.problems(report)] == [
            "Intet tekstlag: en scanning",
            "Ikke tagget",
            "Intet dokumentsprog",
            "Ingen titel vist i vinduet",
        ]


@pytest.mark.skipif(not Path(DEJAVU).exists(), reason="fonts-dejavu-core is not installed")
def test_an_accessible_pdf_passes_every_check():
    report = check(made_pdf("Brobyggerne bygger bro", tagged=True, lang="da-DK", title="Brobyggerne", embedded=True))
    assert pdfreport.problems(report) == []
    assert report["language"] == "da-DK"
    assert report["text_chars"] == len("Brobyggerne bygger bro")
    assert report["text"] == "Brobyggerne bygger bro"  # for the search; the report kept with the item leaves it out


def test_a_standard_font_is_not_embedded():
    report = check(made_pdf("Brobyggerne"))
    assert report["text_layer"] is True
    assert report["fonts_embedded"] is False


def test_a_title_not_shown_in_the_window_does_not_count():
    assert check(made_pdf(title="Brobyggerne"))["title"] is True
    assert check(made_pdf(title="Brobyggerne", show_title=False))["title"] is False


def test_a_pdf_locked_against_extracting_text_is_locked_against_assistive_technology():
    report = check(made_pdf("Hemmelig", no_extraction=True))
    assert report["encrypted"] is True
    assert report["open_to_assistive_technology"] is False
    with translation.override("da"):
        assert "Låst for hjælpemidler" in [str(problem) for problem in pdfreport.problems(report)]


def test_a_pdf_that_takes_too_long_is_reported_not_refused(monkeypatch):
    monkeypatch.setattr(pdfcheck, "WALL_SECONDS", 0.05)
    started = time.monotonic()
    assert check(made_pdf("Brobyggerne")) == {"error": "timeout"}
    assert time.monotonic() - started < 5


def test_garbage_is_reported_unreadable():
    assert check(b"%PDF-1.7 not really") == {"error": "unreadable"}
