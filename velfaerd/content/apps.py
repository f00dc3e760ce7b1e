from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """What every content type shares; depends on no other app of the site.

    Its label is still ``core`` (its name until the features became apps of their own): the label names its
    migrations, content types and permissions in every database made since, and a label cannot be renamed in place.
    """

    name = "velfaerd.content"
    label = "core"
    verbose_name = _("Organisations and themes")

    def ready(self):
        from velfaerd.content import (
            content,  # noqa: F401 - registers organisations and leadership themes as content
            text,
        )

        text.connect()  # no control characters in any text of the site's own models

        from velfaerd import memory

        memory.connect()  # the site's first app: a worker gives back what its requests freed
