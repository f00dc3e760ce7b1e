from django.contrib import admin

from velfaerd.editorial.admin import (
    ContentAdmin,
    LinkedContentGuardMixin,
    PublishedListMixin,
    ReviewMixin,
    SubstantiveChangeMixin,
    content_fieldsets,
)

from .models import Article


@admin.register(Article)
class ArticleAdmin(PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin):
    list_display = ("title", "author", "source", "date", "is_live", "review_status", "updated_at")
    list_filter = ("is_published", "source", "themes")
    list_select_related = ("source",)
    search_fields = ("title", "author", "standfirst", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("source", "themes", "owner")
    fieldsets = content_fieldsets(
        "title", "slug", "author", "portrait", "portrait_alt", "standfirst", "body", "source", "url", "date", "themes"
    )
