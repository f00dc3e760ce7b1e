"""A system check of the content admins' order of capabilities.

Each capability of the content admin is a mixin that overrides some of Django's admin hooks and calls the next one
(``super()``). Their order is part of their meaning: drafts wrap the whole change view (a draft is applied, then
rolled back) and must come before history, whose restore must come before uploads (a failed upload shows the
restored form again), and django-reversion's ``VersionAdmin`` opens the revision they all write to, so it comes after
them. An admin that lists a capability after ``ContentAdmin`` (or a base class before it) would run it outside
that order, and so would an admin that composes the capabilities itself in another order (Python keeps
``ContentAdmin``'s own order in its subclasses): the check refuses both at start-up instead of a save going wrong.
"""

from django.apps import apps
from django.contrib import admin
from django.core.checks import Error
from reversion.admin import VersionAdmin

from .base import ContentAdmin, PublishedListMixin
from .concurrency import NoLostUpdateMixin
from .drafts import DraftMixin
from .guards import LinkedContentGuardMixin, NestedDeletionMixin, SubstantiveChangeMixin
from .history import RevisionNoteMixin
from .presence import PresenceMixin
from .review import ReviewMixin
from .richtext import RichTextLixMixin
from .uploads import SafeUploadMixin

#: The pipeline ``ContentAdmin`` is made of, outermost first.
PIPELINE = (
    DraftMixin,
    PresenceMixin,
    RichTextLixMixin,
    NoLostUpdateMixin,
    RevisionNoteMixin,
    SafeUploadMixin,
    VersionAdmin,
)
#: Capabilities an admin adds by name: before ``ContentAdmin``, so that they run inside its pipeline's outer steps.
ADDED = (PublishedListMixin, ReviewMixin, SubstantiveChangeMixin, LinkedContentGuardMixin, NestedDeletionMixin)


def order_errors(admin_class):
    """What is wrong with the order of ``admin_class``'s capabilities (empty when nothing is)."""
    mro = admin_class.__mro__
    errors = []
    found = [step for step in PIPELINE if step in mro]
    if len(found) > 1 and found != sorted(found, key=mro.index):
        errors.append(
            Error(
                f"{admin_class.__qualname__} runs the edit pipeline out of order: "
                f"{', '.join(step.__name__ for step in sorted(found, key=mro.index))}.",
                hint=f"The order is {', '.join(step.__name__ for step in PIPELINE)}; inherit from ContentAdmin.",
                obj=admin_class,
                id="editorial.E001",
            )
        )
    content = ContentAdmin in mro
    late = [mixin for mixin in ADDED if content and mixin in mro and mro.index(mixin) > mro.index(ContentAdmin)]
    if late:
        errors.append(
            Error(
                f"{admin_class.__qualname__} lists {', '.join(m.__name__ for m in late)} after ContentAdmin.",
                hint="Capabilities come before ContentAdmin, other admin bases after it.",
                obj=admin_class,
                id="editorial.E002",
            )
        )
    return errors


def check_edit_pipeline(app_configs=None, **kwargs):
    errors = []
    for model in apps.get_models():
        if admin.site.is_registered(model):
            errors += order_errors(type(admin.site.get_model_admin(model)))
    return errors
