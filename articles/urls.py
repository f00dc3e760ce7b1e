from django.urls import path

from . import views

urlpatterns = [
    path("artikler/", views.ArticleListView.as_view(), name="article-list"),
    path("artikler/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
