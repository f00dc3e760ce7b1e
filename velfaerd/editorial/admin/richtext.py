"""Rich text in the admin: django-prose-editor with the text's readability (LIX) shown live beside it."""

import logging

from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import gettext
from django_prose_editor.widgets import AdminProseEditorWidget, prose_editor_admin_media, prose_editor_js
from js_asset import Media, Script

from velfaerd.content.readability import SCALE, VERY_HARD, lix
from velfaerd.content.richtext import EXTENSIONS, RichTextField, for_editing

logger = logging.getLogger(__name__)


class LixProseEditorWidget(AdminProseEditorWidget):
    """The rich-text editor with the text's LIX under it, updated as the editor types, and a link dialog that finds
    the site's pages by their title (link-picker.js, asking ``admin:link-targets``)."""

    template_name = "editorial/lix_prose_editor.html"

    #: The id of the one configuration the form's editors share (``config_script``), in place of a copy each.
    CONFIG_ID = "velfaerd-prose-config"

    @property
    def media(self):
        scripts = [
            prose_editor_js,
            Script("velfaerd/admin/prose-preset.js", type="module"),
            Script("velfaerd/admin/lix.js", type="module"),
            Script("velfaerd/admin/prose-da.js", type="module"),
            Script("velfaerd/admin/link-picker.js", type="module"),
        ]
        return prose_editor_admin_media + Media(js=scripts)

    def format_value(self, value):
        return super().format_value(for_editing(value) if isinstance(value, str) else value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.pop(f"data-django-prose-editor-{self.preset}", None)
        widget_attrs["data-django-prose-editor-velfaerd"] = self.CONFIG_ID
        context["lix"] = lix(value or "")
        return context


class RichTextLixMixin:
    """For admins and inlines: every rich-text field shows its readability; to those who may only view it, it is
    shown as the text it is, not as its markup."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, RichTextField):
            kwargs["widget"] = LixProseEditorWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        rich = {f.name for f in self.model._meta.fields if isinstance(f, RichTextField)}
        return [
            (name, {**options, "fields": [f"{field}_html" if field in rich else field for field in options["fields"]]})
            for name, options in fieldsets
        ]


def config_script():
    """The configuration every rich-text editor of a form is made from, once (prose-preset.js reads it)."""
    widget = LixProseEditorWidget(config={"extensions": EXTENSIONS})
    return json_script(
        {
            **widget.get_config(),
            # What lix.js and link-picker.js need of the page, once for every editor.
            "lix": {
                "labels": [str(label) for _limit, label in SCALE] + [str(VERY_HARD)],
                "template": gettext("Readability: LIX {value} ({label})"),
            },
            "linkTargets": reverse("admin:link-targets"),
        },
        LixProseEditorWidget.CONFIG_ID,
    )
