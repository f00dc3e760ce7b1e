"""Two-step login for everyone who can reach the admin (DJANGO_REQUIRE_2FA): enrolment first, then a password and
an authenticator app's code or a recovery code; failed second steps count towards the lockout."""

import logging
import re
import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.test import Client

from .helpers import PASSWORD, answer_second_step, enrol_totp, log_in, totp

pytestmark = pytest.mark.django_db(transaction=True)  # allauth signals after the commit


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def redaktoer(editor):
    editor.set_password(PASSWORD)
    editor.email = "redaktoer@example.org"
    editor.save()
    return editor


def test_a_user_with_only_a_password_reaches_no_admin_page_but_the_enrolment(required, redaktoer, client):
    assert log_in(client, redaktoer.username).status_code == 302
    for address in ("/admin/", "/admin/publications/publication/", "/admin/password_change/", "/media/x.pdf"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/konto/2fa/?next="), address
    page = client.get("/konto/2fa/")
    assert page.status_code == 200
    assert "Opsæt totrinslogin for at fortsætte" in page.content.decode()


def test_enrolling_an_authenticator_app_opens_the_admin_and_is_logged(required, redaktoer, client, caplog):
    log_in(client, redaktoer.username)
    with caplog.at_level(logging.INFO, logger="velfaerd.accounts"):
        enrol_totp(client)
    assert client.get("/admin/").status_code == 200
    assert f"Second factor added: totp for user {redaktoer.pk}." in caplog.messages
    # Recovery codes are made with the first factor.
    assert Authenticator.objects.filter(user=redaktoer, type=Authenticator.Type.RECOVERY_CODES).exists()


def second_step(client, username):
    response = log_in(client, username)
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/authenticate/"
    return response


def test_the_next_login_asks_for_the_app_s_code(required, redaktoer, client):
    log_in(client, redaktoer.username)
    secret = enrol_totp(client)
    client.post("/konto/logout/")

    other = Client()
    second_step(other, redaktoer.username)
    assert other.get("/admin/").status_code == 302  # not logged in before the second step
    wrong = other.post("/konto/2fa/authenticate/", {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Forkert kode" in wrong.content.decode() or "errorlist" in wrong.content.decode()
    response = answer_second_step(other, totp(secret, time.time() + 30))
    assert response.status_code == 302
    assert other.get("/admin/").status_code == 200


def recovery_codes(user):
    return Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()


def test_a_recovery_code_works_once(required, redaktoer, client, caplog):
    log_in(client, redaktoer.username)
    enrol_totp(client)
    client.post("/konto/logout/")
    code = recovery_codes(redaktoer)[0]

    first = Client()
    second_step(first, redaktoer.username)
    with caplog.at_level(logging.WARNING, logger="velfaerd.accounts"):
        assert answer_second_step(first, code).status_code == 302
    assert first.get("/admin/").status_code == 200
    assert f"Recovery code used by user {redaktoer.pk}." in caplog.messages

    again = Client()
    second_step(again, redaktoer.username)
    assert answer_second_step(again, code).status_code == 200
    assert again.get("/admin/").status_code == 302
    assert code not in recovery_codes(redaktoer)


def test_failed_second_steps_lock_the_user_out_as_failed_passwords_do(required, redaktoer, client, settings):
    log_in(client, redaktoer.username)
    secret = enrol_totp(client)
    client.post("/konto/logout/")
    attacker = Client()
    second_step(attacker, redaktoer.username)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attacker.post("/konto/2fa/authenticate/", {"code": "999999"})
    refused = answer_second_step(attacker, totp(secret, time.time() + 30))
    assert refused.status_code in (200, 429)
    assert attacker.get("/admin/").status_code == 302
    assert log_in(Client(), redaktoer.username).status_code == 429  # the password step is locked too


def test_a_remembered_browser_is_only_one_the_editor_chose_and_for_the_set_days(required, redaktoer, client, settings):
    log_in(client, redaktoer.username)
    secret = enrol_totp(client)
    client.post("/konto/logout/")

    browser = Client()
    second_step(browser, redaktoer.username)
    response = browser.post("/konto/2fa/authenticate/", {"code": totp(secret, time.time() + 30)})
    assert response["Location"] == "/konto/2fa/trust/"
    page = browser.get("/konto/2fa/trust/").content.decode()
    assert "Husk i 4\xa0uger, 2\xa0dage" in page  # only if the editor chooses it
    trusted = browser.post("/konto/2fa/trust/", {"action": "trust"})
    assert trusted.status_code == 302
    from allauth.mfa import app_settings

    cookie = browser.cookies[app_settings.TRUST_COOKIE_NAME]
    assert int(cookie["max-age"]) == 30 * 24 * 60 * 60
    browser.post("/konto/logout/")
    assert log_in(browser, redaktoer.username)["Location"] != "/konto/2fa/authenticate/"
    assert browser.get("/admin/").status_code == 200


def test_a_superuser_resets_another_user_s_second_step_logged_and_without_seeing_it(
    required, redaktoer, client, admin_user, caplog
):
    log_in(client, redaktoer.username)
    enrol_totp(client)
    secret = Authenticator.objects.get(user=redaktoer, type=Authenticator.Type.TOTP).data["secret"]

    admin = Client()
    admin.force_login(admin_user)
    session = admin.session
    session["velfaerd_second_step"] = True
    session.save()
    change = admin.get(f"/admin/auth/user/{redaktoer.pk}/change/").content.decode()
    assert secret not in change
    assert admin.get("/admin/mfa/authenticator/").status_code == 404
    assert admin.get("/admin/socialaccount/socialapp/").status_code == 404  # secrets, set by the environment
    with caplog.at_level(logging.INFO, logger="velfaerd.accounts"):
        response = admin.post(
            "/admin/auth/user/", {"action": "reset_second_step", "_selected_action": [redaktoer.pk]}, follow=True
        )
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=redaktoer).exists()
    assert f"Second step reset for user {redaktoer.pk} by user {admin_user.pk}." in caplog.messages
    # The editor is logged out everywhere; the next login leads to enrolment again.
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(redaktoer.pk)]
    assert client.get("/admin/").status_code == 302
    log_in(client, redaktoer.username)
    assert client.get("/admin/")["Location"].startswith("/konto/2fa/")


def test_without_the_requirement_a_password_is_enough(redaktoer, client):
    log_in(client, redaktoer.username)
    assert client.get("/admin/").status_code == 200


def test_the_last_factor_cannot_be_removed_while_two_steps_are_required(required, redaktoer, client):
    log_in(client, redaktoer.username)
    enrol_totp(client)
    client.post("/konto/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=redaktoer, type=Authenticator.Type.TOTP).exists()


def test_a_password_reset_by_mail_in_danish_leads_to_the_second_step(required, redaktoer, client, mailoutbox):
    log_in(client, redaktoer.username)
    secret = enrol_totp(client)
    client.post("/konto/logout/")

    visitor = Client()
    assert visitor.post("/konto/password/reset/", {"email": redaktoer.email}).status_code == 302
    [mail] = mailoutbox
    assert mail.to == [redaktoer.email]
    assert mail.subject == "Velfærd: Nulstil din adgangskode"
    assert "Dit brugernavn er redaktoer." in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert "Vælg en ny adgangskode" in html
    link = re.search(r"http://testserver(/konto/password/reset/key/\S+/)", mail.body).group(1)
    form = visitor.get(link, follow=True)
    assert form.status_code == 200
    new = "et helt nyt kodeord 2026"
    done = visitor.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link, {"password1": new, "password2": new}
    )
    assert done.status_code == 302
    assert visitor.get("/admin/").status_code == 302  # a reset logs nobody in
    assert log_in(visitor, redaktoer.username, new)["Location"] == "/konto/2fa/authenticate/"
    answer_second_step(visitor, totp(secret, time.time() + 30))
    assert visitor.get("/admin/").status_code == 200
