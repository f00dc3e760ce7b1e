"""Nothing an editor chose or typed is lost: what was typed and not saved is kept on the server too (a crash loses
seconds), never offered after a save that went through, never to another editor on the same browser; files
chosen before a failed save are kept for the next."""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, settle

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(site, page, django_user_model):
    log_in(page, site, django_user_model)
    return page


def theme_page_url(site):
    from velfaerd.pages.models import ThemePage

    return f"{site}/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/"


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_save_pressed_right_after_typing_offers_nothing_afterwards(site, editor_page):
    page = editor_page
    url = theme_page_url(site)
    page.goto(url)
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    page.locator("#id_title").fill("Velfærdsledelse nu")
    page.locator("#id_publish_at_1").fill("09:00")  # shown as 09:00:00 after the save
    page.locator("#id_title").press("End")
    page.keyboard.type("!")

    def slow_save(route):
        if route.request.method == "POST":
            time.sleep(1.2)  # a save that takes a moment, as on a busy site: the page is still open meanwhile
        route.continue_()

    page.route(url, slow_save)
    page.click("input[name=_continue]")  # within the half second the keep waits for
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.wait_for_timeout(800)
    assert page.locator(".vf-autosave").count() == 0  # the page that says it was saved offers nothing
    page.goto(url)
    expect(page.locator("#id_title")).to_have_value("Velfærdsledelse nu!")
    page.wait_for_timeout(800)
    assert page.locator(".vf-autosave").count() == 0


def test_after_a_crash_the_server_offers_what_was_typed_and_opens_its_part(site, browser, editor_page):
    from velfaerd.editorial.models import Autosave

    page = editor_page
    url = theme_page_url(site)
    page.goto(url)
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    row = page.locator(".djn-inline-form.vf-collapsed").first
    row.locator(".vf-toggle").first.click()
    heading = page.locator("#id_parts-0-heading")
    heading.fill("MASKINRUMMET i dag")
    assert wait_for(lambda: Autosave.objects.filter(path__endswith="/change/").exists())
    # The browser dies: its storage goes with it. The same editor in a new browser is offered the text.
    state = page.context.storage_state()
    page.context.close()
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="da-DK", storage_state={"cookies": state["cookies"]}
    )
    page = context.new_page()
    page.goto(url)
    offer = page.locator(".vf-autosave")
    expect(offer).to_contain_text("Du har ændringer fra")
    expect(page.locator("#id_parts-0-heading")).not_to_be_visible()  # folded, as sections are
    offer.get_by_role("button", name="Hent ændringerne tilbage").click()
    expect(page.locator("#id_parts-0-heading")).to_be_visible()
    expect(page.locator("#id_parts-0-heading")).to_have_value("MASKINRUMMET i dag")
    settle(context)  # its last requests reach the server before the next test empties the database


def test_what_one_editor_typed_is_never_offered_to_the_next_on_the_same_browser(
    site, browser, editor_page, django_user_model
):
    from django.contrib.auth.models import Group

    page = editor_page
    url = theme_page_url(site)
    page.goto(url)
    expect(page.locator(".prose-menubar [title='Fed']").first).to_be_attached()
    page.locator("#id_title").fill("Første redaktørs tekst")
    page.wait_for_timeout(800)
    assert any(key.startswith("velfaerd:kladde:") for key in page.evaluate("Object.keys(localStorage)"))
    page.once("dialog", lambda dialog: dialog.accept())  # leaving the form asks first
    page.locator("#logout-form button").click()
    page.wait_for_url(f"{site}/admin/logout/")
    assert not [key for key in page.evaluate("Object.keys(localStorage)") if key.startswith("velfaerd:kladde:")]
    # The next editor on this browser.
    user = django_user_model.objects.create_user("anden", password="et-andet-langt-kodeord-43", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    page.goto(site + "/konto/login/")
    page.fill("#id_login", "anden")
    page.fill("#id_password", "et-andet-langt-kodeord-43")
    page.click("#content-main button[type=submit]")
    page.wait_for_url(site + "/admin/")
    page.goto(url)
    expect(page.locator("#id_title")).to_have_value("Velfærdsledelse")
    page.wait_for_timeout(800)
    assert page.locator(".vf-autosave").count() == 0


def test_files_chosen_before_a_failed_save_are_kept_and_saved(site, editor_page, tmp_path):
    from publications.models import Publication
    from tests import factories

    cover = tmp_path / "forside.png"
    cover.write_bytes(factories.image_file().read())
    document = tmp_path / "rapport.pdf"
    document.write_bytes(factories.pdf_bytes())
    page = editor_page
    page.goto(f"{site}/admin/publications/publication/add/")
    page.locator("#id_title").fill("Ny publikation")
    page.locator("#id_cover").set_input_files(str(cover))
    page.locator("#id_document").set_input_files(str(document))
    page.click("input[name=_save]")
    expect(page.locator("#id_cover_alt_error")).to_be_visible()
    expect(page.locator("#id_cover_held")).to_contain_text("Beholdt: forside.png")
    expect(page.locator("#id_document_held")).to_contain_text("Beholdt: rapport.pdf")
    page.locator("#id_cover_alt").fill("Forsiden")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    publication = Publication.objects.get(title="Ny publikation")
    assert publication.cover
    assert publication.document
