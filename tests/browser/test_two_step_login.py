"""Two-step login in Chromium, as an editor meets it: enrolment forced on the first login, then a passkey (through
Chromium's virtual authenticator, DevTools' WebAuthn domain), an authenticator app's code computed here, or a
recovery code."""

import time

import pytest
from playwright.sync_api import expect

from tests.accounts.helpers import PASSWORD, totp

pytestmark = pytest.mark.slow


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def editor_account(site, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("redaktoer", "redaktoer@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktør"))
    return user


def virtual_authenticator(page):
    """A platform authenticator with user verification that says yes by itself, as Touch ID or Windows Hello."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    added = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return devtools, added["authenticatorId"]


def password_step(page, site):
    page.goto(site + "/admin/")
    page.fill("#id_login", "redaktoer")
    page.fill("#id_password", PASSWORD)
    page.click("#content-main button[type=submit]")


def do_not_trust(page):
    page.wait_for_url("**/konto/2fa/trust/")
    page.get_by_role("button", name="Husk ikke").click()


def shot(page, artifacts, name):
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=artifacts / f"two-step-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_enrol_and_log_in_with_a_passkey(required, editor_account, site, page, artifacts):
    devtools, authenticator = virtual_authenticator(page)
    password_step(page, site)
    page.wait_for_url("**/konto/2fa/?next=%2Fadmin%2F")
    expect(page.locator(".enrolment-notice h2")).to_have_text("Opsæt totrinslogin for at fortsætte")
    shot(page, artifacts, "enrolment")
    page.goto(site + "/konto/2fa/webauthn/add/")
    shot(page, artifacts, "add-passkey")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    credentials = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    page.goto(site + "/admin/")
    expect(page.locator("#site-name")).to_be_visible()
    assert page.url == site + "/admin/"

    page.get_by_role("button", name="Log ud").click()
    password_step(page, site)
    page.wait_for_url("**/konto/2fa/authenticate/")
    shot(page, artifacts, "second-step")
    page.click("#mfa_webauthn_authenticate")
    do_not_trust(page)
    page.wait_for_url(site + "/admin/")
    assert not page.errors


def enrol_app(page, site):
    """Enrols an authenticator app from the enrolment page; returns its secret, read off the page as a person
    would type it into the app."""
    page.goto(site + "/konto/2fa/totp/activate/")
    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", totp(secret))
    page.click("form[action$='/totp/activate/'] button[type=submit]")
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    return secret


def test_enrol_and_log_in_with_an_authenticator_app(required, editor_account, site, page, artifacts):
    password_step(page, site)
    page.wait_for_url("**/konto/2fa/?next=%2Fadmin%2F")
    page.goto(site + "/konto/2fa/totp/activate/")
    shot(page, artifacts, "add-app")
    secret = enrol_app(page, site)
    page.goto(site + "/admin/")
    assert page.url == site + "/admin/"

    page.get_by_role("button", name="Log ud").click()
    password_step(page, site)
    page.wait_for_url("**/konto/2fa/authenticate/")
    page.fill("#id_code", totp(secret, time.time() + 30))  # the next period's: the one enrolled with is used up
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    do_not_trust(page)
    page.wait_for_url(site + "/admin/")
    assert not page.errors


def test_log_in_with_a_recovery_code_once(required, editor_account, site, page, browser):
    from allauth.mfa.models import Authenticator

    password_step(page, site)
    page.wait_for_url("**/konto/2fa/?next=%2Fadmin%2F")
    enrol_app(page, site)
    page.goto(site + "/konto/2fa/recovery-codes/")
    codes = Authenticator.objects.get(user=editor_account, type="recovery_codes").wrap().get_unused_codes()
    assert codes[0] in page.content()  # shown to the editor to keep
    page.get_by_role("button", name="Log ud").click()

    password_step(page, site)
    page.wait_for_url("**/konto/2fa/authenticate/")
    page.fill("#id_code", codes[0])
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    do_not_trust(page)
    page.wait_for_url(site + "/admin/")
    page.get_by_role("button", name="Log ud").click()

    password_step(page, site)
    page.wait_for_url("**/konto/2fa/authenticate/")
    page.fill("#id_code", codes[0])
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    expect(page.locator(".errorlist")).to_be_visible()
    assert "/konto/2fa/authenticate/" in page.url
