"""Under the strict Content-Security-Policy (nonces, no 'unsafe-inline' scripts) the site and the admin work."""

import pytest

from tests.browser.conftest import caret_to_end, log_in

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.console_errors = console
    return page


def violations(page):
    return page.evaluate("window.__csp")


def test_public_pages_have_no_csp_violations(site, watched):
    for path in ["/", "/leder/velfaerdsledelse/", "/publikationer/", "/soeg/?q=ledere", "/artikler/"]:
        response = watched.goto(site + path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy
        assert "unsafe-inline" not in policy
        assert violations(watched) == [], path


def test_editor_types_bold_text_and_saves_it_under_csp(site, watched, django_user_model):
    from velfaerd.pages.models import ThemePage

    page = watched
    log_in(page, site, django_user_model)

    theme_page = ThemePage.objects.get()
    response = page.goto(f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/")
    assert "'nonce-" in response.headers["content-security-policy"]
    intro = page.locator(".ProseMirror[contenteditable=true]").first
    caret_to_end(page, intro)
    page.keyboard.press("Enter")
    page.keyboard.type("Ny linje med ")
    page.keyboard.press("Control+b")
    page.keyboard.type("fed tekst")
    page.keyboard.press("Control+b")
    page.click("input[name=_save]")
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/")

    theme_page.refresh_from_db()
    assert theme_page.intro.endswith("<p>Ny linje med <strong>fed tekst</strong></p>")
    page.goto(site + theme_page.get_absolute_url())
    assert page.locator("main strong", has_text="fed tekst").count() == 1
    assert violations(page) == []
    assert not [text for text in page.console_errors if "Content Security Policy" in text]


def test_admin_pages_have_no_csp_violations(site, watched, django_user_model):
    from publications.models import SurveyReport
    from velfaerd.pages.models import ThemePage

    report, theme_page = SurveyReport.objects.get(), ThemePage.objects.get()
    page = watched
    log_in(page, site, django_user_model)
    for path in [
        "/admin/",
        "/admin/indholdstjek/",
        "/admin/publications/publication/",
        "/admin/publications/publication/add/",
        f"/admin/publications/surveyreport/{report.pk}/change/",
        f"/admin/velfaerd/themepage/{theme_page.pk}/history/",
    ]:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
