"""What every content admin shares: revisions with change notes, "Væsentlig ændring", review dates, readability
next to the rich-text fields, and a guard against deleting what published pages link to."""

import contextlib
import json
import logging
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media, Script
from reversion import is_active, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.utils import mute_signals

from velfaerd.content.readability import SCALE, VERY_HARD, lix
from velfaerd.content.registry import registry
from velfaerd.content.revisions import forget_collected
from velfaerd.content.richtext import RichTextField
from velfaerd.content.storage import UploadFailed, keep_files_only_on_success
from velfaerd.content.uploads import hold_uploads, release
from velfaerd.drafts.drafts import mark_substantive, serialise
from velfaerd.redirects.redirects import was_public

from .autosave import forget as forget_autosave
from .compare import change_lines, compare_graphs, compare_revisions
from .concurrency import NoLostUpdateForm, NoLostUpdateMixin
from .drafts import DraftMixin
from .edit import Restoring, edit_of
from .presence import PresenceMixin
from .restore import revert_item, versions_of

logger = logging.getLogger(__name__)

REVIEW_FIELDS = ("owner", "review_interval", "last_reviewed", "review_status")
PUBLISHING_FIELDS = ("is_published", "publish_at", "expire_at")
EDITING_FIELDS = ("substantive_change", "change_note")
RESTORE_LINES_SHOWN = 8
MODEL_SIGNALS = (pre_save, post_save, pre_delete, post_delete, m2m_changed)


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


class LixProseEditorWidget(AdminProseEditorWidget):
    """The rich-text editor with the text's LIX under it, updated as the editor types."""

    template_name = "admin/velfaerd/lix_prose_editor.html"

    @property
    def media(self):
        scripts = [Script("velfaerd/admin/lix.js", type="module"), Script("velfaerd/admin/prose-da.js", type="module")]
        return super().media + Media(js=scripts)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["lix"] = lix(value or "")
        context["lix_labels"] = json.dumps([str(label) for _limit, label in SCALE] + [str(VERY_HARD)])
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


