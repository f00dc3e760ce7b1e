"""Every admin screen an editor uses speaks Danish: visible text, titles, accessible names and placeholders, with
the rich-text editor's menus and dialogs and the date pickers open, on the history, compare, health, log, 403 and
lockout pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: English words an admin screen might show, none of which is also Danish (as "Link", "Status", "Filter", "Log",
#: "version", "session", "administration", "for", "to", "and", "by", "have", "be", "sort" and "at" are).
ENGLISH = set(
    re.findall(
        r"\w+",
        """the of with this that are on in or not all an has was were you your
    Add Save Delete History Change View Search Action Actions Select Forbidden Django Show Clear Edit Update Cancel
    Insert Remove Heading Paragraph Title Object REPR Yes None Today Now Choose Calendar Clock Close Bold Italic
    Undo Redo out Password Username page selected Previous Next Run Go Axes Reversion access attempt attempts
    Home Submit Apply Back Open Hide Unknown from sorting Toggle""",
    )
)

COLLECT = """() => {
  const out = [document.title]
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement
    if (!el || el.closest("script, style, template, .material-icons, [aria-hidden=true]")) continue
    if (!el.checkVisibility()) continue
    out.push(node.textContent)
  }
  for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
    if (el.closest("template")) continue
    out.push(el.getAttribute("title"), el.getAttribute("aria-label"), el.getAttribute("placeholder"),
             el.getAttribute("alt"))
  }
  return out.filter(Boolean).join("\\n")
}"""


def english_in(page):
    # Text shown, or said to a screen reader; the editor's own user name and typed content are Danish.
    words = set(re.findall(r"[A-Za-z]+", page.evaluate(COLLECT)))
    return sorted(words & ENGLISH)


@pytest.fixture
def seen():
    """What each screen still shows in English, collected so one run lists them all."""
    return {}


def look(page, name, seen):
    page.wait_for_timeout(150)  # the page's scripts relabel what they draw
    left = english_in(page)
    if left:
        seen[name] = left


def test_every_admin_screen_an_editor_uses_is_danish(site, browser, page, django_user_model, seen):
    from publications.models import Publication
    from velfaerd.pages.models import ThemePage

    log_in(page, site, django_user_model)
    look(page, "index", seen)
    theme_page = ThemePage.objects.get()
    publication = Publication.objects.first()

    for path in (
        "/admin/velfaerd/themepage/",
        "/admin/publications/publication/",
        "/admin/articles/article/",
        "/admin/publications/publication/?q=xyz",
        "/admin/admin/logentry/",
        "/admin/axes/accessattempt/",
        "/admin/auth/user/",
        "/admin/indholdstjek/",
        f"/admin/publications/publication/{publication.pk}/delete/",
        "/admin/password_change/",
    ):
        page.goto(site + path)
        look(page, path, seen)

    # The log's filters, opened.
    page.goto(site + "/admin/admin/logentry/")
    for details in page.locator("#changelist-filter details").all():
        details.evaluate("el => el.open = true")
    look(page, "log filters", seen)

    # A change form with the editor's menus and dialogs open, saved once so the history has two versions.
    url = f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/"
    page.goto(url)
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    look(page, "theme page form", seen)
    for toggle in page.locator(".vf-toggle").all():
        if toggle.get_attribute("aria-expanded") == "false":
            toggle.click()
    look(page, "theme page form, all open", seen)
    # A new section: named "ny", not "#6", and removed with "Fjern".
    page.locator("#parts-group .djn-add-handler").last.click()
    new_row = page.locator("#parts-group .djn-inline-form[data-is-initial=false]:not(.djn-empty-form)").last
    expect(new_row.locator(":scope > h3 .inline_label")).to_have_text("ny")
    expect(new_row.locator(":scope > h3 .djn-remove-handler")).to_have_text("Fjern")
    look(page, "a new section", seen)
    menubar = page.locator(".prose-menubar").first
    menubar.locator(".prose-menubar__dropdown, [aria-haspopup]").first.click()
    look(page, "heading menu", seen)
    page.keyboard.press("Escape")
    intro = page.locator(".ProseMirror[contenteditable=true]").first
    intro.dblclick()
    menubar.locator("[title='Indsæt link']").click()
    expect(page.locator("dialog[open]")).to_be_visible()
    look(page, "link dialog", seen)
    page.locator("dialog[open]").get_by_role("button", name="Annullér").click()
    menubar.locator("[title='Ret HTML']").click()
    expect(page.locator("dialog[open]")).to_be_visible()
    look(page, "HTML dialog", seen)
    page.keyboard.press("Escape")
    page.goto(url)
    page.locator("#id_title").fill("Velfærdsledelse i dag")
    page.click("input[name=_continue]")
    page.wait_for_url(url)
    look(page, "after saving", seen)

    page.goto(url.replace("/change/", "/history/"))
    look(page, "history", seen)
    page.locator("#content-main form button[type=submit], #content-main form input[type=submit]").first.click()
    page.wait_for_load_state()
    look(page, "compare", seen)

    # A form with dates: the calendar and the clock open.
    page.goto(f"{site}/admin/publications/publication/add/")
    look(page, "add publication", seen)
    page.locator(".date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    look(page, "calendar", seen)
    page.keyboard.press("Escape")
    page.locator(".clock-icon").first.click()
    expect(page.locator(".clockbox").first).to_be_visible()
    look(page, "clock", seen)

    # A draft: its banner and its compare view.
    page.goto(url)
    page.locator("#id_title").fill("Velfærdsledelse, kladde")
    page.click("input[name=_draft]")
    page.wait_for_load_state()
    look(page, "draft", seen)
    page.get_by_role("link", name="Sammenlign med det udgivne").click()
    look(page, "compare draft", seen)

    # 403, for a "Medarbejder", and the lockout page.
    from django.contrib.auth.models import Group

    staff = django_user_model.objects.create_user("medarbejder", password="et-langt-kodeord-44", is_staff=True)
    staff.groups.add(Group.objects.get(name="Medarbejder"))
    other = browser.new_context(locale="da-DK").new_page()
    other.goto(site + "/admin/login/")
    look(other, "login", seen)
    other.fill("#id_login", "medarbejder")
    other.fill("#id_password", "et-langt-kodeord-44")
    other.click("#content-main button[type=submit]")
    other.wait_for_url(site + "/admin/")
    look(other, "index, Medarbejder", seen)
    other.goto(site + "/admin/indholdstjek/")
    look(other, "403", seen)
    settle(other.context)

    locked = browser.new_context(locale="da-DK").new_page()
    for _attempt in range(6):
        locked.goto(site + "/konto/login/")
        locked.fill("#id_login", "medarbejder")
        locked.fill("#id_password", "forkert")
        locked.click("#content-main button[type=submit]")
    expect(locked.locator("h1")).to_have_text("For mange mislykkede login")
    look(locked, "lockout", seen)
    settle(locked.context)
    assert not seen, "\n".join(f"{screen}: {', '.join(words)}" for screen, words in seen.items())
