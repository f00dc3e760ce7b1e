"""Response headers, login throttling, health, and who may see what: a matrix over roles and URLs."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from reversion.models import Version

from tests import factories
from tests.admin import change_url, save
from tests.html import visible_text

pytestmark = pytest.mark.django_db


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
@pytest.mark.parametrize("who", ["visitor", "editor"])
def test_security_headers_on_the_theme_page_and_the_admin(client, admin_client, seeded, who):
    from velfaerd.pages.models import ThemePage

    browser = client if who == "visitor" else admin_client
    for url in ["/leder/velfaerdsledelse/", f"/admin/velfaerd/themepage/{ThemePage.objects.get().pk}/change/"]:
        response = browser.get(url, secure=True)
        assert response.status_code in (200, 302), url
        if who == "visitor" and url.startswith("/admin/"):
            response = browser.get("/konto/login/", secure=True)
        policy = response["Content-Security-Policy"]
        scripts = policy.split("script-src", 1)[1].split(";", 1)[0].split()
        if url.startswith("/admin/"):
            assert len(scripts) == 2
            assert scripts[0] == "'self'"
            assert scripts[1].startswith("'nonce-")
        else:
            # The public pages have no inline script: only the site's own script files may run.
            assert scripts == ["'self'"]
        assert "frame-ancestors 'none'" in policy
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_each_response_gets_its_own_nonce(client, seeded):
    first = client.get("/konto/login/")
    second = client.get("/konto/login/")
    nonces = [re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1] for response in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'nonce="{nonces[0]}"' in first.content.decode()  # the page's own scripts carry it


def test_a_view_may_set_its_own_policy(rf, settings):
    from django.http import HttpResponse
    from django.views.decorators.csp import csp_override

    from velfaerd.middleware import SecurityHeadersMiddleware

    @csp_override({"default-src": ["'none'"]})
    def view(request):
        return HttpResponse("x")

    response = SecurityHeadersMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
    response = SecurityHeadersMiddleware(lambda request: HttpResponse("x"))(rf.get("/"))
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    # Another policy (a settings change) is built anew, not taken from what was built before.
    settings.SECURE_CSP = {"default-src": ["'self'"], "img-src": ["data:"]}
    response = SecurityHeadersMiddleware(lambda request: HttpResponse("x"))(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'self'; img-src data:"


def test_argon2_is_the_password_hasher_outside_tests():
    from velfaerd.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def login(client, password, address="10.0.0.1"):
    return client.post(
        "/konto/login/?next=/admin/",
        {"login": "redaktoer", "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def account(django_user_model):
    return django_user_model.objects.create_user("redaktoer", password="det-rigtige-kodeord", is_staff=True)


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_repeated_failures_lock_out_with_429_and_a_danish_message(client, account):
    for _ in range(4):
        assert login(client, "forkert").status_code == 200
    locked = login(client, "forkert")
    assert locked.status_code == 429
    text = visible_text(locked.content.decode())
    assert "For mange mislykkede login" in text
    assert "Django" not in text  # the page is the site's, not "Django administration"
    assert "Velfærd: redigering" in text
    # Now even the right password is refused from that address...
    assert login(client, "det-rigtige-kodeord").status_code == 429
    # ...but the same user from another address (behind the same proxy) is not locked out.
    assert login(client, "det-rigtige-kodeord", address="10.0.0.2").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_successful_login_resets_the_count(client, account):
    for _ in range(4):
        login(client, "forkert")
    assert login(client, "det-rigtige-kodeord").status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "forkert").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_client_cannot_escape_the_lockout_by_forging_x_forwarded_for(client, account):
    for n in range(5):
        # The client adds its own, changing, entry; the proxy appends the real address last.
        login(client, "forkert", address=f"192.0.2.{n}, 10.0.0.9")
    assert login(client, "det-rigtige-kodeord", address="198.51.100.7, 10.0.0.9").status_code == 429


def test_healthz(client):
    assert client.get("/healthz").status_code == 200
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


# The permission matrix. Each URL is (name, url, expected status per role); "login" means a redirect to log in.
ROLES = ["anonymous", "staff", "editor", "superuser"]


@pytest.fixture
def content(admin_client):
    page = factories.make_theme_page(section=factories.make_section(slug="leder"))
    draft = factories.make_publication(title="Hemmelig kladde", slug="kladde", is_published=False)
    published = factories.make_publication(title="Synlig", slug="synlig")
    factories.add_call_to_action(factories.add_page_section(page), published)
    # Two revisions of the page, so history, compare and restore have something to show.
    for title in ("Første", "Anden"):
        save(admin_client, change_url(page), title=title)
    newer, older = Version.objects.get_for_object(page)
    admin_client.logout()
    return {"page": page, "draft": draft, "published": published, "newer": newer, "older": older}


def matrix(c):
    page, draft, pub = c["page"], c["draft"], c["published"]
    p, d = f"/admin/velfaerd/themepage/{page.pk}", f"/admin/publications/publication/{pub.pk}"
    compare = f"{p}/history/compare/?from={c['older'].pk}&to={c['newer'].pk}"
    return [
        ("page change", f"{p}/change/", {"anonymous": "login", "staff": 200, "editor": 200, "superuser": 200}),
        (
            "page date",
            f"/admin/velfaerd/lastupdateddate/{page.pk}/change/",
            {"anonymous": "login", "staff": 200, "editor": 403, "superuser": 403},
        ),
        ("page delete", f"{p}/delete/", {"anonymous": "login", "staff": 403, "editor": 200, "superuser": 200}),
        ("page history", f"{p}/history/", {"anonymous": "login", "staff": 200, "editor": 200, "superuser": 200}),
        ("page compare", compare, {"anonymous": "login", "staff": 200, "editor": 200, "superuser": 200}),
        (
            "page restore",
            f"{p}/history/{c['older'].pk}/",
            {"anonymous": "login", "staff": 403, "editor": 200, "superuser": 200},
        ),
        ("item change", f"{d}/change/", {"anonymous": "login", "staff": 403, "editor": 200, "superuser": 200}),
        ("item delete", f"{d}/delete/", {"anonymous": "login", "staff": 403, "editor": 302, "superuser": 302}),
        ("item history", f"{d}/history/", {"anonymous": "login", "staff": 403, "editor": 200, "superuser": 200}),
        ("dashboard", "/admin/indholdstjek/", {"anonymous": "login", "staff": 403, "editor": 200, "superuser": 200}),
        ("users", "/admin/auth/user/", {"anonymous": "login", "staff": 403, "editor": 403, "superuser": 200}),
        ("log", "/admin/admin/logentry/", {"anonymous": "login", "staff": 403, "editor": 200, "superuser": 200}),
        ("draft preview", draft.get_absolute_url(), {"anonymous": 404, "staff": 404, "editor": 200, "superuser": 200}),
        ("published item", pub.get_absolute_url(), {"anonymous": 200, "staff": 200, "editor": 200, "superuser": 200}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, content, role, staff_member, editor, admin_user):
    users = {"staff": staff_member, "editor": editor, "superuser": admin_user}
    if role in users:
        client.force_login(users[role])
    for name, url, expected in matrix(content):
        response = client.get(url)
        want = expected[role]
        if want == "login":
            assert response.status_code == 302, name
            assert response["Location"].startswith("/admin/login/"), name
        else:
            # A 302 for deleting a linked item is the refusal, back to its change form.
            assert response.status_code == want, (name, response.status_code)


@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_drafts_never_leak(client, content, role, staff_member):
    if role == "staff":
        client.force_login(staff_member)
    pages = ["/", "/publikationer/", "/soeg/?q=Hemmelig", "/soeg/?q=kladde", "/feed/", "/sitemap.xml", "/temaer/"]
    for url in [*pages, "/sitemap-publications-publication.xml"]:
        html = client.get(url).content.decode()
        assert "Hemmelig kladde" not in html, url
        assert "/publikationer/kladde/" not in html, url


def test_there_is_a_favicon_at_its_usual_address(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")
    assert finders.find("favicon.ico")
