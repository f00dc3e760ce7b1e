from django.contrib import admin

from velfaerd.admin import PublishedListMixin, SubstantiveChangeAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(PublishedListMixin, SubstantiveChangeAdmin):
    list_display = ("title", "author", "source", "date", "is_live", "updated_at")
    list_filter = ("is_published", "source", "themes")
    list_select_related = ("source",)
    search_fields = ("title", "author", "standfirst", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("source", "themes")
