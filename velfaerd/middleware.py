"""Site-wide middleware: the site's own address whatever the Host header said, and the security headers, in one
layer. Each layer costs every request (``make bench``
compares our stack with Django's default one); 304 Not Modified is answered by the page cache, which makes the
validators (velfaerd/caching/pagecache.py)."""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.utils.csp import CSP, LazyNonce, build_policy


class SiteAddressMiddleware:
    """The address a request names, made plain before anything reads it.

    A path with a NUL character names nothing on the site (and PostgreSQL refuses it in a query): 404 at once.

    Pages are made for, and cached under, the site's own address (``SITE_URL``), whatever the Host header said.

    Every spelling of an allowed host that Django accepts ("LocalHost", "localhost.", any port) would otherwise be
    a page cache entry of its own and put that spelling into canonical, Open Graph, feed and JSON-LD addresses. The
    header is still checked against ALLOWED_HOSTS first (anything else is refused with 400, as before). Only pages
    read (GET, HEAD) are made so: a form posted to another allowed name keeps the name its CSRF check compares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        if (host := site_host()) and request.method in ("GET", "HEAD"):
            request.get_host()  # DisallowedHost (400) for a name the site does not answer to
            request.META["HTTP_HOST"] = host
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
        return self.get_response(request)


@functools.cache
def _host_of(url):
    return urlsplit(url).netloc


def site_host():
    """The host (and port) of ``SITE_URL``, or "" when it is not set."""
    return _host_of(settings.SITE_URL) if settings.SITE_URL else ""


class SecurityHeadersMiddleware:
    """The header Django's ContentSecurityPolicyMiddleware sets, with its rules, and Cross-Origin-Resource-Policy and
    Permissions-Policy, which Django has no setting for.

    Content-Security-Policy: SECURE_CSP (and SECURE_CSP_REPORT_ONLY), or a view's own (``csp_override``). A nonce
    is made, and put in the header, only when the page uses one (the admin's scripts do; the public pages have no
    inline script or style, so their policy allows the site's own scripts only). The policy without a nonce is the
    same for every response, so it is built once."""

    _built = {}
    ENFORCE = str(CSP.HEADER_ENFORCE)  # a plain str: WSGI servers refuse others as header names
    REPORT_ONLY = str(CSP.HEADER_REPORT_ONLY)
    ALWAYS = (
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._csp_nonce = nonce = LazyNonce()
        response = self.get_response(request)
        headers = response.headers
        # The names present, read in one pass: asking for each missing header would raise and catch a KeyError.
        present = {name.lower() for name in headers}
        for header, config in (
            (self.ENFORCE, getattr(response, "_csp_config", settings.SECURE_CSP)),
            (self.REPORT_ONLY, getattr(response, "_csp_ro_config", settings.SECURE_CSP_REPORT_ONLY)),
        ):
            if config and header.lower() not in present:
                headers[header] = build_policy(config, nonce) if nonce else self._policy(config)
        for header, value in self.ALWAYS:
            if header.lower() not in present:
                headers[header] = value
        return response

    @classmethod
    def _policy(cls, config):
        # Kept by the config object itself: a settings override or a view's own config is another object.
        known = cls._built.get(id(config))
        if known is None or known[0] is not config:
            known = cls._built[id(config)] = (config, build_policy(config))
        return known[1]


def client_ip(request):
    """The visitor's address. Behind ``settings.TRUSTED_PROXY_COUNT`` proxies, each appending to
    X-Forwarded-For, it is the entry that many places from the right; anything further left was sent by the
    client and cannot be trusted. Without proxies it is REMOTE_ADDR."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
