from django.urls import path

from velfaerd.search.views import search_view

#: The search page's address: the page cache leaves it alone (apps.py).
PREFIX = "soeg/"

urlpatterns = [path(PREFIX, search_view, name="search")]
