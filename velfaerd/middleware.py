"""Site-wide middleware that Django has no setting for."""

from django.middleware.csp import get_nonce


class SecurityHeadersMiddleware:
    """Cross-Origin-Resource-Policy and Permissions-Policy on every response, and a fresh CSP nonce in every
    Content-Security-Policy header, also for pages served from the page cache (whose HTML never holds one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (nonce := get_nonce(request)) is not None:
            str(nonce)  # made now, so the CSP middleware puts it in the header
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response
