from django.conf import settings
from django.urls import path

from . import views
from .security import serve_media

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing).
    path("favicon.ico", views.favicon, name="favicon"),
    path("soeg/", views.search_view, name="search"),
    path("forhaandsvisning/<str:token>/", views.preview_view, name="preview-link"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    *([path("_bench/<int:size>/", views.bench_ceiling)] if settings.BENCHMARK else []),
    *([path("media/<path:path>", serve_media, name="media")] if settings.SERVE_MEDIA else []),
]
