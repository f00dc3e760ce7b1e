from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from velfaerd.content import pdfreport
from velfaerd.editorial.admin import (
    ContentAdmin,
    LinkedContentGuardMixin,
    PublishedListMixin,
    ReviewMixin,
    SubstantiveChangeMixin,
    content_fieldsets,
)

from .models import KeyFinding, Publication, SurveyReport


class PDFAccessibilityFilter(admin.SimpleListFilter):
    title = _("PDF accessibility")
    parameter_name = "pdf"

    def lookups(self, request, model_admin):
        return [
            ("inaccessible", _("Not accessible")),
            ("scan", _("No text layer: a scan")),
            ("untagged", _("Not tagged")),
            ("accessible", _("Accessible")),
            ("none", _("No PDF")),
        ]

    def queryset(self, request, queryset):
        passes = Q(document_check__text_layer=True, document_check__tagged=True, document_check__title=True)
        passes &= ~Q(document_check__language="")
        match self.value():
            case "inaccessible":
                return queryset.exclude(document="").exclude(passes)
            case "scan":
                return queryset.filter(document_check__text_layer=False)
            case "untagged":
                return queryset.filter(document_check__tagged=False)
            case "accessible":
                return queryset.filter(passes)
            case "none":
                return queryset.filter(document="")
        return queryset


class DocumentCheckMixin:
    """Beside the PDF in the form: what it gives those who cannot see it, each check with what to do."""

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "pdf_accessibility")

    @admin.display(description=_("PDF accessibility"))
    def pdf_accessibility(self, obj):
        report = obj.document_check if obj is not None else None
        if not report:
            return _("Checked when a PDF is uploaded.")
        if "error" in report:
            return _("The PDF could not be checked (it took too long or could not be read). Try another export.")
        pages = _("%(count)s pages") % {"count": report.get("pages")}
        rows = format_html_join(
            "",
            "<li class='{}'><span aria-hidden='true'>{}</span> {}{}</li>",
            (
                (
                    "pdf-ok" if passed else "pdf-problem",
                    "✓" if passed else "✗",
                    label,
                    format_html("<br><span class='help'>{}</span>", guidance) if guidance else "",
                )
                for passed, label, guidance in pdfreport.lines(report)
            ),
        )
        return format_html("<ul class='pdf-check' id='pdf-check'>{}<li>{}</li></ul>", rows, pages)


@admin.register(Publication)
class PublicationAdmin(
    DocumentCheckMixin, PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin
):
    list_display = ("title", "kind", "year", "is_live", "review_status", "updated_at")
    # Only the organisations that have published something: the filter is a list of links, not every organisation.
    list_filter = (
        "is_published", "kind", "year", "themes",
        ("publishers", admin.RelatedOnlyFieldListFilter), PDFAccessibilityFilter,
    )  # fmt: skip
    search_fields = ("title", "subtitle", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("publishers", "themes", "owner")
    fieldsets = content_fieldsets(
        "title", "slug", "subtitle", "kind", "summary", "cover", "cover_alt", "document", "pdf_accessibility", "url",
        "publishers", "year", "themes",
    )  # fmt: skip


class KeyFindingInline(admin.TabularInline):
    model = KeyFinding
    extra = 0
    fields = ("order", "text")


@admin.register(SurveyReport)
class SurveyReportAdmin(
    DocumentCheckMixin, PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin
):
    list_display = ("title", "organisation", "year", "is_live", "review_status", "updated_at")
    list_filter = ("is_published", "year", ("organisation", admin.RelatedOnlyFieldListFilter), PDFAccessibilityFilter)
    list_select_related = ("organisation",)
    search_fields = ("title", "summary", "findings__text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organisation", "themes", "owner")
    inlines = [KeyFindingInline]
    fieldsets = content_fieldsets(
        "title", "slug", "organisation", "year", "respondents", "summary", "cover", "cover_alt", "document",
        "pdf_accessibility", "url", "themes",
    )  # fmt: skip
