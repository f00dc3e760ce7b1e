from django.urls import path

from velfaerd.seo.views import robots_txt

urlpatterns = [path("robots.txt", robots_txt, name="robots")]
