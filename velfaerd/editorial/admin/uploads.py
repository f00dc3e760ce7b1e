"""Uploads that leave nothing behind: a failed save stores no file, and files chosen on a form that comes
back with an error are held for its next save."""

import logging

from django import forms
from django.utils.translation import gettext as _

from velfaerd.content.storage import UploadFailed, keep_files_only_on_success
from velfaerd.content.uploads import hold_uploads, release

from .edit import edit_of

logger = logging.getLogger(__name__)


class UploadFailedForm(forms.ModelForm):
    """Shown again after a file could not be stored: nothing was saved, and the form says so."""

    def clean(self):
        raise forms.ValidationError(
            _("The file could not be stored on the server (the disk may be full). Nothing was saved; try again later.")
        )


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
