from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from . import views
from .feeds import LatestContentFeed
from .models import InfoPage
from .security import serve_media
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
    path("", include("publications.urls")),
    path("", include("articles.urls")),
    path("videncentre/<slug:slug>/", views.KnowledgeCentreLinkDetailView.as_view(), name="knowledge-centre-detail"),
    path("temaer/", views.LeadershipThemeListView.as_view(), name="theme-list"),
    path("temaer/<slug:slug>/", views.LeadershipThemeDetailView.as_view(), name="theme-detail"),
    path("om/<slug:slug>/", views.InfoPageDetailView.as_view(), name="info-page-detail"),
    path(
        "was",
        RedirectView.as_view(pattern_name="info-page-detail", permanent=False),
        {"slug": InfoPage.ACCESSIBILITY_STATEMENT},
        name="accessibility-statement",
    ),
    path("soeg/", views.search_view, name="search"),
    path("feed/", LatestContentFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    *([path("_bench/<int:size>/", views.bench_ceiling)] if settings.BENCHMARK else []),
    *([path("media/<path:path>", serve_media, name="media")] if settings.SERVE_MEDIA else []),
    path("<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path("<slug:section>/<slug:slug>/", views.ThemePageDetailView.as_view(), name="theme-page-detail"),
]

handler400 = "velfaerd.views.bad_request"