class ContentForm(NoLostUpdateForm):
    """Every content form: the editor may say what changed, kept with the revision; a form opened before someone
    else's save is refused (concurrency.py)."""

    change_note = forms.CharField(
        label=gettext_lazy("Change note"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Optional: what changed and why. It is kept with this version in the history."),
    )


class SubstantiveChangeForm(ContentForm):
    """The form of content that theme pages show: a substantive change moves their "Sidst opdateret"."""

    substantive_change = forms.BooleanField(
        label=gettext_lazy("Substantive change"),
        required=False,
        help_text=gettext_lazy(
            "Tick when the change matters to readers. “Sidst opdateret” on the pages that show this content then "
            "moves to today. Leave it unticked for corrections of typos and layout."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # New content is a substantive change by default; a change of existing content is not.
        self.fields["substantive_change"].initial = self.instance._state.adding


class UploadFailedForm(forms.ModelForm):
    """Shown again after a file could not be stored: nothing was saved, and the form says so."""

    def clean(self):
        raise forms.ValidationError(
            _("The file could not be stored on the server (the disk may be full). Nothing was saved; try again later.")
        )


class SubstantiveChangeMixin:
    """For the admins of content that theme pages show: "Væsentlig ændring" moves "Sidst opdateret" of the pages
    concerned, and the log says so. Content that no page shows has no such box (and ignores one posted)."""

    form = SubstantiveChangeForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # When the change goes live: a draft moves nothing until it is published.
        if form.cleaned_data.get("substantive_change") and not edit_of(request).saving_a_draft:
            self.mark_pages_updated(request, form.instance)

    def mark_pages_updated(self, request, obj):
        if hasattr(obj, "theme_pages_to_mark_updated"):
            mark_substantive(obj, timezone.localdate(), request.user)


class NestedDeletionMixin:
    """For admins with nested inlines: what is nested in a deleted row goes with it (on_delete=CASCADE), whether
    or not its own "delete" boxes were ticked, as a browser without JavaScript leaves them."""

    def save_related(self, request, form, formsets, change):
        form.save_m2m()
        deleted = set()
        for formset in formsets:  # parents come before what is nested in them
            parent = formset.instance
            if (type(parent), parent.pk) in deleted:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
                continue  # its rows went with it
            self.save_formset(request, form, formset, change=change)
            deleted |= {(type(f.instance), f.instance.pk) for f in formset.deleted_forms if f.instance.pk}


class GoneRowForm(forms.ModelForm):
    """An inline row whose object someone else deleted after the form was opened says so, at the row."""

    gone_message = gettext_lazy(
        "Someone else deleted this after you opened the page, so it cannot be saved. Nothing was saved; copy what "
        "you need from it, then open the page again."
    )

    def clean(self):
        pk_name = self._meta.model._meta.pk.name
        if self.instance._state.adding and self.has_error(pk_name) and self.data.get(self.add_prefix(pk_name)):
            del self._errors[pk_name]
            raise forms.ValidationError(self.gone_message, code="gone")
        return super().clean()


class SafeUploadMixin:
    """A save that fails leaves nothing: no row (the admin's transaction) and no file (keep_files_only_on_success).
    When the disk fills up half-way, the editor gets the form back with what they typed and a Danish error."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with keep_files_only_on_success():
                response = super().changeform_view(request, object_id, form_url, extra_context)
            if request.method == "POST" and response.status_code == 302:
                for name, token in request.POST.items():
                    if name.endswith("__beholdt"):
                        release(token)  # saved: the file it held has been stored with the item
            return response
        except UploadFailed:
            logger.exception("An upload could not be stored; nothing was saved.")
        # The same form again, this time with the error and without saving.
        edit = edit_of(request)
        edit.upload_failed = True
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            edit.upload_failed = False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and not edit_of(request).upload_failed:
            # The save failed on another field's error: the files chosen are held, not lost.
            hold_uploads(context["adminform"].form)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if edit_of(request).upload_failed:
            return type(form.__name__, (UploadFailedForm, form), {})
        return form


class RevisionNoteMixin:
    """Every save keeps a revision (django-reversion) with its author, time and the editor's change note; the
    history lists revisions and the log, compares any two revisions field by field and restores one."""

    form = ContentForm
    object_history_template = "admin/velfaerd/object_history.html"

    def construct_change_message(self, request, form, formsets, add=False):
        # Django keeps field names in the log in English and translates them when shown, which only works for
        # names its own catalogue knows; this site is Danish only, so the log keeps the Danish names.
        message = danish_field_names(super().construct_change_message(request, form, formsets, add), form, formsets)
        # The editor's note travels with the message into the log and, below, into the revision.
        if note := form.cleaned_data.get("change_note", ""):
            message.append({"note": note})
        return message

    def _note_in_revision(self, request, entry, message):
        note = next((part["note"] for part in message if isinstance(part, dict) and "note" in part), "")
        if note and is_active():
            comment = f"{note} ({entry.get_change_message()})"
            edit_of(request).note = comment  # kept over what django-reversion says of a restore
            set_comment(comment)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._note_in_revision(request, entry, message)
        return entry

    def log_change(self, request, obj, message):
        edit = edit_of(request)
        restoring = edit.restoring
        if not message and restoring is None and not edit.publishing_a_draft:
            # Nothing changed: nothing is saved, no version is kept and nothing is logged.
            edit.unchanged = True
            transaction.set_rollback(True)
            return None
        entry = super().log_change(request, obj, message)
        self._note_in_revision(request, entry, message)
        if restoring is not None:
            self._log_restore(request, obj, restoring)
        return entry

    def _log_restore(self, request, obj, restoring):
        text = restored_text(restoring.version)
        if restoring.last_updated is not None:
            text += " " + _("“Sidst opdateret”: %(old)s → %(new)s.") % {
                "old": date_format(restoring.last_updated, "d.m.Y"),
                "new": date_format(type(obj)._default_manager.get(pk=obj.pk).last_updated, "d.m.Y"),
            }
        # What the restore changed, of this item and its own parts only: nothing else was touched.
        before = restoring.before
        lines = change_lines(compare_graphs(before, serialise(obj))) if before else []
        if lines:
            shown = "; ".join(lines[:RESTORE_LINES_SHOWN])
            if len(lines) > RESTORE_LINES_SHOWN:
                shown += " " + _("(and %(count)d more)") % {"count": len(lines) - RESTORE_LINES_SHOWN}
            text += " " + _("What changed: %(changes)s") % {"changes": shown}
        LogEntry.objects.log_actions(request.user.pk, [obj], CHANGE, text)
        messages.info(request, text)

    def response_change(self, request, obj):
        if not edit_of(request).unchanged:
            return super().response_change(request, obj)
        self.message_user(request, _("Nothing was saved: nothing was changed."), messages.INFO)
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    @contextlib.contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            edit = edit_of(request)
            if edit.unchanged:
                forget_collected()
            elif edit.restoring is not None and edit.note:
                set_comment(edit.note)  # the editor's note, not only "Reverted to ..."

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        restoring = edit_of(request).restoring
        if obj is not None and restoring is not None and restoring.last_updated is not None:
            # A restore is a change like any other: "Sidst opdateret" stays, or moves to today if it is
            # substantive; it never goes back to the old version's date.
            obj.last_updated = restoring.last_updated
        return obj

    def has_edit_content_permission(self, request, obj=None):
        """May change the content itself (not only, say, a date that staff keep)."""
        return self.has_change_permission(request, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore a version of this item: only the item and its own parts, whatever else its revision holds."""
        if not self.has_edit_content_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        live = self.model._default_manager.filter(pk=object_id).first()
        # The version must be this model's and this item's: another item's is not restored through this address.
        version = versions_of(self.model).filter(pk=version_id, object_id=object_id).select_related("revision").first()
        if live is None or version is None:
            raise Http404(_("This version does not belong to this item."))
        edit_of(request).restoring = Restoring(version, last_updated=getattr(live, "last_updated", None))
        context = {"title": _("Revert %(name)s") % {"name": version.object_repr}, "revert": True}
        template = self.revision_form_template or "reversion/revision_form.html"
        return self._restore_form_view(request, version, template, {**context, **(extra_context or {})})

    def recover_view(self, request, version_id, extra_context=None):
        """Bring back a deleted item of this model as it was in a version."""
        if not (self.has_edit_content_permission(request) and self.has_add_permission(request)):
            raise PermissionDenied
        version = versions_of(self.model).filter(pk=version_id).select_related("revision").first()
        if version is None or self.model._default_manager.filter(pk=version.object_id).exists():
            # Another model's version, or an item that exists: that is a restore, on its own history.
            raise Http404(_("There is no deleted item of this kind with this version."))
        edit_of(request).restoring = Restoring(version)
        context = {"title": _("Recover %(name)s") % {"name": version.object_repr}, "recover": True}
        template = self.recover_form_template or "reversion/recover_form.html"
        return self._restore_form_view(request, version, template, {**context, **(extra_context or {})})

    def _restore_form_view(self, request, version, template, extra_context):
        """The change form on the item as ``version`` has it: shown (and undone) on GET, saved on "Gem" with every
        rule of a normal save (permission, no lost update, "Sidst opdateret")."""
        try:
            with transaction.atomic():
                # Looking must change nothing and tell nobody: no signal goes out while the version is shown.
                muted = mute_signals(*MODEL_SIGNALS) if request.method != "POST" else contextlib.nullcontext()
                with muted:
                    edit_of(request).restoring.before = revert_item(version)
                    with self.create_revision(request):
                        response = self.changeform_view(request, quote(version.object_id), request.path, extra_context)
                        if request.method == "POST" and response.status_code == 302:
                            set_comment(restored_text(version))
                            return response
                        if isinstance(response, TemplateResponse):
                            response.template_name = template
                            response.render()  # now, while the version is in the rows
                        raise _ShownOnly(response)
        except _ShownOnly as shown:
            return shown.response

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{name}_compare",
            ),
            *super().get_urls(),
        ]

    # History: every revision (to compare or restore) and every logged action, such as "Sidst opdateret" moved.
    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and hasattr(response, "context_data"):
            for action in response.context_data["action_list"]:
                action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[1])
            opts = self.model._meta
            response.context_data["compare_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_compare", args=[quote(obj.pk)]
            )
            response.context_data["log_entries"] = (
                LogEntry.objects.filter(content_type__app_label=opts.app_label, content_type__model=opts.model_name)
                .filter(object_id=str(obj.pk))
                .select_related("user")
                .order_by("-action_time")
            )
        return response

    # Comparing two revisions.
    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision", "revision__user")
        try:
            older = versions.get(pk=request.GET["from"])
            newer = versions.get(pk=request.GET["to"])
        except (KeyError, ValueError, Version.DoesNotExist) as error:
            raise Http404(_("Choose two versions to compare.")) from error
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of %(name)s") % {"name": obj},
            "opts": opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "changes": compare_revisions(older, newer),
        }
        return TemplateResponse(request, "admin/velfaerd/compare.html", context)


