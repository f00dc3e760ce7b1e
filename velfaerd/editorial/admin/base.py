"""The content admin: the pipeline every content type's admin is made of, and the shapes of its forms."""

import logging

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from js_asset import Media, Script
from reversion.admin import VersionAdmin

from velfaerd.content import keyset
from velfaerd.content.registry import registry
from velfaerd.reading import figures

from ..autosave import forget as forget_autosave
from .concurrency import NoLostUpdateMixin
from .drafts import DraftMixin
from .forms import ContentForm  # noqa: F401 - the form every content admin starts from
from .guards import offer_redirect, public_address
from .history import RevisionNoteMixin
from .presence import PresenceMixin
from .richtext import RichTextLixMixin
from .uploads import SafeUploadMixin

logger = logging.getLogger(__name__)


REVIEW_FIELDS = ("owner", "review_interval", "last_reviewed", "review_status")


PUBLISHING_FIELDS = ("is_published", "publish_at", "expire_at")


EDITING_FIELDS = ("substantive_change", "change_note")


class PublishedListMixin:
    """List columns and filters every publishable model shares."""

    list_filter = ("is_published",)
    date_hierarchy = "publish_at"


def content_fieldsets(*fields, substantive=True):
    """The fieldsets of a content item: its own fields, then publishing, review and the save's note.

    ``substantive``: whether pages link to it, so that a substantive change moves their "Sidst opdateret".
    """
    return [
        (None, {"fields": fields}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("Review"), {"fields": REVIEW_FIELDS, "classes": ["collapse"]}),
        (_("About this change"), {"fields": EDITING_FIELDS if substantive else ("change_note",)}),
    ]


class ContentAdmin(
    DraftMixin, PresenceMixin, RichTextLixMixin, NoLostUpdateMixin, RevisionNoteMixin, SafeUploadMixin, VersionAdmin
):
    """What every content admin has: drafts of changes (of publishable content), rich text with its readability,
    no lost update and who else has the form open, revisions with notes, uploads that leave nothing behind when a
    save fails. Each admin adds the rest by name (ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin,
    NestedDeletionMixin)."""

    def get_ordering(self, request):
        """The model's own order with its id last, as its list's index has it (``keyset.Key``): the change list is
        read from that index. (The admin's own tie-break, the id descending, made PostgreSQL sort all 20,000
        publications of a large archive for each page of the list.)"""
        if self.ordering:
            return self.ordering
        try:
            return [key.expression() for key in keyset.keys_of(self.model._default_manager.all())]
        except FieldDoesNotExist:  # ordered across a relation (a theme page by its section): the admin's own way
            return super().get_ordering(request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and response.status_code == 302:
            forget_autosave(request.user, request.path)  # saved: nothing typed in it is unsaved any more
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A line of reading figures, for those who may see them: the item's public address's views (one query).
        # Only an item with a page of its own (its address in the registry): a menu is on every page, and has none.
        has_page = type(obj) in registry and bool(registry.get(type(obj)).address)
        may_see = change and obj is not None and has_page and request.user.has_perm("reading.view_pageviews")
        if may_see and (address := public_address(obj)) is not None:
            context["reading"] = figures.for_path(address)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def delete_model(self, request, obj):
        address = public_address(obj)
        super().delete_model(request, obj)
        offer_redirect(request, address)

    def response_change(self, request, obj):
        if "_unpublish" in request.POST and not obj.is_live():
            offer_redirect(request, public_address(obj))
        return super().response_change(request, obj)

    @property
    def media(self):
        # Collapsible inline rows moved by keyboard, and links to a field (#id_…) that open, focus and mark it;
        # who else has the item open; what is typed kept in the browser and offered back, and a leave warning;
        # after a refused save, their text or mine per field.
        scripts = [
            Script("velfaerd/admin/inlines.js", type="module"),
            Script("velfaerd/admin/presence.js", type="module"),
            Script("velfaerd/admin/autosave.js", type="module"),
            Script("velfaerd/admin/conflict.js", type="module"),
        ]
        return super().media + Media(js=scripts)
