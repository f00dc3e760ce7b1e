from django.contrib import admin

from velfaerd.editorial.admin import (
    ContentAdmin,
    LinkedContentGuardMixin,
    PublishedListMixin,
    ReviewMixin,
    SubstantiveChangeMixin,
    content_fieldsets,
)

from .models import KeyFinding, Publication, SurveyReport


@admin.register(Publication)
class PublicationAdmin(PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin):
    list_display = ("title", "kind", "year", "is_live", "review_status", "updated_at")
    list_filter = ("is_published", "kind", "year", "themes", "publishers")
    search_fields = ("title", "subtitle", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("publishers", "themes", "owner")
    fieldsets = content_fieldsets(
        "title", "slug", "subtitle", "kind", "summary", "cover", "cover_alt", "document", "url", "publishers", "year",
        "themes",
    )  # fmt: skip


class KeyFindingInline(admin.TabularInline):
    model = KeyFinding
    extra = 0
    fields = ("order", "text")


@admin.register(SurveyReport)
class SurveyReportAdmin(PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin):
    list_display = ("title", "organisation", "year", "is_live", "review_status", "updated_at")
    list_filter = ("is_published", "year", "organisation")
    list_select_related = ("organisation",)
    search_fields = ("title", "summary", "findings__text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organisation", "themes", "owner")
    inlines = [KeyFindingInline]
    fieldsets = content_fieldsets(
        "title", "slug", "organisation", "year", "respondents", "summary", "cover", "cover_alt", "document", "url",
        "themes",
    )  # fmt: skip
