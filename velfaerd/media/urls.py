from django.conf import settings
from django.urls import path

from velfaerd.media.views import serve_media

urlpatterns = [path("media/<path:path>", serve_media, name="media")] if settings.SERVE_MEDIA else []
