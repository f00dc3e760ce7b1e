"""The form every content admin's change form is made from."""

from django import forms
from django.utils.translation import gettext_lazy

from .concurrency import NoLostUpdateForm


class ContentForm(NoLostUpdateForm):
    """Every content form: the editor may say what changed, kept with the revision; a form opened before someone
    else's save is refused (concurrency.py)."""

    change_note = forms.CharField(
        label=gettext_lazy("Change note"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Optional: what changed and why. It is kept with this version in the history."),
    )
