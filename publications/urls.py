from django.urls import path

from . import views

urlpatterns = [
    path(
        "publikationer/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication-detail",
    ),
    path(
        "rapporter/<slug:slug>/",
        views.SurveyReportDetailView.as_view(),
        name="survey-report-detail",
    ),
]
