from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
    path("", include("publications.urls")),
    path("", include("articles.urls")),
    path(
        "videncentre/<slug:slug>/",
        views.KnowledgeCentreLinkDetailView.as_view(),
        name="knowledge-centre-detail",
    ),
    path("<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path(
        "<slug:section>/<slug:slug>/",
        views.ThemePageDetailView.as_view(),
        name="theme-page-detail",
    ),
]
