"""No lost update: a save made from a form opened before someone else's save of the same item is refused.

Each change form carries what the item was when it was opened: its latest revision and its ``updated_at``. Every
admin save makes a revision (with the item's inlines, a page with its parts and links), and every other change
moves ``updated_at`` (also the bulk ones: "Sidst opdateret" moved by a linked item, a review marked). On saving,
the item's row is locked (on SQLite the admin's transaction already holds the write lock from its start), the two
are compared, and a form that is out of date comes back with everything the editor typed, who saved meanwhile and
when, and what they changed, field by field. Its marker is then the current one: after merging, "Gem" saves.
"""

from django import forms
from django.utils.translation import gettext as _
from reversion.models import Version

from velfaerd.content.dates import moment_text
from velfaerd.drafts.drafts import Draft

from ..compare import change_lines, compare_graphs, compare_revisions
from ..restore import item_entries

FIELD = "opened_as"


def _versions(obj):
    # Of the concrete model: the Medarbejder's screen shows a theme page through a proxy.
    return Version.objects.get_for_object_reference(obj._meta.concrete_model, obj.pk)


def _latest_version(obj):
    return _versions(obj).select_related("revision__user").first()


def _draft(obj):
    return Draft.objects.for_object(obj).select_related("saved_by").first()


def state_marker(obj):
    """What ``obj`` is now, as a short text: its latest revision, when its row last changed, and its draft."""
    version = _latest_version(obj)
    updated = getattr(obj, "updated_at", None)
    draft = _draft(obj)
    return f"{version.pk if version else 0}:{updated.isoformat() if updated else ''}:{draft.token if draft else ''}"


def _changes_since(obj, marker):
    """Who saved ``obj`` after the form with ``marker`` was opened, when, what they changed (as lines), and the
    changes of the item's own fields with the values they saved (for a choice per field)."""
    latest = _latest_version(obj)
    head = marker.split(":", 1)[0]
    opened_pk = int(head) if head.isdigit() else 0
    draft = _draft(obj)
    if draft is not None and not marker.endswith(f":{draft.token}") and (latest is None or latest.pk == opened_pk):
        # Someone saved a draft meanwhile: what it changes.
        return draft.saved_by, draft.saved_at, change_lines(compare_graphs(draft.base, draft.data)), []
    if latest is None or latest.pk == opened_pk:
        return None, getattr(obj, "updated_at", None), [], []
    # The version the form was opened on; without one (content made before revisions were kept), the one before
    # the latest save shows at least what that save changed.
    opened = _versions(obj).filter(pk=opened_pk).first() or _versions(obj).exclude(pk=latest.pk).first()
    if opened is None:
        return latest.revision.user, latest.revision.date_created, [], []
    changes = compare_revisions(opened, latest)
    saved = item_entries(latest)[0]["fields"]
    fields = [
        {**row, "theirs": saved.get(row["name"])} for change in changes if change["main"] for row in change["rows"]
    ]
    return latest.revision.user, latest.revision.date_created, change_lines(changes), fields


def _as_input(field, change):
    """What the other editor saved, as the form's input takes it: a text as it is, a choice by its value; None for
    what cannot be typed back (a list of several, a date split in two inputs): that is merged by hand."""
    value = change["theirs"]
    if isinstance(value, list) or isinstance(field, forms.SplitDateTimeField | forms.MultipleChoiceField):
        return None
    if isinstance(value, bool):
        return None if not isinstance(field, forms.BooleanField) else value
    return "" if value is None else str(value)


class NoLostUpdateForm(forms.ModelForm):
    """Carries the item's state marker, and refuses a save made from an out-of-date form."""

    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)
    conflicts = None  # when refused: who saved meanwhile and each field they changed

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[FIELD].initial = state_marker(self.instance)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            return cleaned  # deleted meanwhile: Django's own view says so
        marker = state_marker(current)
        opened = cleaned.get(FIELD) or ""
        if opened == marker:
            return cleaned
        who, when, rows, fields = _changes_since(current, opened)
        # The next save, after the editor has merged, is made from the current state.
        self.data = self.data.copy()
        self.data[self.add_prefix(FIELD)] = marker
        # Each field they changed, as a word diff with their text to take or leave (static/velfaerd/admin/
        # conflict.js); fields this form does not show (a Medarbejder's) are only listed.
        self.conflicts = {
            "who": (who.get_full_name() or who.get_username()) if who else _("Someone"),
            "fields": [
                {**each, "id": self[each["name"]].auto_id, "theirs": _as_input(self.fields[each["name"]], each)}
                for each in fields
                if each["name"] in self.fields and not self.fields[each["name"]].disabled
            ],
        }
        when_text = moment_text(when) if when else _("meanwhile")
        message = _(
            "%(who)s saved this after you opened it (%(when)s). Nothing of yours was saved, and what you typed is "
            "still here: merge it with their changes and save again."
        ) % {"who": (who.get_full_name() or who.get_username()) if who else _("Someone"), "when": when_text}
        details = [_("What they changed: %(changes)s") % {"changes": "; ".join(rows)}] if rows else []
        raise forms.ValidationError([message, *details], code="stale")


class NoLostUpdateMixin:
    """For admins whose form is a NoLostUpdateForm: its marker is rendered (hidden) with the form's fields."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(FIELD in options["fields"] for _name, options in fieldsets):
            return fieldsets
        *first, (name, options) = fieldsets
        return [*first, (name, {**options, "fields": (*options["fields"], FIELD)})]
