"""What the admins of several apps share: records that are read, not changed, and yes/no read in Danish."""

from django.contrib import admin
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the site writes itself: they can be read and searched, not changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def yes_no(value):
    """A yes/no icon as the admin draws it, with its text in Danish."""
    icon = static(f"admin/img/icon-{'yes' if value else 'no'}.svg")
    return format_html('<img src="{}" alt="{}">', icon, gettext("yes") if value else gettext("no"))
