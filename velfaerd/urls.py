"""The site's addresses: each app brings its own; this puts them together, with the admin and the sitemap."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from articles.sitemaps import SITEMAPS as ARTICLE_LISTS
from publications.sitemaps import SITEMAPS as PUBLICATION_LISTS
from velfaerd.core.pagecache import shows
from velfaerd.core.sitemaps import content_sitemaps
from velfaerd.core.sitemaps import section as sitemap_section
from velfaerd.pages.sitemaps import SITEMAPS as PAGE_LISTS

SITEMAPS = {**PAGE_LISTS, **PUBLICATION_LISTS, **ARTICLE_LISTS, **content_sitemaps()}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
    # An index of sections, each in pages (velfaerd/core/sitemaps.py). The index shows all content, for the page
    # cache (pagecache.py); a section the kinds it lists.
    path(
        "sitemap.xml",
        shows()(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_section, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("", include("velfaerd.core.urls")),
    path("", include("publications.urls")),
    path("", include("articles.urls")),
    path("", include("velfaerd.pages.urls")),  # last: sections and theme pages take what is left
]

handler400 = "velfaerd.core.views.bad_request"
handler403 = "velfaerd.core.views.permission_denied"
handler500 = "velfaerd.core.views.server_error"
