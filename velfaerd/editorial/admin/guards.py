"""Guards on what a save or a delete may do to others' work: substantive changes move "Sidst opdateret" of
the pages concerned, published pages keep what they link to, nested rows deleted by someone else stay deleted, and
a deleted or hidden item's address is offered a redirect."""

import logging
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velfaerd.content.registry import registry
from velfaerd.drafts.drafts import mark_substantive
from velfaerd.redirects.redirects import was_public

from .edit import edit_of
from .forms import ContentForm

logger = logging.getLogger(__name__)


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


def _without(nested, labels):
    """The admin's nested list of what a delete takes, without the lines that begin with ``labels``."""
    kept = []
    for entry in nested:
        if isinstance(entry, list):
            kept.append(_without(entry, labels))
        elif not str(entry).startswith(labels):
            kept.append(entry)
    return kept


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
