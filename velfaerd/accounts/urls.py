"""The account pages, at /konto/: login, the second step and its enrolment, password reset, logout, and single
sign-on with the organisation's OpenID Connect provider (/konto/oidc/sso/...)."""

from django.urls import include, path

urlpatterns = [
    path("2fa/", include("allauth.mfa.urls")),
    path("3rdparty/", include("allauth.socialaccount.urls")),
    path("", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("", include("allauth.account.urls")),
]
