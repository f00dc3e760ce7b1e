from django.urls import path

from velfaerd.drafts.views import preview_view

#: Preview links' addresses: the redirects app leaves them alone (apps.py).
PREFIX = "forhaandsvisning/"

urlpatterns = [path(f"{PREFIX}<str:token>/", preview_view, name="preview-link")]
