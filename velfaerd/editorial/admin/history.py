"""History: every save keeps a revision with its author, time and note; the history lists revisions and the
log, compares any two, and restores one (only the item and its own parts, through the normal change form)."""

import contextlib
import logging

from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from reversion import is_active, set_comment
from reversion.models import Version
from reversion.utils import mute_signals

from velfaerd.content.dates import day_text, moment_text
from velfaerd.content.revisions import forget_collected
from velfaerd.drafts.drafts import serialise

from ..compare import change_lines, compare_graphs, compare_revisions
from ..restore import revert_item, versions_of
from .edit import Restoring, edit_of
from .forms import ContentForm

logger = logging.getLogger(__name__)


RESTORE_LINES_SHOWN = 8


MODEL_SIGNALS = (pre_save, post_save, pre_delete, post_delete, m2m_changed)


class RevisionNoteMixin:
    """Every save keeps a revision (django-reversion) with its author, time and the editor's change note; the
    history lists revisions and the log, compares any two revisions field by field and restores one."""

    form = ContentForm
    object_history_template = "editorial/object_history.html"

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
                "old": day_text(restoring.last_updated),
                "new": day_text(type(obj)._default_manager.get(pk=obj.pk).last_updated),
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
        return TemplateResponse(request, "editorial/compare.html", context)


class _ShownOnly(Exception):
    """Undoes the transaction of a version that was only shown (or whose form came back with an error)."""

    def __init__(self, response):
        self.response = response


def restored_text(version):
    return _("Restored the version of %(date)s.") % {"date": moment_text(version.revision.date_created)}


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
