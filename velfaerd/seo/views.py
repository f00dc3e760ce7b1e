"""robots.txt: what crawlers may read, and where the sitemap is."""

from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The search page is not disallowed: it says noindex itself, which a crawler kept out could never read.
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
