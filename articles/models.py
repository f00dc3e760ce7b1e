import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from velfaerd.content.images import picture
from velfaerd.content.models import LeadershipTheme, LinkableContent, Organisation
from velfaerd.content.richtext import RichTextField
from velfaerd.content.uploads import SafeImageField, UploadTo
from velfaerd.seo.structured import day


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
    portrait = SafeImageField(
        _("portrait"),
        upload_to=UploadTo("portraits"),
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        help_text=_("A photo of the author, if there is one."),
    )
    portrait_alt = models.CharField(
        _("portrait text"),
        max_length=300,
        blank=True,
        help_text=_("Describes the photo for those who cannot see it. Required with a portrait."),
    )
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    themes = models.ManyToManyField(
        LeadershipTheme,
        verbose_name=_("leadership themes"),
        blank=True,
        related_name="articles",
    )

    class Meta(LinkableContent.Meta):
        ordering = ["-publish_at", "title"]
        # The list's order, as its pages read it (keyset.py): a page from anywhere in it is read from the index.
        indexes = [models.Index(fields=["-publish_at", "title", "id"], name="article_list_order")]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("article-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.portrait and not self.portrait_alt.strip():
            raise ValidationError({"portrait_alt": _("Describe the photo for those who cannot see it.")})

    def structured_data(self, absolute):
        """schema.org Article, for search engines (JSON-LD; ``absolute`` makes an address absolute)."""
        data = {
            "@type": "Article",
            "headline": self.title,
            "description": self.standfirst,
            "inLanguage": "da",
            "datePublished": day(self.date or self.first_published_at or self.publish_at),
            "dateModified": day(self.last_changed()),
        }
        if self.author:
            data["author"] = {"@type": "Person", "name": self.author}
        if self.source_id:
            data["publisher"] = {"@type": "Organization", "name": self.source.name}
        if self.url:
            data["sameAs"] = self.url
        return data

    def portrait_picture(self):
        return picture(self.portrait, self.portrait_alt, self.portrait_width, self.portrait_height, widths=(160, 320))
