import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from velfaerd.models import LeadershipTheme, LinkableContent, Organisation
from velfaerd.richtext import RichTextField


@reversion.register()
class Article(LinkableContent):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    standfirst = models.TextField(_("standfirst"), help_text=_("The short introduction shown above the text."))
    body = RichTextField(_("text"))
    source = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("source"),
        help_text=_("Where the article was first published, e.g. Lederweb."),
    )
    url = models.URLField(_("web address"), blank=True, help_text=_("The article at its source."))
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("When the article was first published."),
    )
    themes = models.ManyToManyField(
        LeadershipTheme,
        verbose_name=_("leadership themes"),
        blank=True,
        related_name="articles",
    )

    class Meta(LinkableContent.Meta):
        ordering = ["-publish_at", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("article-detail", kwargs={"slug": self.slug})
