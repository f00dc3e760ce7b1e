"""Browser tests in real headless Chromium (Debian's package), driven by Playwright.

Without Chromium on the machine they are skipped with the reason; under CI (CI=true) a missing Chromium fails.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the tests' own database work is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    settle(context)


def settle(context):
    """Close ``context`` once its pages have said goodbye: an admin form's last request (a beacon, sent as it is
    left) must reach the test server before the test's database is emptied, or the two collide."""
    for each in context.pages:
        each.goto("about:blank")
    if context.pages:
        context.pages[0].wait_for_timeout(300)
    context.close()


@pytest.fixture
def site(live_server, transactional_db):
    from django.core.management import call_command

    call_command("load_seed", verbosity=0)
    return live_server.url


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def log_in(page, site, django_user_model):
    """Make an editor (superuser) and log in through the admin's login form."""
    django_user_model.objects.create_superuser("redaktoer", "r@example.org", "et-langt-kodeord-42")
    page.goto(site + "/konto/login/")
    page.fill("#id_login", "redaktoer")
    page.fill("#id_password", "et-langt-kodeord-42")
    page.click("#content-main button[type=submit]")
    page.wait_for_url(site + "/admin/")


def caret_to_end(page, editor):
    """Focus a rich-text editor and put the caret after its last character, as a person's Control+End would.

    ProseMirror writes its own selection back into the page a moment after it gains focus; a key pressed before then
    is undone, so the caret is checked to stay at the end before anything is typed."""
    editor.focus()
    expect(editor).to_be_focused()
    at_end = """el => {
      const selection = getSelection()
      if (!selection.isCollapsed || !el.contains(selection.focusNode)) return false
      const after = document.createRange()
      after.selectNodeContents(el)
      after.setStart(selection.focusNode, selection.focusOffset)
      return after.toString() === ''
    }"""
    settled = 0
    for _attempt in range(100):
        if editor.evaluate(at_end):
            settled += 1
            if settled == 3:
                return
        else:
            settled = 0
            page.keyboard.press("Control+End")
        page.wait_for_timeout(30)
    raise AssertionError("the caret did not stay at the end of the editor")


def second_editor(browser, site, django_user_model, username="rikke", first_name=""):
    """Another member of "Redaktør", logged in in a browser of her own: (the user, her page)."""
    from django.contrib.auth.models import Group

    password = "et-andet-langt-kodeord-43"
    user = django_user_model.objects.create_user(username, password=password, is_staff=True, first_name=first_name)
    user.groups.add(Group.objects.get(name="Redaktør"))
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK").new_page()
    page.goto(site + "/konto/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("#content-main button[type=submit]")
    page.wait_for_url(site + "/admin/")
    return user, page
