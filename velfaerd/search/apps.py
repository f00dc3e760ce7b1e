from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The site's search: an index of every item visitors may see, and the search page."""

    name = "velfaerd.search"
    verbose_name = _("Search")

    #: Not in a backup (velfaerd/backups/backup.py).
    not_backed_up = ("searchdocument", "searchterm")  # made again from the restored content

    def ready(self):
        from velfaerd.caching import pagecache
        from velfaerd.content.registry import registry
        from velfaerd.search import search, urls

        registry.subscribe(search.SUBSCRIBER)  # the index follows every change of content
        post_migrate.connect(search.index_missing, sender=self, dispatch_uid="search-migrate")
        # Its results depend on the query, which the page cache would drop (it keeps the parameters lists read).
        pagecache.bypass(f"/{urls.PREFIX}")
