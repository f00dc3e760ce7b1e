"""The editors' admin, split by capability. A content type's admin is a declaration of what it offers:

    class PublicationAdmin(PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin,
                           ContentAdmin): ...

- ``base``: ``ContentAdmin``, the pipeline every content admin is made of, in this order: drafts (``drafts``), who
  else has the item open (``presence``), rich text with its readability (``richtext``), no lost update
  (``concurrency``), history with notes, compare and restore (``history``), uploads that leave nothing behind
  (``uploads``), over django-reversion's ``VersionAdmin``;
- capabilities an admin adds by name: ``review`` (review dates), ``guards`` (substantive changes, linked content,
  nested deletion, redirects offered);
- ``edit``: the state of one edit, one object per request; ``checks``: the order above, checked at start-up;
- ``shared``: the admins of organisations, leadership themes, link checks, the log and users.
"""

from . import shared  # noqa: F401 - registers the admins of what every content type shares
from .base import EDITING_FIELDS, PUBLISHING_FIELDS, REVIEW_FIELDS, ContentAdmin, PublishedListMixin, content_fieldsets
from .concurrency import NoLostUpdateForm, NoLostUpdateMixin
from .guards import GoneRowForm, LinkedContentGuardMixin, NestedDeletionMixin, SubstantiveChangeMixin
from .review import ReviewMixin
from .richtext import RichTextLixMixin

__all__ = [
    "EDITING_FIELDS",
    "PUBLISHING_FIELDS",
    "REVIEW_FIELDS",
    "ContentAdmin",
    "GoneRowForm",
    "LinkedContentGuardMixin",
    "NestedDeletionMixin",
    "NoLostUpdateForm",
    "NoLostUpdateMixin",
    "PublishedListMixin",
    "ReviewMixin",
    "RichTextLixMixin",
    "SubstantiveChangeMixin",
    "content_fieldsets",
]
