import reversion
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from velfaerd.content.images import picture
from velfaerd.content.keyset import ListOrderIndex
from velfaerd.content.models import LeadershipTheme, LinkableContent, Organisation
from velfaerd.content.publishing import ContentQuerySet
from velfaerd.content.richtext import RichTextField
from velfaerd.content.uploads import SafeImageField, SafePDFField, UploadTo
from velfaerd.seo.structured import day

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
PDF_VALIDATORS = [FileExtensionValidator(["pdf"])]


class HasCover(models.Model):
    """A cover image, shown in WebP renditions at several widths, with its alt text required."""

    cover = SafeImageField(
        _("cover image"),
        upload_to=UploadTo("covers"),
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_alt = models.CharField(
        _("cover image text"),
        max_length=300,
        blank=True,
        help_text=_("Describes the cover for those who cannot see it. Required with a cover image."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for those who cannot see it.")})

    def cover_picture(self):
        return picture(self.cover, self.cover_alt, self.cover_width, self.cover_height)


class HasDocument(models.Model):
    """An uploaded PDF, linked with its type and size: "(PDF, 2,3 MB)"."""

    document = SafePDFField(_("PDF file"), upload_to=UploadTo("files"), blank=True, validators=PDF_VALIDATORS)
    #: The file's size, kept when it is uploaded: a page that shows "(PDF, 2,3 MB)" asks the file storage nothing
    #: (on object storage, a request to the store for every page made).
    document_bytes = models.PositiveBigIntegerField(_("PDF file size"), null=True, blank=True, editable=False)
    #: What the PDF gives those who cannot see it, read at upload (velfaerd/content/pdfcheck.py): never a reason to
    #: refuse the file, shown beside it in the form, on the content-health page and as a filter in the lists.
    document_check = models.JSONField(_("PDF accessibility"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.document:
            self.document_bytes = None
            self.document_check = None
        elif not self.document._committed or self.document_bytes is None:  # a new file: its upload's size
            self.document_bytes = self.document_size_in_storage()
        if self.document and not self.document._committed:  # a new file; those from before: `check_pdfs`
            self.document_check = self.checked_document()
        super().save(*args, **kwargs)

    def checked_document(self):
        """The accessibility report of the file; its text, for the search index, is kept as ``document_text`` until
        the item is indexed in the same save (velfaerd/search/search.py)."""
        from velfaerd.content import pdfcheck

        try:
            if self.document._committed:
                with self.document.storage.open(self.document.name, "rb") as stored:
                    report = pdfcheck.check(stored)
            elif (report := getattr(self.document.file, "pdf_report", None)) is None:
                report = pdfcheck.check(self.document.file)
            # else: read when the upload was checked (velfaerd/content/uploads.py)
        except OSError:
            report = {"error": "unreadable"}
        report = dict(report)
        self.document_text = report.pop("text", "")
        return report

    @property
    def document_has_text(self):
        """False only when the check found no text layer (a scan); None when it is not known."""
        if not self.document_check or "error" in self.document_check:
            return None
        return bool(self.document_check.get("text_layer"))

    def document_size_in_storage(self):
        try:
            return self.document.size
        except OSError:
            return None

    def document_size(self):
        if not self.document:
            return None
        return self.document_bytes if self.document_bytes is not None else self.document_size_in_storage()


@reversion.register()
class Publication(HasCover, HasDocument, LinkableContent):
    class Kind(models.TextChoices):
        MAGAZINE = "magazine", _("magazine")
        REPORT = "report", _("report")
        BOOK = "book", _("book")
        PUBLICATION = "publication", _("publication")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PUBLICATION)
    summary = RichTextField(_("summary"))
    url = models.URLField(
        _("web address"),
        blank=True,
        help_text=_("Where the publication can be read elsewhere."),
    )
    publishers = models.ManyToManyField(
        Organisation,
        verbose_name=_("published by"),
        blank=True,
        related_name="publications",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    themes = models.ManyToManyField(
        LeadershipTheme,
        verbose_name=_("leadership themes"),
        blank=True,
        related_name="publications",
    )

    class Meta(LinkableContent.Meta):
        ordering = ["-year", "title"]
        # The list's order, as its pages read it (keyset.py): a page from anywhere in it is read from the index.
        indexes = [ListOrderIndex(F("year").desc(nulls_last=True), "title", "id", name="publication_list_order")]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publication-detail", kwargs={"slug": self.slug})

    def structured_data(self, absolute):
        """schema.org Book (a publication, a book), Periodical (a magazine) or Report, for search engines."""
        kind = {self.Kind.MAGAZINE: "Periodical", self.Kind.REPORT: "Report"}.get(self.kind, "Book")
        data = written_work(self, kind, absolute)
        if self.subtitle:
            data["alternativeHeadline"] = self.subtitle
        if publishers := [{"@type": "Organization", "name": org.name} for org in self.publishers.all()]:
            data["publisher"] = data["author"] = publishers if len(publishers) > 1 else publishers[0]
        if self.year:
            data["copyrightYear"] = self.year
        return data


@reversion.register(follow=("findings",))
class SurveyReport(HasCover, HasDocument, LinkableContent):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="survey_reports",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    respondents = models.PositiveIntegerField(
        _("respondents"),
        null=True,
        blank=True,
        help_text=_("How many answered, if known."),
    )
    summary = RichTextField(_("summary"))
    url = models.URLField(
        _("web address"),
        blank=True,
        help_text=_("Where the report can be read elsewhere."),
    )
    themes = models.ManyToManyField(
        LeadershipTheme,
        verbose_name=_("leadership themes"),
        blank=True,
        related_name="survey_reports",
    )

    class Meta(LinkableContent.Meta):
        ordering = ["-year", "title"]
        # As the publications'.
        indexes = [ListOrderIndex(F("year").desc(nulls_last=True), "title", "id", name="surveyreport_list_order")]
        verbose_name = _("survey report")
        verbose_name_plural = _("survey reports")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("survey-report-detail", kwargs={"slug": self.slug})

    def structured_data(self, absolute):
        """schema.org Report, for search engines: by and from its organisation."""
        data = written_work(self, "Report", absolute)
        data["author"] = data["publisher"] = {"@type": "Organization", "name": self.organisation.name}
        if self.year:
            data["temporalCoverage"] = str(self.year)  # the year it is about; its own date is above
        return data


def written_work(item, kind, absolute):
    """What a publication and a report say alike in JSON-LD (``absolute`` makes an address absolute): titles,
    summary, dates, the same work elsewhere, and its PDF."""
    data = {
        "@type": kind,
        "name": item.title,
        "headline": item.title,
        "abstract": strip_tags(item.summary),
        "inLanguage": "da",
        "datePublished": day(item.first_published_at or item.publish_at),
        "dateModified": day(item.last_changed()),
    }
    if item.url:
        data["sameAs"] = item.url
    if item.document:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": absolute(item.document.url),
            "encodingFormat": "application/pdf",
        }
    return data


@reversion.register()
class KeyFinding(models.Model):
    report = models.ForeignKey(
        SurveyReport,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("survey report"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("finding"))

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("key finding")
        verbose_name_plural = _("key findings")

    def __str__(self):
        return self.text
