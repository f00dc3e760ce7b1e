""" "Bed om gennemlæsning" end to end in Chromium: an editor asks a colleague to read the seed page's draft, the
colleague opens the link in the mail, reads the preview and answers, and the answer is on the draft."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import log_in, second_editor, settle

pytestmark = pytest.mark.slow
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def shot(page, artifacts, name):
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=artifacts / f"review-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def no_violations(page):
    violations = Axe().run(page, options=RULES).response["violations"]
    assert not violations, [f"{v['id']}: {[n['target'] for n in v['nodes'][:2]]}" for v in violations]


def test_ask_a_colleague_to_read_a_draft_and_see_the_answer(site, page, browser, django_user_model, artifacts):
    from velfaerd.pages.models import ThemePage

    log_in(page, site, django_user_model)
    editor = django_user_model.objects.get(username="redaktoer")
    editor.first_name = "Rikke"
    editor.save()
    colleague, colleague_page = second_editor(browser, site, django_user_model, username="karl", first_name="Karl")
    colleague.email = "karl@example.org"
    colleague.save()
    theme_page = ThemePage.objects.get(slug="velfaerdsledelse")
    change = f"{site}/admin/velfaerd/themepage/{theme_page.pk}/change/"

    # A draft of the live page, then the request.
    page.goto(change)
    page.fill("#id_title", "Velfærdsledelse i praksis")
    page.get_by_role("button", name="Gem som kladde").click()
    page.wait_for_url(re.compile(r".*/change/.*"))
    page.locator("#gennemlaesning summary").click()
    page.get_by_label("Karl").check()
    page.get_by_label("Besked (kan udelades)").fill("Kan du læse den inden fredag?")
    page.locator("#gennemlaesning summary").scroll_into_view_if_needed()
    shot(page, artifacts, "ask")
    page.get_by_role("button", name="Bed om gennemlæsning").click()
    expect(page.locator(".messagelist")).to_contain_text("Bad Karl om gennemlæsning")
    expect(page.locator("#gennemlaesning")).to_contain_text("Karl: har ikke svaret endnu")

    # The colleague's mail: the preview, then the answer page.
    [message] = mail.outbox
    assert message.to == ["karl@example.org"]
    preview = re.search(r"(http://\S+/forhaandsvisning/\S+)", message.body).group(1)
    answer = re.search(r"(http://\S+/redaktion/gennemlaesning/\S+/)", message.body).group(1)
    colleague_page.goto(preview)
    expect(colleague_page.locator("h1")).to_contain_text("Velfærdsledelse i praksis")
    colleague_page.goto(answer)
    expect(colleague_page.locator("h1")).to_have_text("Læs “Velfærdsledelse”")  # the page, by its published name
    no_violations(colleague_page)
    shot(colleague_page, artifacts, "answer")
    colleague_page.get_by_label("Kommentar").fill("Godt. Overvej en kortere indledning.")
    colleague_page.get_by_role("button", name="Godkendt").click()
    expect(colleague_page.locator(".messagelist")).to_contain_text("Tak: dit svar er sendt.")

    # The answer, on the draft, and in the asker's mail.
    page.goto(change)
    expect(page.locator("#gennemlaesning")).to_contain_text("Karl: godkendt")
    expect(page.locator("#gennemlaesning")).to_contain_text("Overvej en kortere indledning.")
    page.locator("#gennemlaesning").scroll_into_view_if_needed()
    shot(page, artifacts, "answered")
    assert mail.outbox[1].subject == "Velfærd: Karl har godkendt “Velfærdsledelse”"
    settle(colleague_page.context)


def test_the_mail_choices_page_is_accessible(site, page, django_user_model, artifacts):
    log_in(page, site, django_user_model)
    page.goto(site + "/redaktion/mail/")
    no_violations(page)
    page.get_by_label(
        "Hver uge: mit indhold, der har brug for mig (gennemgangsdatoer, brudte links, linktekster, alternativ tekst)"
    ).uncheck()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".messagelist")).to_contain_text("Dit valg af mails er gemt.")
    shot(page, artifacts, "mail-choices")
