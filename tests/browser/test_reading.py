"""The "Læsning" screen and an item's line of figures, as an editor meets them: axe-clean, by keyboard, at a phone's
width and a desktop's (screenshots in test-artifacts/), and counted from a real browser's visit."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def some_figures():
    from velfaerd.reading.counting import today
    from velfaerd.reading.models import PageViews, SearchMiss

    day = today()
    PageViews.objects.bulk_create(
        [
            PageViews(path=path, day=day - datetime.timedelta(days=n), views=(n * 7 + len(path)) % 40 + 1)
            for n in range(40)
            for path in ("/leder/velfaerdsledelse/", "/publikationer/maskinrummet/", "/artikler/")
        ]
    )
    SearchMiss.objects.create(query="arbejdsmiljø", day=day, searches=5)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_reading_screen_and_the_items_line_by_keyboard_at_each_width(site, browser, django_user_model, width):
    from tests.browser.conftest import ARTIFACTS
    from velfaerd.pages.models import ThemePage

    some_figures()
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    page = context.new_page()
    log_in(page, site, django_user_model)
    page.goto(site + "/admin/laesning/")
    assert page.locator("h1").inner_text() == "Læsning"
    # By keyboard: to the table of the chart's figures, opened with Enter.
    summary = page.locator("summary", has_text="Tallene som tabel")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent") == "Tallene som tabel"
    page.keyboard.press("Enter")
    assert page.locator(".reading-table table").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Axe().run(page, options=RULES).response["violations"] == []
    page.screenshot(path=ARTIFACTS / f"reading-{width}.png", full_page=True)
    assert summary.count() == 1

    page.goto(f"{site}/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/")
    line = page.locator(".reading-line")
    assert "Læst" in line.inner_text()
    assert Axe().run(page, options=RULES).response["violations"] == []
    line.screenshot(path=ARTIFACTS / f"reading-line-{width}.png")
    settle(context)


@pytest.mark.django_db(transaction=True)
def test_a_readers_visit_in_a_browser_is_counted_and_shown(site, browser, settings, page, django_user_model):
    from velfaerd.reading import counting
    from velfaerd.reading.models import PageViews

    settings.READING_COUNT = True
    settings.READING_FLUSH_VIEWS = 1  # written at once, for the test
    # A reader's Chrome (the headless one says so in its User-Agent, and is not counted, as a bot's is not).
    agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
    reader = browser.new_context(locale="da-DK", user_agent=agent).new_page()
    reader.goto(site + "/leder/velfaerdsledelse/")
    reader.goto(site + "/leder/velfaerdsledelse/")
    counting.flush()
    assert PageViews.objects.get(path="/leder/velfaerdsledelse/").views == 2
    log_in(page, site, django_user_model)
    page.goto(site + "/admin/laesning/?dage=7")
    assert "/leder/velfaerdsledelse/" in page.locator("#reading-most-read").locator("..").inner_text()
    reader.context.close()