class _ShownOnly(Exception):
    """Undoes the transaction of a version that was only shown (or whose form came back with an error)."""

    def __init__(self, response):
        self.response = response


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
        text = date_format(due, "d.m.Y")
        if obj.is_review_due():
            return format_html('<strong class="review-due">{}</strong>', _("Due %(date)s") % {"date": text})
        return text

    review_status.short_description = gettext_lazy("next review")


class LinkedContentGuardMixin:
    """Deleting what pages link to is refused, with the pages named."""

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_delete_permission(request, obj):
            raise PermissionDenied
        pages = list(registry.pages_linking_to(obj)) if obj is not None else []
        if pages:
            self.message_user(request, refusal(obj, pages), messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
            )
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # The rows that only join an item to its organisations or themes go with it unseen: editors know them as
        # the item's fields, not as "Publication_publishers object (5)".
        joins = {
            field.remote_field.through
            for obj in objs
            for field in obj._meta.many_to_many
            if field.remote_field.through._meta.auto_created
        }
        for model in joins:
            model_count.pop(model._meta.verbose_name_plural, None)
        labels = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in joins)
        deleted = _without(deleted, labels) if labels else deleted
        pages = {page for obj in objs for page in registry.pages_linking_to(obj)}
        if pages:
            protected = [_("Theme page “%(page)s”") % {"page": page} for page in sorted(pages, key=str)]
        return deleted, model_count, perms_needed, protected


