"""The admin of what every content type shares (organisations, leadership themes), and of the records the site
keeps itself (link checks, the change log, users)."""

import logging

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from velfaerd.accounts import secondstep
from velfaerd.content.admin_display import ReadOnlyAdmin, yes_no
from velfaerd.content.models import LeadershipTheme, Organisation

from ..models import LinkCheck
from .base import ContentAdmin

logger = logging.getLogger("velfaerd.accounts")


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


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with "staff" read in Danish by a screen reader, and a superuser's reset of a user's
    second step (their factors deleted, never shown; they are logged out and enrol again at their next login)."""

    list_display = ("username", "email", "first_name", "last_name", "staff")
    actions = ["reset_second_step"]

    def has_reset_second_step_permission(self, request):
        return request.user.is_superuser

    @admin.action(permissions=["reset_second_step"], description=_("Reset two-step login of selected users"))
    def reset_second_step(self, request, queryset):
        for user in queryset:
            removed = secondstep.reset(user)
            logger.info("Second step reset for user %s by user %s.", user.pk, request.user.pk)
            self.log_change(request, user, [{"changed": {"fields": [str(_("Two-step login"))]}}])
            self.message_user(
                request,
                _("Two-step login of %(user)s reset (%(count)d factors removed); they enrol again at their next login.")
                % {"user": user.get_username(), "count": removed},
                messages.SUCCESS,
            )

    @admin.display(description=_("staff status"), ordering="is_staff")
    def staff(self, obj):
        return yes_no(obj.is_staff)
