"""Logging in as an editor does, and a one-time code computed as an authenticator app computes it (RFC 6238)."""

import base64
import hashlib
import hmac
import re
import struct
import time

PASSWORD = "en lang nok adgangskode"


def totp(secret, at=None):
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(
        base64.b32decode(secret.upper() + "=" * (-len(secret) % 8)), struct.pack(">Q", counter), hashlib.sha1
    )
    digest = digest.digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def log_in(client, username, password=PASSWORD, **more):
    return client.post("/konto/login/", {"login": username, "password": password, **more})


def secret_on(html):
    return re.search(
        r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"|value="([A-Z2-7]+)"[^>]*id="authenticator_secret"', html
    )


def enrol_totp(client):
    """Activates an authenticator app for the logged-in user; returns its secret."""
    page = client.get("/konto/2fa/totp/activate/")
    assert page.status_code == 200, page.status_code
    found = secret_on(page.content.decode())
    secret = found.group(1) or found.group(2)
    response = client.post("/konto/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return secret


def answer_second_step(client, code, trust=False):
    """The second step's code, then the question whether to remember this browser (not unless ``trust``)."""
    response = client.post("/konto/2fa/authenticate/", {"code": code})
    if response.status_code != 302 or response["Location"] != "/konto/2fa/trust/":
        return response
    return client.post("/konto/2fa/trust/", {"action": "trust" if trust else "skip"})
