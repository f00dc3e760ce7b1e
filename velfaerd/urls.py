"""The site's addresses: each app brings its own; this puts them together, with the admin and the sitemap."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.sitemaps import SITEMAPS as ARTICLE_LISTS
from publications.sitemaps import SITEMAPS as PUBLICATION_LISTS
from velfaerd.caching.pagecache import shows
from velfaerd.pages.sitemaps import SITEMAPS as PAGE_LISTS
from velfaerd.seo.sitemaps import content_sitemaps
from velfaerd.seo.sitemaps import index as sitemap_index
from velfaerd.seo.sitemaps import section as sitemap_section

from . import metrics, views

SITEMAPS = {**PAGE_LISTS, **PUBLICATION_LISTS, **ARTICLE_LISTS, **content_sitemaps()}

# The admin's login is the site's (velfaerd/accounts): two steps, lockout, password reset.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("konto/", include("velfaerd.accounts.urls")),
    path("", include("velfaerd.notices.urls")),
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
    # An index of sections, each in pages (velfaerd/seo/sitemaps.py). The index shows all content, for the page
    # cache (pagecache.py); a section the kinds it lists.
    path(
        "sitemap.xml",
        shows()(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_section, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("for-stor/", views.request_too_large, name="request-too-large"),
    path("metrics", metrics.metrics_view, name="metrics"),
    *([path("_bench/<int:size>/", views.bench_ceiling)] if settings.BENCHMARK else []),
    path("", include("velfaerd.search.urls")),
    path("", include("velfaerd.drafts.urls")),
    path("", include("velfaerd.seo.urls")),
    path("", include("velfaerd.media.urls")),
    path("", include("publications.urls")),
    path("", include("articles.urls")),
    path("", include("velfaerd.knowledge.urls")),
    path("", include("velfaerd.pages.urls")),  # last: sections and theme pages take what is left
]

handler400 = "velfaerd.views.bad_request"
handler403 = "velfaerd.views.permission_denied"
handler500 = "velfaerd.views.server_error"
