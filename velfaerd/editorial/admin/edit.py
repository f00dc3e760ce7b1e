"""The state of one edit in the admin: one object per request, made by the first capability that asks for it and
read by the others, instead of attributes scattered over the request or values in context variables.

A change view runs through several capabilities (drafts, history, uploads, concurrency...), each a mixin of the
content admin overriding some of Django's hooks (see ``velfaerd.editorial.admin.base``). What one decides (the
button pressed, a restore under way, a save that changed nothing) another needs later in the same request; Django's
hooks take the request and nothing else of ours, so the edit is found by its request: ``edit_of(request)``.
"""

import dataclasses
import weakref


@dataclasses.dataclass
class Restoring:
    """A restore of an earlier version under way: the version, the live item's "Sidst opdateret", and the item as
    it was before the version was put in place (to say what the restore changed)."""

    version: object
    last_updated: object = None
    before: list | None = None


@dataclasses.dataclass
class Drafting:
    """A change form opened on a draft, or saved as one."""

    draft: object  # the draft the form was opened on, or None
    drafting: bool  # "Gem som kladde" of a published item: the result becomes the draft
    data: list | None = None  # what was saved, serialised
    form_data: dict = dataclasses.field(default_factory=dict)  # what the editor typed with it (note, schedule)
    published: bool = False


@dataclasses.dataclass(eq=False)
class Edit:
    #: Published or not, as the button pressed says ("Udgiv", "Gem som kladde", "Afpublicér"); None: no button.
    published: bool | None = None
    #: The save changed whether visitors see the item (the message says so).
    published_changed: bool = False
    #: A draft opened or saved (drafts.py), or None.
    drafting: Drafting | None = None
    #: A restore of an earlier version (history.py), or None.
    restoring: Restoring | None = None
    #: The editor's change note as it goes into the revision.
    note: str = ""
    #: The form changed nothing: nothing is saved, versioned or logged.
    unchanged: bool = False
    #: The main form of the save, once it is valid.
    form: object = None
    #: Storing an upload failed: the form is shown again with the error, and nothing is saved.
    upload_failed: bool = False

    @property
    def mode(self):
        """What this edit is: "restore", "draft" (saved as a draft), "publish-draft" (a draft goes live), or
        "edit"."""
        if self.restoring is not None:
            return "restore"
        if self.drafting is not None:
            return "draft" if self.drafting.drafting else "publish-draft"
        return "edit"

    @property
    def saving_a_draft(self):
        """A save that becomes a draft: nothing that happens only when a change goes live may happen."""
        return self.mode == "draft"

    @property
    def publishing_a_draft(self):
        """A save that publishes a draft: it changes the item even when the form itself changed nothing."""
        return self.mode == "publish-draft" and self.drafting.draft is not None


_edits = weakref.WeakKeyDictionary()


def edit_of(request):
    """The edit ``request`` makes (made on first use; gone with the request)."""
    edit = _edits.get(request)
    if edit is None:
        edit = _edits[request] = Edit()
    return edit
