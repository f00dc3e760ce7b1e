from django.contrib import admin

from velfaerd.editorial.admin import (
    ContentAdmin,
    LinkedContentGuardMixin,
    PublishedListMixin,
    ReviewMixin,
    SubstantiveChangeMixin,
    content_fieldsets,
)

from .models import KnowledgeCentreLink


@admin.register(KnowledgeCentreLink)
class KnowledgeCentreLinkAdmin(
    PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, ContentAdmin
):
    list_display = ("name", "url", "is_live", "review_status", "updated_at")
    search_fields = ("name", "description", "url")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("founders", "themes", "owner")
    fieldsets = content_fieldsets("name", "slug", "url", "description", "founders", "themes")
