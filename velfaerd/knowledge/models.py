"""Knowledge-centre links: a centre of knowledge on leadership (such as Videncenter for Velfærdsledelse), who
founded it, the themes it works on, and the address to go on to. Theme pages link to them like to any content."""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from velfaerd.content.models import LeadershipTheme, LinkableContent, Organisation
from velfaerd.content.richtext import RichTextField


@reversion.register()
class KnowledgeCentreLink(LinkableContent):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    url = models.URLField(_("web address"), blank=True)
    description = RichTextField(_("description"))
    founders = models.ManyToManyField(
        Organisation,
        verbose_name=_("founded by"),
        blank=True,
        related_name="founded_knowledge_centres",
    )
    themes = models.ManyToManyField(
        LeadershipTheme,
        verbose_name=_("leadership themes"),
        blank=True,
        related_name="knowledge_centre_links",
    )

    class Meta(LinkableContent.Meta):
        # The table it had in the pages app (label "velfaerd"): moving here changed no table.
        db_table = "velfaerd_knowledgecentrelink"
        ordering = ["name"]
        verbose_name = _("knowledge-centre link")
        verbose_name_plural = _("knowledge-centre links")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("knowledge-centre-detail", kwargs={"slug": self.slug})

    def structured_data(self, absolute):
        """schema.org Organization: the knowledge centre and who founded it."""
        data = {"@type": "Organization", "name": self.name, "description": strip_tags(self.description)}
        if founders := [{"@type": "Organization", "name": org.name} for org in self.founders.all()]:
            data["founder"] = founders
        if self.url:
            data["sameAs"] = self.url
        return data
