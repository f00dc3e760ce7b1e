"""The editors' pages outside the admin, at /redaktion/."""

from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("redaktion/gennemlaesning/<str:key>/", views.answer, name="answer"),
    path("redaktion/mail/", views.mail_preferences, name="mail"),
]
