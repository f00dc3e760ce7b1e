from django.urls import path
from django.views.generic import RedirectView

from velfaerd.caching.pagecache import shows

from . import views
from .feeds import LatestContentAtomFeed, LatestContentFeed
from .models import InfoPage

# Sections and theme pages take the addresses left over ("/leder/velfaerdsledelse/"): include these last.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("temaer/", views.LeadershipThemeListView.as_view(), name="theme-list"),
    path("temaer/<slug:slug>/", views.LeadershipThemeDetailView.as_view(), name="theme-detail"),
    path(
        "temaer/<slug:slug>/<kind>/",
        views.LeadershipThemeKindView.as_view(),
        name="theme-kind",
    ),
    path("om/<slug:slug>/", views.InfoPageDetailView.as_view(), name="info-page-detail"),
    path(
        "was",
        RedirectView.as_view(pattern_name="info-page-detail", permanent=True),
        {"slug": InfoPage.ACCESSIBILITY_STATEMENT},
        name="accessibility-statement",
    ),
    path("feed/", shows()(LatestContentFeed()), name="feed"),  # all content, for the page cache
    path("feed/atom/", shows()(LatestContentAtomFeed()), name="feed-atom"),
    path("<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path("<slug:section>/<slug:slug>/", views.ThemePageDetailView.as_view(), name="theme-page-detail"),
]
