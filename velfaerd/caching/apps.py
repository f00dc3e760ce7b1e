from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The content version, the page cache, the cache backends and compression."""

    name = "velfaerd.caching"
    verbose_name = _("Page cache")

    #: Not in a backup (velfaerd/backups/backup.py).
    not_backed_up = ("contentchange",)  # of no use after a restore

    def ready(self):
        from velfaerd.caching import pagecache, versions
        from velfaerd.content.registry import Subscriber, registry

        # Every change of content moves the version, in its transaction (versions.py); a content item loaded while
        # a page is made is something that page shows (pagecache.py).
        changed = versions.content_changed
        registry.subscribe(
            Subscriber("content-version", saved=changed, deleted=changed, m2m_changed=changed, rows_changed=changed)
        )
        registry.subscribe(Subscriber("page-cache", loaded=pagecache.item_loaded))
