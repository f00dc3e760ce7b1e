from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Sections, theme pages and their parts, information pages, and the site's pages that gather content of
    every kind (front page, themes, search, feed).

    Its label stays "velfaerd", the label these models had before the site was split into apps: their tables,
    migrations, content types, permissions and revisions keep their names, so existing databases need no move."""

    name = "velfaerd.pages"
    label = "velfaerd"
    verbose_name = _("Pages and themes")
    #: Editors come for the theme pages: first on the admin index, in this order.
    admin_index_first = ("themepage", "section", "infopage", "menu")
    #: Staff may see the theme pages and move their "Sidst opdateret", and nothing else (editorial/groups.py).
    grants = {"Medarbejder": ("view_themepage", "change_last_updated")}

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import content, menus  # noqa: F401 - registers the pages' content types

        post_migrate.connect(menus.ensure, sender=self, dispatch_uid="velfaerd.pages.menus")
