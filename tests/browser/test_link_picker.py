"""The rich-text editor's link dialog finds a page of the site by its title, by keyboard alone, in Danish; the link
chosen follows the page when it moves (no redirect hop); the dialog is axe-clean with the pages listed, at a phone's
width and a desktop's (screenshots in test-artifacts/)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import log_in, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def select_first_word(page, editor):
    editor.focus()
    expect(editor).to_be_focused()
    page.wait_for_timeout(100)  # ProseMirror puts its own selection in a moment after the focus
    page.keyboard.press("Control+Home")
    page.keyboard.press("Control+Shift+ArrowRight")
    assert page.evaluate("getSelection().toString().trim()")
    # ProseMirror takes in a selection made by keys when the browser says it has changed, a moment later (a person
    # is never that fast): a link command before then finds nothing selected.
    page.wait_for_timeout(200)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_an_editor_links_to_a_publication_by_keyboard_and_the_link_follows_it(site, browser, django_user_model, width):
    from django.test import Client

    from publications.models import Publication
    from tests.admin import change_url, save
    from tests.browser.conftest import ARTIFACTS
    from velfaerd.pages.models import ThemePage

    theme_page = ThemePage.objects.get(slug="velfaerdsledelse")
    brobyggerne = Publication.objects.get(slug="brobyggerne")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="da-DK")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site, django_user_model)
    page.goto(f"{site}{change_url(theme_page)}")

    # The intro's first word, then Control+K: the dialog opens at "Side på sitet".
    intro = page.locator(".ProseMirror[contenteditable=true]").first
    select_first_word(page, intro)
    page.keyboard.press("Control+k")
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    picker = dialog.get_by_role("combobox", name="Side på sitet")
    expect(picker).to_be_focused()
    page.keyboard.type("brobyg")
    options = dialog.get_by_role("option")
    expect(options.first).to_contain_text("Brobyggerne")
    expect(picker).to_have_attribute("aria-expanded", "true")
    expect(dialog.get_by_role("status")).to_contain_text("fundet")

    # Escape closes the list, not the dialog; the arrow key opens it again and marks the first page.
    page.keyboard.press("Escape")
    expect(picker).to_have_attribute("aria-expanded", "false")
    expect(dialog).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(picker).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    axe = Axe()
    violations = axe.run(page, options=RULES).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    page.screenshot(path=str(ARTIFACTS / f"link-picker-{width}.png"))

    # Enter chooses it (and does not send the dialog): its address is in the address field.
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(dialog.locator("input[name=href]")).to_have_value("/publikationer/brobyggerne/")
    expect(dialog.get_by_role("status")).to_contain_text("Linket går til “Brobyggerne”")
    # To "Indsæt" by Tab, and Enter.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    expect(dialog.locator("button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(intro.locator('a[href="/publikationer/brobyggerne/"]')).to_have_count(1)

    page.locator("input[name=_continue]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert errors == []
    settle(context)

    theme_page.refresh_from_db()
    assert f'data-ref="publications.publication:{brobyggerne.pk}"' in theme_page.intro
    # The publication moves; the page links to where it is now, with no redirect between.
    editor = Client()
    editor.force_login(django_user_model.objects.get(username="redaktoer"))
    assert save(editor, change_url(brobyggerne), slug="brobyggerne-2017").status_code == 302
    shown = Client().get("/leder/velfaerdsledelse/").content.decode()
    assert 'href="/publikationer/brobyggerne-2017/"' in shown
    assert Client().get("/publikationer/brobyggerne-2017/").status_code == 200
