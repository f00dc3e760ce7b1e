"""The account pages, at /konto/: login, the second step and its enrolment, password reset, logout."""

from django.urls import include, path

urlpatterns = [
    path("2fa/", include("allauth.mfa.urls")),
    path("", include("allauth.account.urls")),
]
