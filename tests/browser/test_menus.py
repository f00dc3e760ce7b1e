"""A menu arranged by keyboard alone: a link moved down with "Flyt ned", saved, and every page shows it at once."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.django_db(transaction=True)
def test_by_keyboard_alone_an_editor_moves_a_menu_link_and_the_site_follows(site, page, django_user_model, artifacts):
    from django.test import Client

    from tests.pages.test_menus import nav
    from velfaerd.pages.models import Menu

    log_in(page, site, django_user_model)
    menu = Menu.objects.get(key=Menu.MAIN)
    before = list(menu.items.order_by("order", "pk").values_list("text", flat=True))
    page.goto(f"{site}/admin/velfaerd/menu/{menu.pk}/change/")
    first = page.locator("#items-0")
    first.locator(":scope > h3 .vf-down").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#items-group .djn-items > .djn-inline-form").first).to_have_id("items-1")
    announced = page.locator("[aria-live=polite]").last.text_content()
    assert f"er flyttet til nr. 2 af {len(before)}." in announced, announced
    page.screenshot(path=artifacts / "admin-menu-reordered.png", full_page=True)
    page.locator("input[name=_save]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/admin/velfaerd/menu/")
    after = [before[1], before[0], *before[2:]]
    assert list(menu.items.order_by("order", "pk").values_list("text", flat=True)) == after
    for path in ("/", "/leder/velfaerdsledelse/", "/artikler/"):
        assert nav(Client().get(path).content.decode(), "Hovedmenu") == after
    assert page.errors == []
