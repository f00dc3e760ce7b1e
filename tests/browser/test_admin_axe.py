"""Every admin screen editors use passes axe-core (WCAG 2.1 AA): lists, add and change forms of every kind,
history and comparison, content health, the redirect import, the "Medarbejder" screen, and the account pages
(login, password reset, two-step login's enrolment)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def screens():
    from django.contrib import admin
    from reversion.models import Version

    from velfaerd.pages.models import ThemePage

    paths = [
        "/admin/",
        "/admin/indholdstjek/",
        "/admin/laesning/",
        "/admin/redirects/redirect/importer/",
        "/admin/password_change/",
    ]
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        paths.append(base)
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(f"{base}{first.pk}/change/")
    page = ThemePage.objects.get()
    versions = list(Version.objects.get_for_object(page))
    paths += [
        f"/admin/velfaerd/themepage/{page.pk}/history/",
        f"/admin/velfaerd/themepage/{page.pk}/history/compare/?from={versions[-1].pk}&to={versions[0].pk}",
        "/admin/publications/publication/add/",
        "/admin/velfaerd/themepage/add/",
        "/admin/articles/article/add/",
        # The account pages: two-step login's enrolment, an app, a passkey, recovery codes, the password.
        "/konto/2fa/",
        "/konto/2fa/totp/activate/",
        "/konto/2fa/webauthn/add/",
        "/konto/password/change/",
    ]
    return paths


#: What a visitor who is not logged in may open: the login, and the password reset.
LOGGED_OUT = ["/konto/login/", "/konto/password/reset/", "/konto/password/reset/done/"]


def test_every_admin_screen_has_no_axe_violations(site, page, django_user_model):
    axe = Axe()
    found = {}
    for path in LOGGED_OUT:
        page.goto(site + path)
        violations = axe.run(page, options=RULES).response["violations"]
        if violations:
            found[path] = [f"{v['id']}: {[n['target'] for n in v['nodes'][:2]]}" for v in violations]
    log_in(page, site, django_user_model)
    for path in screens():
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        # Folded rows open, nested ones too: their editors are checked as well.
        page.evaluate("() => document.querySelectorAll('.vf-toggle[aria-expanded=false]').forEach(b => b.click())")
        violations = axe.run(page, options=RULES).response["violations"]
        if violations:
            found[path] = [f"{v['id']}: {[n['target'] for n in v['nodes'][:2]]}" for v in violations]
    assert not found, "\n".join(f"{path}: {items}" for path, items in found.items())
