"""Site-wide middleware: the security headers, in one layer. Each layer costs every request (``make bench``
compares our stack with Django's default one); 304 Not Modified is answered by the page cache, which makes the
validators (velfaerd/core/pagecache.py)."""

from django.conf import settings
from django.utils.csp import CSP, LazyNonce, build_policy


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
