"""The knowledge-centre links' entry in the content registry."""

from django.utils.translation import gettext_lazy as _

from velfaerd.content.registry import Search, Themed, registry

from .models import KnowledgeCentreLink

registry.register(
    KnowledgeCentreLink,
    search=Search("name", ("description",)),
    feed_summary="description",
    sitemap=True,
    themed=Themed("videncentre", _("Knowledge centres")),
    address=("knowledge-centre-detail", {"slug": "slug"}),
    title="name",
)
