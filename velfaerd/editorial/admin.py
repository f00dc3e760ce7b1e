"""The admin of what every content type shares (organisations, leadership themes) and of the records the site
keeps itself (link checks, the change log)."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry

from velfaerd.core.models import LeadershipTheme, Organisation

from .mixins import ContentAdmin
from .models import LinkCheck


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ("name", "url")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "url", "description", "change_note")


@admin.register(LeadershipTheme)
class LeadershipThemeAdmin(OrganisationAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    fields = ("name", "slug", "description", "order", "change_note")


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the site writes itself: they can be read and searched, not changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyAdmin):
    list_display = ("url", "status", "status_code", "final_url", "checked_at")
    list_filter = ("status",)
    search_fields = ("url", "final_url", "error")
    date_hierarchy = "checked_at"


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Who changed what, and when: the admin's own log, read-only."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "__str__")
    # Only the users who appear in the entries, not every account (editors may not see the list of users).
    list_filter = ("action_flag", "content_type", ("user", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("user", "content_type")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
