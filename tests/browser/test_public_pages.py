"""The public pages in a real browser: accessibility (axe-core), keyboard, phone width, and screenshots."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/leder/",
    "/leder/velfaerdsledelse/",
    "/publikationer/maskinrummet/",
    "/publikationer/brobyggerne/",
    "/rapporter/coks-lederundersoegelse-2015/",
    "/artikler/ud-med-dokumentationstyranniet-og-ind-med-tillid/",
    "/videncentre/videncenter-for-velfaerdsledelse/",
    "/publikationer/",
    "/publikationer/?tema=ledelsesrum-i-velfaerdsinstitutionen",
    "/rapporter/",
    "/artikler/",
    "/temaer/",
    "/temaer/ledelsesrum-i-velfaerdsinstitutionen/",
    "/temaer/ledelsesrum-i-velfaerdsinstitutionen/artikler/",
    "/om/tilgaengelighedserklaering/",
    "/soeg/",
    "/soeg/?q=ledere",
    "/soeg/?q=zebrafinke",
    "/findes-ikke/",
]


def test_every_public_page_has_no_axe_violations(site, page):
    axe = Axe()
    for path in PUBLIC_PAGES:
        page.goto(site + path)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]})
        assert results.violations_count == 0, f"{path}:\n{results.generate_report()}"
    assert page.errors == []


def test_keyboard_reaches_every_call_to_action_in_order_with_visible_focus(site, page):
    page.goto(site + "/leder/velfaerdsledelse/")
    expected = page.eval_on_selector_all("main a.cta", "links => links.map(a => a.getAttribute('href'))")
    assert len(expected) == 7

    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {cta: el.classList.contains('cta'), href: el.getAttribute('href'),
                        background: style.backgroundColor, shadow: style.boxShadow};
            }"""
        )
        if focused["cta"]:
            # The focus style is unmistakable: yellow background and a dark underline bar.
            assert focused["background"] == "rgb(255, 221, 0)"
            assert focused["shadow"] != "none"
            reached.append(focused["href"])
        if len(reached) == len(expected):
            break
    assert reached == expected


def test_skip_link_is_first_and_moves_to_the_content(site, page):
    page.goto(site + "/leder/velfaerdsledelse/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Gå til indholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "indhold"


@pytest.mark.parametrize("width", [360, 1280])
def test_theme_page_reads_well_at_phone_and_desktop_widths(site, browser, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + "/leder/velfaerdsledelse/")
    # Nothing sticks out sideways, and body text is at least 16 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert float(page.evaluate("getComputedStyle(document.querySelector('main p')).fontSize")[:-2]) >= 16
    page.screenshot(path=artifacts / f"theme-page-{width}.png", full_page=True)
    context.close()


def test_pages_need_no_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/leder/velfaerdsledelse/")
    assert page.locator("main a.cta").count() == 7
    assert "Sidst opdateret" in page.inner_text("main")
    context.close()


def test_every_public_page_fits_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    for path in PUBLIC_PAGES:
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()
