from django.apps import AppConfig


class SeoConfig(AppConfig):
    """What search engines read: sitemaps, structured data and robots.txt."""

    name = "velfaerd.seo"
    verbose_name = "SEO"

    #: Not in a backup (velfaerd/backups/backup.py): counted again from the content.
    not_backed_up = ("sitemapfigures",)

    def ready(self):
        from velfaerd.content.registry import registry

        from . import sitemaps

        registry.subscribe(sitemaps.SUBSCRIBER)
