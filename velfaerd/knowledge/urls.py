from django.urls import path

from . import views

urlpatterns = [
    path("videncentre/<slug:slug>/", views.KnowledgeCentreLinkDetailView.as_view(), name="knowledge-centre-detail"),
]
