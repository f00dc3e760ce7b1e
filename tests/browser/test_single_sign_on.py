"""Single sign-on against a real OpenID Connect provider running here (npm's oidc-provider, started by the test):
a user the site has is matched by the address the provider has verified; an unknown address is refused in Danish
and makes no account; the provider's own second step counts when its ID token says so."""

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PROVIDER = ROOT / "tests" / "accounts" / "oidc_provider.mjs"
ACCOUNTS = {
    "anna": {"email": "anna@organisation.example", "email_verified": True, "name": "Anna"},
    "ukendt": {"email": "ukendt@organisation.example", "email_verified": True},
    "uverificeret": {"email": "redaktoer@example.org", "email_verified": False},
}


def free_port():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


@pytest.fixture
def provider(site, settings, request):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        reason = "Node.js and npm's oidc-provider are needed (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    port = free_port()
    callback = f"{site}/konto/oidc/sso/login/callback/"
    amr = getattr(request, "param", "pwd")
    process = subprocess.Popen(
        [node, str(PROVIDER), str(port), "velfaerd", "hemmelig-klient", callback],
        env={**os.environ, "OIDC_ACCOUNTS": json.dumps(ACCOUNTS), "OIDC_AMR": amr},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "ready"
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "sso",
                        "name": "organisationens login",
                        "client_id": "velfaerd",
                        "secret": "hemmelig-klient",
                        "settings": {"server_url": f"http://127.0.0.1:{port}"},
                    }
                ]
            }
        }
        # As DJANGO_OIDC_ISSUER does in the settings: the login form may lead on to the provider.
        settings.SECURE_CSP = {
            **settings.SECURE_CSP,
            "form-action": [*settings.SECURE_CSP["form-action"], f"http://127.0.0.1:{port}"],
        }
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def anna(site, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "anna", "Anna@organisation.example", "et-langt-kodeord-45", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktør"))
    return user


def sign_on(page, site, login):
    page.goto(site + "/admin/")
    page.get_by_role("button", name="Log ind med organisationens login").click()
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "hvad-som-helst")
    page.click("button[type=submit]")


def test_a_known_user_signs_on_with_the_organisation_s_login(provider, anna, site, page, artifacts):
    page.goto(site + "/konto/login/")
    page.screenshot(path=artifacts / "sso-login-1280.png", full_page=True)
    sign_on(page, site, "anna")
    page.wait_for_url(site + "/admin/")
    expect(page.locator("#user-tools")).to_contain_text("ANNA", ignore_case=True)
    anna.refresh_from_db()
    assert anna.has_usable_password()  # her password stays: the address is hers


def test_an_unknown_address_is_refused_in_danish_and_makes_no_account(provider, site, page, django_user_model):
    before = django_user_model.objects.count()
    sign_on(page, site, "ukendt")
    expect(page.locator("h1")).to_have_text("Ingen bruger med den adresse")
    assert django_user_model.objects.count() == before


def test_an_address_the_provider_has_not_verified_matches_nobody(provider, site, page, editor):
    editor.email = "redaktoer@example.org"
    editor.save()
    sign_on(page, site, "uverificeret")  # the address of an existing editor, but not verified by the provider
    expect(page.locator("h1")).to_have_text("Ingen bruger med den adresse")


@pytest.mark.parametrize("provider", ["pwd,mfa"], indirect=True)
def test_the_provider_s_own_second_step_counts_when_its_token_says_so(provider, anna, site, page, settings):
    settings.REQUIRE_2FA = True
    sign_on(page, site, "anna")
    page.wait_for_url(site + "/admin/")


def test_without_the_provider_s_second_step_the_editor_enrols_here(provider, anna, site, page, settings):
    settings.REQUIRE_2FA = True
    sign_on(page, site, "anna")
    page.wait_for_url("**/konto/2fa/?next=%2Fadmin%2F")
