from django.contrib import admin

from velfaerd.admin import PublishedListMixin, SubstantiveChangeAdmin

from .models import KeyFinding, Publication, SurveyReport


@admin.register(Publication)
class PublicationAdmin(PublishedListMixin, SubstantiveChangeAdmin):
    list_display = ("title", "kind", "year", "is_live", "updated_at")
    list_filter = ("is_published", "kind", "year", "themes", "publishers")
    search_fields = ("title", "subtitle", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("publishers", "themes")


class KeyFindingInline(admin.TabularInline):
    model = KeyFinding
    extra = 0
    fields = ("order", "text")


@admin.register(SurveyReport)
class SurveyReportAdmin(PublishedListMixin, SubstantiveChangeAdmin):
    list_display = ("title", "organisation", "year", "is_live", "updated_at")
    list_filter = ("is_published", "year", "organisation")
    list_select_related = ("organisation",)
    search_fields = ("title", "summary", "findings__text")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organisation", "themes")
    inlines = [KeyFindingInline]