class ContentAdmin(
    DraftMixin, PresenceMixin, RichTextLixMixin, NoLostUpdateMixin, RevisionNoteMixin, SafeUploadMixin, VersionAdmin
):
    """What every content admin has: drafts of changes (of publishable content), rich text with its readability,
    no lost update and who else has the form open, revisions with notes, uploads that leave nothing behind when a
    save fails. Each admin adds the rest by name (ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin,
    NestedDeletionMixin)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and response.status_code == 302:
            forget_autosave(request.user, request.path)  # saved: nothing typed in it is unsaved any more
        return response

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


def _without(nested, labels):
    """The admin's nested list of what a delete takes, without the lines that begin with ``labels``."""
    kept = []
    for entry in nested:
        if isinstance(entry, list):
            kept.append(_without(entry, labels))
        elif not str(entry).startswith(labels):
            kept.append(entry)
    return kept


def restored_text(version):
    return _("Restored the version of %(date)s.") % {
        "date": date_format(timezone.localtime(version.revision.date_created), "d.m.Y \\k\\l. H:i")
    }


def danish_field_names(message, form, formsets):
    forms_ = [form]
    pending = list(formsets)
    while pending:
        formset = pending.pop()
        forms_.append(formset.empty_form)
        pending += getattr(formset.empty_form, "nested_formsets", [])
    names = {}
    for each in forms_:
        for field in each.fields.values():
            with translation.override(None):
                english = str(field.label)
            names[english] = str(field.label)
    for entry in message:
        for action in entry.values():
            if isinstance(action, dict) and "fields" in action:
                action["fields"] = [names.get(name, name) for name in action["fields"]]
    return message


def refusal(obj, pages):
    return _("“%(name)s” cannot be deleted while these pages link to it: %(pages)s. Remove the links first.") % {
        "name": obj,
        "pages": ", ".join(f"“{page}”" for page in pages),
    }


def public_address(obj):
    """The address visitors may have of ``obj`` (it has been published), or None."""
    return obj.get_absolute_url() if was_public(obj) and hasattr(obj, "get_absolute_url") else None


def offer_redirect(request, address):
    """After an item is deleted or taken off: its address finds nothing now; offer to send visitors on."""
    if address is None or not request.user.has_perm("redirects.add_redirect"):
        return
    url = reverse("admin:redirects_redirect_add") + "?" + urlencode({"old_path": address})
    text = _('Visitors with the address {address} now find nothing. <a href="{url}">Send them on</a> elsewhere.')
    messages.info(request, format_html(text, address=address, url=url))
