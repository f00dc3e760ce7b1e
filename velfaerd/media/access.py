"""Who may download an uploaded file: the item that holds it decides.

A file (or a rendition of an image) of an item visitors may see is public. A file of a draft, a scheduled or an
expired item is shown only to staff who may change that item (a preview). A file no item holds any more (it was
replaced, or its item deleted) is kept for the history but is no longer public: staff who may change that kind
of item can still open it.
"""

import dataclasses
import posixpath
from functools import reduce
from operator import or_

import imagekit.conf  # noqa: F401 - puts imagekit's settings on django.conf.settings
from django.conf import settings
from django.core import signing
from django.db import models

from velfaerd.content.registry import registry
from velfaerd.drafts.drafts import PreviewLink
from velfaerd.drafts.views import PREVIEW_COOKIE, PREVIEW_COOKIE_SALT

#: Image renditions are made under this folder, named after the image they were made from.
RENDITIONS = posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, "")
IMAGE_EXTENSIONS = ("jpg", "png", "webp")


@dataclasses.dataclass(frozen=True)
class Holder:
    model: type
    obj: object = None  # None: no item holds the file now

    @property
    def is_public(self):
        if self.obj is None:
            return False
        return self.obj.is_live() if hasattr(self.obj, "is_live") else True


def _file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def uploaded_names(name):
    """The uploaded file(s) that ``name`` is: itself, or for a rendition the image it was made from."""
    if name.startswith(RENDITIONS):
        stem = posixpath.dirname(name.removeprefix(RENDITIONS))
        return [f"{stem}.{extension}" for extension in IMAGE_EXTENSIONS]
    return [name]


def holder(name):
    """The item that holds the uploaded file ``name`` (a path below MEDIA_ROOT), or a ``Holder`` without one."""
    names = uploaded_names(name)
    kind = name.removeprefix(RENDITIONS).split("/", 1)[0]
    for model in registry.models():
        fields = _file_fields(model)
        if not fields or model._meta.model_name != kind:
            continue
        condition = reduce(or_, (models.Q(**{f"{field.name}__in": names}) for field in fields))
        return Holder(model, model._default_manager.filter(condition).first())
    return None


def may_download(request, name):
    found = holder(name)
    if found is None:
        return False
    if found.is_public:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # a visitor: nobody is logged in
    opts = found.model._meta
    return request.user.is_authenticated and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


# A preview link shows its item as editors see it, files included: the page it opens sets a cookie, for the media
# folder only, naming the link; a file of the link's draft (or of its item, before it is first published) is then
# given to that browser (never kept by a shared cache) while the link is valid.


def shown_by_preview_link(request, name):
    """Whether the preview link whose page this browser opened shows the file ``name``."""
    value = request.COOKIES.get(PREVIEW_COOKIE)
    if not value:
        return False
    try:
        pk = signing.loads(value, salt=PREVIEW_COOKIE_SALT, max_age=settings.PREVIEW_LINK_DAYS * 86400)
    except signing.BadSignature:
        return False
    link = PreviewLink.objects.valid().filter(pk=pk).select_related("draft").first()
    item = link.item() if link is not None else None
    if item is None:
        return False
    names = uploaded_names(name)
    if link.draft is not None:
        files = {value for entry in link.draft.data for value in entry["fields"].values() if isinstance(value, str)}
        return any(each in files for each in names)
    found = holder(name)
    return found is not None and found.obj == item
