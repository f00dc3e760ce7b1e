"""The editors' admin in a real browser: the content health dashboard and the rich-text editor."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import caret_to_end, log_in, second_editor, settle
from tests.html import visible_text

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(site, page, django_user_model):
    log_in(page, site, django_user_model)
    return page


def test_dashboard_lists_problems_and_leads_to_where_to_fix_them(site, editor_page, artifacts):
    from velfaerd.pages.models import ThemePage

    ThemePage.objects.update(last_reviewed=datetime.date(2017, 2, 13))
    page = editor_page
    page.click("text=Se alt, der kræver opmærksomhed")
    page.wait_for_url(site + "/admin/indholdstjek/")
    assert page.locator("#review-due tbody tr").count() >= 1
    # The seed page's weak link texts are found.
    weak = page.inner_text("#weak-link-texts")
    assert "Du kan læse rapporten her" in weak
    assert "Link til Videncenter for Velfærdsledelse" not in weak  # it names what it opens
    page.screenshot(path=artifacts / "admin-content-health.png", full_page=True)

    page.locator("#review-due tbody tr a", has_text="Velfærdsledelse").first.click()
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/*/change/")
    assert "Ret temaside" in page.title()
    assert page.errors == []


def test_rich_text_editor_works_in_nested_inlines_and_shows_live_readability(site, editor_page, artifacts):
    from velfaerd.pages.models import ThemePage

    page = editor_page
    theme_page = ThemePage.objects.get()
    page.goto(f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/")
    editors = page.locator(".ProseMirror[contenteditable=true]")
    # The intro, five section texts and seven texts before links.
    assert editors.count() == 13
    score = page.locator('[data-lix-for="id_intro"]')
    assert score.inner_text() == "Læsbarhed: LIX 40 (middel)"

    page.wait_for_selector("html[data-lix-ready]", state="attached")  # typing before the script is in goes unseen
    intro = editors.first
    caret_to_end(page, intro)
    page.keyboard.type(" Kort.")
    expect(intro).to_contain_text("tegner sig. Kort.")
    # Waits without evaluating a string (the admin's CSP forbids eval, which a string predicate needs).
    expect(score).to_have_text("Læsbarhed: LIX 33 (let)")
    # The editor undoes by itself, with no "input" event: the score follows all the same.
    page.keyboard.press("Control+z")
    expect(score).to_have_text("Læsbarhed: LIX 40 (middel)")
    page.keyboard.press("Control+Shift+z")
    expect(score).to_have_text("Læsbarhed: LIX 33 (let)")
    page.screenshot(path=artifacts / "admin-theme-page.png")

    page.click("input[name=_save]")
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/")
    theme_page.refresh_from_db()
    assert theme_page.intro.endswith("tegner sig. Kort.</p>")
    assert page.errors == []


#: English the rich-text editor would otherwise show (toolbar titles, menus, the link dialog).
ENGLISH = {"bold", "italic", "insert link", "remove link", "paragraph", "Paragraph", "Heading 2", "Heading 3",
           "undo", "redo", "edit HTML", "unordered list", "ordered list", "blockquote", "Edit Link", "URL",
           "Title", "Update", "Cancel", "Insert", "Open in new window", "List properties"}  # fmt: skip


def editor_texts(page):
    """Every text the first rich-text editor shows or says: titles, accessible names, visible text, dialogs."""
    return set(
        page.evaluate(
            """() => {
              const places = [...document.querySelectorAll('.prose-menubar, dialog, .prose-menubar *, dialog *')]
              return places.flatMap(el => [el.title, el.getAttribute('aria-label'), el.getAttribute('placeholder'),
                                           // an icon's ligature ("format_bold") is drawn, not read
                                           el.children.length || el.classList.contains('material-icons')
                                             ? '' : el.textContent.trim()]).filter(Boolean)
            }"""
        )
    )


def english_left(page):
    """The English still shown, once the page has relabelled what it just drew (it does so asynchronously)."""
    for _attempt in range(20):
        left = editor_texts(page) & ENGLISH
        if not left:
            return left
        page.wait_for_timeout(100)
    return left


def test_the_rich_text_editor_speaks_danish(site, editor_page):
    from velfaerd.pages.models import ThemePage

    page = editor_page
    page.goto(f"{site}/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/")
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    assert english_left(page) == set()
    # The link dialog: select a word of the intro and choose "Indsæt link".
    intro = page.locator(".ProseMirror[contenteditable=true]").first
    expect(intro).to_have_attribute("spellcheck", "true")  # Danish text, checked as Danish
    expect(intro).to_have_attribute("lang", "da")
    intro.dblclick()
    page.locator(".prose-menubar").first.locator("[title='Indsæt link']").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    assert english_left(page) == set()
    assert {"Adresse", "Titel"} <= editor_texts(page)
    # A new link is inserted, not "edited"; and the format menu's arrow is drawn, not a glyph without a font.
    expect(dialog.locator(".prose-editor-dialog-title")).to_have_text("Indsæt link")
    expect(dialog.locator("button[type=submit]")).to_have_text("Indsæt")
    arrow = page.evaluate("getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content")
    assert "⏷" not in arrow


def test_by_keyboard_alone_an_editor_moves_a_section_up_and_a_link_down(site, editor_page, artifacts):
    from django.test import Client

    from velfaerd.pages.models import ThemePage

    page = editor_page
    theme_page = ThemePage.objects.get()
    parts = list(theme_page.parts.order_by("order", "pk"))
    with_links = next(i for i, part in enumerate(parts) if part.calls_to_action.count() >= 2)
    links = [cta.text for cta in parts[with_links].calls_to_action.order_by("order", "pk")]
    page.goto(f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/")

    # Sections are collapsed; each has its buttons in its heading, reached and pressed by keyboard.
    second = page.locator("#parts-1")
    expect(second.locator(".vf-toggle").first).to_have_attribute("aria-expanded", "false")
    orders_before = {part.pk: part.order for part in parts}
    second.locator(":scope > h3 .vf-up").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#parts-group .djn-items > .djn-inline-form").first).to_have_id("parts-1")
    expect(page.locator("#parts-1 > h3 .vf-up")).to_be_focused()
    # A screen reader hears the section's name and where it went, not every button of the row.
    announced = page.locator("[aria-live=polite]").last.text_content()
    assert announced == f"Afsnit {parts[1].heading} er flyttet til nr. 1 af {len(parts)}.", announced

    section = page.locator(f"#parts-{with_links}")
    section.locator(":scope > h3 .vf-toggle").focus()
    page.keyboard.press("Enter")
    expect(section.locator(":scope > h3 .vf-toggle")).to_have_attribute("aria-expanded", "true")
    section.locator(f"#parts-{with_links}-calls_to_action-0 > h3 .vf-down").focus()
    page.keyboard.press("Space")
    page.screenshot(path=artifacts / "admin-theme-page-reordered.png")

    page.locator("input[name=_save]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/")

    new_order = list(theme_page.parts.order_by("order", "pk"))
    assert new_order[0].pk == parts[1].pk
    assert new_order[1].pk == parts[0].pk
    # Only the two sections that changed places have new numbers.
    changed = {part.pk for part in new_order if part.order != orders_before[part.pk]}
    assert changed == {parts[0].pk, parts[1].pk}
    moved = [cta.text for cta in parts[with_links].calls_to_action.order_by("order", "pk")]
    assert moved[:2] == [links[1], links[0]]
    # The public page follows.
    html = visible_text(Client().get("/leder/velfaerdsledelse/").content.decode())
    assert html.index(parts[1].heading) < html.index(parts[0].heading)
    assert html.index(links[1]) < html.index(links[0])
    assert page.errors == []


def test_typed_order_numbers_are_saved_as_typed(site, editor_page):
    from velfaerd.pages.models import ThemePage

    page = editor_page
    theme_page = ThemePage.objects.get()
    last = theme_page.parts.order_by("order", "pk").last()
    count = theme_page.parts.count()
    page.goto(f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/")
    row = page.locator(f"#parts-{count - 1}")
    row.locator(":scope > h3 .vf-toggle").click()
    row.locator(f"#id_parts-{count - 1}-order").fill("0")
    page.locator("#parts-0 > h3 .vf-toggle").click()
    page.locator("#id_parts-0-order").fill("5")
    page.click("input[name=_save]")
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/")
    assert theme_page.parts.order_by("order", "pk").first().pk == last.pk


def test_the_theme_page_form_fits_a_phone(site, browser, django_user_model, artifacts):
    from velfaerd.pages.models import ThemePage

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    log_in(page, site, django_user_model)
    page.goto(f"{site}/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/")
    for toggle in page.locator(".vf-toggle").all():
        if toggle.get_attribute("aria-expanded") == "false":
            toggle.click()
    page.screenshot(path=artifacts / "admin-theme-page-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The move and fold buttons are big enough for a finger.
    small = page.evaluate(
        """() => [...document.querySelectorAll('.vf-inline-button')].filter(el => el.offsetParent !== null)
              .map(el => el.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length"""
    )
    assert small == 0
    # Every control is inside the page's width.
    outside = page.evaluate(
        """() => [...document.querySelectorAll(`#content-main input:not([type=hidden]), #content-main select,
                  #content-main button, #content-main textarea, #content-main .ProseMirror`)]
              .filter(el => el.offsetParent !== null)
              .filter(el => { const r = el.getBoundingClientRect(); return r.right > 391 || r.left < -1 })
              .map(el => el.name || el.id || el.className)"""
    )
    assert outside == []
    settle(context)


def test_a_link_to_a_field_opens_its_section_and_focuses_it(site, editor_page):
    from velfaerd.pages.models import ThemePage

    page = editor_page
    page.goto(f"{site}/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/#id_parts-2-body")
    expect(page.locator("#parts-2 > h3 .vf-toggle")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#parts-1 > h3 .vf-toggle")).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#parts-2 .form-row.vf-target")).to_be_visible()
    expect(page.locator("#parts-2 .form-row.vf-target .ProseMirror[contenteditable=true]")).to_be_focused()
    assert page.errors == []


def test_one_control_chooses_what_a_link_points_at(site, editor_page, artifacts):
    from articles.models import Article
    from velfaerd.pages.models import ThemePage

    page = editor_page
    theme_page = ThemePage.objects.get()
    article = Article.objects.order_by("title").first()
    link = theme_page.parts.order_by("order", "pk").first().calls_to_action.order_by("order", "pk").first()
    page.goto(f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/")
    page.locator("#parts-0 > h3 .vf-toggle").click()
    row = page.locator("#parts-0-calls_to_action-0")
    row.locator(":scope > h3 .vf-toggle").click()
    # One search box, drawn as what the link points at: no kind to choose first, no box per kind.
    assert row.locator("select[name$='-publication'], select[name$='-article'], [name$='target_kind']").count() == 0
    box = row.locator("select[name$='-target']")
    expect(row.locator(".select2-selection__rendered")).to_have_text(f"Publikation: {link.publication.title}")
    # By keyboard: focus it, open it with Enter, type part of any kind's title, choose with Enter.
    row.locator(".select2-selection").focus()
    page.keyboard.press("Enter")
    page.keyboard.type(article.title[:6])
    expect(page.locator(".select2-results__option", has_text=f"Artikel: {article.title}").first).to_be_visible()
    page.keyboard.press("Enter")
    expect(box).to_have_value(f"articles.article:{article.pk}")
    expect(row.locator(".select2-selection__rendered")).to_have_text(f"Artikel: {article.title}")
    page.screenshot(path=artifacts / "admin-link-target.png")
    page.click("input[name=_save]")
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/")
    link.refresh_from_db()
    assert (link.article_id, link.publication_id) == (article.pk, None)
    assert page.errors == []


def test_what_an_editor_typed_survives_a_closed_tab_and_leaving_asks_first(site, editor_page):
    from velfaerd.pages.models import ThemePage

    page = editor_page
    theme_page = ThemePage.objects.get()
    url = f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/"
    page.goto(url)
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    page.locator("#id_title").fill("Velfærdsledelse i dag")
    intro = page.locator(".ProseMirror[contenteditable=true]").first
    caret_to_end(page, intro)
    page.keyboard.type(" Kort.")

    # Leaving asks; staying keeps the page.
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.close(run_before_unload=True)
    expect(page.locator("#id_title")).to_have_value("Velfærdsledelse i dag")
    assert asked == ["beforeunload"]

    # The tab is closed without a word (a crash): the next time the form opens, the changes are offered back.
    page.remove_listener("dialog", stay)
    context = page.context
    page.close()  # no run_before_unload: closed without asking
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    offer = page.locator(".vf-autosave")
    expect(offer).to_contain_text("Du har ændringer fra")
    expect(page.locator("#id_title")).to_have_value("Velfærdsledelse")
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    offer.get_by_role("button", name="Hent ændringerne tilbage").click()
    expect(page.locator("#id_title")).to_have_value("Velfærdsledelse i dag")
    expect(page.locator(".ProseMirror[contenteditable=true]").first).to_contain_text("Kort.")
    page.click("input[name=_save]")
    page.wait_for_url(f"{site}/admin/velfaerd/themepage/")
    theme_page.refresh_from_db()
    assert theme_page.title == "Velfærdsledelse i dag"
    assert "Kort." in theme_page.intro
    # Saved: nothing is offered any more.
    page.goto(url)
    expect(page.locator("#id_title")).to_have_value("Velfærdsledelse i dag")
    page.wait_for_timeout(300)
    assert page.locator(".vf-autosave").count() == 0
    assert errors == []


def test_an_editor_sees_who_else_has_the_page_open(site, browser, editor_page, django_user_model):
    from velfaerd.editorial.models import Presence
    from velfaerd.pages.models import ThemePage

    rikke, other = second_editor(browser, site, django_user_model, first_name="Rikke")
    url = f"{site}/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/"
    editor_page.goto(url)
    other.goto(url)
    expect(other.locator(".vf-presence")).to_have_text("redaktoer har også denne side åben.")
    # The first editor's next ping (here: the tab shown again) names Rikke.
    editor_page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(editor_page.locator(".vf-presence")).to_have_text("Rikke har også denne side åben.")
    other.goto("about:blank")  # a goodbye
    for _attempt in range(30):
        if not Presence.objects.filter(user=rikke).exists():
            break
        editor_page.wait_for_timeout(100)
    assert not Presence.objects.filter(user=rikke).exists()
    editor_page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(editor_page.locator(".vf-presence")).to_have_text("")
    settle(other.context)


def test_of_two_editors_on_one_page_the_later_save_is_refused_with_its_input_kept(
    site, browser, editor_page, django_user_model, artifacts
):
    from velfaerd.pages.models import ThemePage

    _rikke, b = second_editor(browser, site, django_user_model)
    theme_page = ThemePage.objects.get()
    url = f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/"
    a = editor_page
    a.goto(url)
    b.goto(url)

    a.locator("#id_title").fill("Velfærdsledelse i dag")
    a.click("input[name=_save]")
    a.wait_for_url(f"{site}/admin/velfaerd/themepage/")

    b.locator("#parts-0 > h3 .vf-toggle").click()
    b.locator("#id_parts-0-heading").fill("En ny overskrift")
    b.click("input[name=_save]")
    expect(b.locator(".errornote, .errorlist").first).to_be_visible()
    expect(b.locator("#content-main")).to_contain_text("gemte dette, efter du åbnede det")
    expect(b.locator("#content-main")).to_contain_text("Velfærdsledelse i dag")  # what A changed
    expect(b.locator("#id_parts-0-heading")).to_have_value("En ny overskrift")  # B's input kept
    theme_page.refresh_from_db()
    assert theme_page.title == "Velfærdsledelse i dag"
    assert theme_page.parts.order_by("order", "pk").first().heading != "En ny overskrift"

    # B has seen A's change, word by word; B's own title field still shows the old title, so B takes A's text with
    # one button (by keyboard) and saves again.
    conflict = b.locator(".vf-conflict")
    expect(conflict.locator("ins").first).to_have_text("i dag")
    conflict.get_by_role("button", name="Brug deres tekst").first.focus()
    b.keyboard.press("Enter")
    expect(b.locator("#id_title")).to_have_value("Velfærdsledelse i dag")
    expect(conflict.locator(".vf-conflict-status").first).to_have_text("Deres tekst er sat ind i feltet.")
    conflict.screenshot(path=artifacts / "admin-conflict.png")
    b.click("input[name=_save]")
    b.wait_for_url(f"{site}/admin/velfaerd/themepage/")
    theme_page.refresh_from_db()
    assert theme_page.title == "Velfærdsledelse i dag"
    assert theme_page.parts.order_by("order", "pk").first().heading == "En ny overskrift"
    settle(b.context)
