"""Pages sent compressed: brotli or gzip, whichever the client accepts (brotli first), never for a response that
holds a secret.

A response that may hold a secret is sent as it is: when a page reflects what an attacker sends beside a secret,
the compressed size gives the secret away byte by byte (BREACH). That is any response made with a CSRF token (a
form for staff, the login: Django then sets its cookie again) and any that is about a session (it sets a cookie or
varies by them: every admin page). Pages from the
page cache hold no secret; their compressed forms are made once, when the page is stored (``variants``), so a
hit costs no compression (pagecache.py). Static files are compressed once too, by ``collectstatic`` (WhiteNoise
makes ``.br`` and ``.gz`` files beside each one).
"""

import gzip
import re

import brotli
from django.utils.cache import patch_vary_headers

#: What is worth compressing; images, PDFs and fonts are compressed already.
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|ld\+json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image/svg\+xml)"
)
#: Below this, compression saves less than the header it costs.
MIN_BYTES = 256
#: brotli quality on the fly (fast, close to the best for pages) and for a page kept in the cache (made once).
QUALITY, STORED_QUALITY = 5, 9

_CODING = re.compile(r"\s*([A-Za-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")


def accepted(request):
    """``"br"``, ``"gzip"`` or ``None``: the best coding the client accepts (Accept-Encoding, with q-values)."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if not header:
        return None
    weights = {}
    for part in header.lower().split(","):
        match = _CODING.fullmatch(part)
        if match:
            try:
                weights[match[1]] = float(match[2]) if match[2] is not None else 1.0
            except ValueError:
                continue
    wildcard = weights.get("*", 0.0)
    for coding in ("br", "gzip"):
        if weights.get(coding, wildcard) > 0:
            return coding
    return None


def compress(content, coding, quality=QUALITY):
    if coding == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=quality)
    return gzip.compress(content, compresslevel=6, mtime=0)


def variants(content):
    """The forms of a page kept in the cache: as it is, and compressed each way worth it."""
    found = {None: content}
    if len(content) >= MIN_BYTES:
        found["br"] = compress(content, "br", STORED_QUALITY)
        found["gzip"] = compress(content, "gzip")
    return found


def may_hold_a_secret(request, response):
    """Made with the CSRF token (get_token() makes Django set its cookie), or about a session."""
    return bool(
        response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or "cookie" in response.get("Vary", "").lower()
    )


def compressible(response):
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and COMPRESSIBLE.match(response.get("Content-Type", ""))
        and len(response.content) >= MIN_BYTES
    )


def send(response, coding, body):
    """``response`` with ``body`` compressed with ``coding`` (or as it is, ``coding`` None)."""
    response.content = body
    if coding is not None:
        response["Content-Encoding"] = coding
        if (etag := response.get("ETag")) and not etag.startswith("W/"):
            response["ETag"] = f"W/{etag}"  # the same page, other bytes
    response["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class CompressionMiddleware:
    """Compresses what the site makes on the fly; responses already encoded (the page cache's) pass as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not compressible(response) or may_hold_a_secret(request, response):
            return response
        coding = accepted(request)
        if coding is None:
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return send(response, coding, compress(response.content, coding))
