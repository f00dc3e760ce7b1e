from django.apps import AppConfig
from django.db.models.signals import post_init
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every content type shares; depends on no other app of the site."""

    name = "velfaerd.core"
    label = "core"
    verbose_name = _("Organisations and themes")

    def ready(self):
        from . import (
            content,  # noqa: F401 - registers organisations and leadership themes as content
            pagecache,
            redirects,
            search,
            text,
        )

        text.connect()  # no control characters in any text of the site's own models
        search.connect()  # the search index follows every change of content
        redirects.connect()  # an item whose address changes leaves a redirect at the old one
        post_init.connect(pagecache.item_loaded, dispatch_uid="pagecache-item-loaded")  # what a page shows
