from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Sections, theme pages and their parts, information pages, knowledge-centre links, and the site's pages
    that gather content of every kind (front page, themes, search, feed).

    Its label stays "velfaerd", the label these models had before the site was split into apps: their tables,
    migrations, content types, permissions and revisions keep their names, so existing databases need no move."""

    name = "velfaerd.pages"
    label = "velfaerd"
    verbose_name = _("Pages and themes")

    def ready(self):
        from . import content  # noqa: F401 - registers the pages' content types
