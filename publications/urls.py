from django.urls import path

from . import views

urlpatterns = [
    path("publikationer/", views.PublicationListView.as_view(), name="publication-list"),
    path("publikationer/<slug:slug>/", views.PublicationDetailView.as_view(), name="publication-detail"),
    path("rapporter/", views.SurveyReportListView.as_view(), name="survey-report-list"),
    path("rapporter/<slug:slug>/", views.SurveyReportDetailView.as_view(), name="survey-report-detail"),
]
