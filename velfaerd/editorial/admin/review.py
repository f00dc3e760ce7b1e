"""Review dates in the admin: who owns an item, when it is due, and the action that marks it reviewed."""

import logging

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import ActionLocation
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velfaerd.content.dates import day_text

logger = logging.getLogger(__name__)


class ReviewMixin:
    """For reviewable content: when the next review is due, and "Markér som gennemgået i dag"."""

    actions = ["mark_reviewed"]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "review_status")

    # Review dates: one action, on the list and on each change form.
    @admin.action(
        description=gettext_lazy("Mark as reviewed today"),
        permissions=["edit_content"],
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def mark_reviewed(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                obj.mark_reviewed()
            LogEntry.objects.log_actions(request.user.pk, queryset, CHANGE, _("Marked as reviewed."))
        self.message_user(request, _("%(count)d marked as reviewed.") % {"count": len(queryset)}, messages.SUCCESS)

    def review_status(self, obj):
        due = obj.review_due_on
        text = day_text(due)
        if obj.is_review_due():
            return format_html('<strong class="review-due">{}</strong>', _("Due %(date)s") % {"date": text})
        return text

    review_status.short_description = gettext_lazy("next review")
