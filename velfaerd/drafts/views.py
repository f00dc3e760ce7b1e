"""What a visitor may see of an item (published items only; staff and preview links see drafts), and the preview
link's own address."""

import copy

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from velfaerd.drafts.drafts import Draft, PreviewLink

#: A preview link's page sets this cookie, for the media folder only, naming the link: the files it shows (a
#: draft's new cover or PDF) are then given to that browser while the link is valid (velfaerd/media/access.py).
PREVIEW_COOKIE = "velfaerd_forhaandsvisning"
PREVIEW_COOKIE_SALT = "velfaerd.preview-link.files"


class PublishedMixin:
    """The one place that decides what a visitor may see: published items only.

    Staff who may change an item also see it as a draft or before its time (a preview), and a live item with its
    draft of changes applied: with a banner, never cached and never indexed. A preview link (``preview_view``)
    shows one item so to someone without a login. Visitors get 404. A draft is applied inside a transaction that
    is rolled back, so the page is made by the same code as the live one.
    """

    draft = None

    @property
    def preview_link(self):
        link = getattr(self.request, "preview_link", None)
        return link if link is not None and link.content_type.model_class() is self.model else None

    def can_preview(self):
        """Staff who may change items of this kind."""
        # Without a session cookie nobody is logged in: visitors' requests never touch the session, so their
        # responses stay the same for everyone (no "Vary: Cookie") and can be cached.
        if settings.SESSION_COOKIE_NAME not in self.request.COOKIES:
            return False
        user = self.request.user
        opts = self.model._meta
        return user.is_authenticated and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def previewing(self):
        """Staff, or someone with a preview link of this item: they see it as editors do."""
        return self.preview_link is not None or self.can_preview()

    def get_queryset(self):
        queryset = super().get_queryset()
        if (link := self.preview_link) is not None:
            return queryset.filter(pk=link.object_id)  # that item only
        return queryset if self.can_preview() else queryset.published()

    def get(self, request, *args, **kwargs):
        draft = self.draft_to_show()
        if draft is None:
            return super().get(request, *args, **kwargs)
        with transaction.atomic():
            self.draft = draft
            draft.apply()
            response = super().get(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            transaction.set_rollback(True)  # visitors never see it
        return response

    def draft_to_show(self):
        if (link := self.preview_link) is not None:
            return link.draft
        if not self.can_preview():
            return None
        return Draft.objects.for_object(self.get_object()).select_related("saved_by").first()

    def get_object(self, queryset=None):
        if self.draft is None:
            return super().get_object(queryset)
        # The draft may change the item's address: it is found by its id.
        queryset = self.get_queryset() if queryset is None else queryset
        obj = queryset.filter(pk=self.draft.object_id).first()
        if obj is None:
            raise Http404
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["draft"] = self.draft
        context["preview_link"] = self.preview_link
        context["preview"] = not self.object.is_live() or self.draft is not None or self.preview_link is not None
        context["can_preview"] = self.can_preview()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        staff = settings.SESSION_COOKIE_NAME in self.request.COOKIES and self.request.user.is_authenticated
        if staff or self.preview_link is not None:
            # What staff see may differ from what visitors see: keep it out of every shared cache.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        if context.get("preview"):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def preview_view(request, token):
    """A preview link: the item's own page as editors see it, for someone without a login."""
    link = PreviewLink.from_token(token)
    item = link.item() if link is not None else None
    if item is None:
        response = render(request, "drafts/preview_gone.html", status=410)
    else:
        # The item's page, made as at its own address: its structured data and breadcrumbs name that address,
        # never the link's key.
        address = item.get_absolute_url()
        match = resolve(address)
        page_request = copy.copy(request)
        page_request.path = page_request.path_info = address
        page_request.preview_link = link
        response = match.func(page_request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the link is the key: it never travels on
    if item is not None:
        # Its files (a draft's new cover or PDF) are shown to this browser too (velfaerd/media/access.py).
        response.set_cookie(
            PREVIEW_COOKIE,
            signing.dumps(link.pk, salt=PREVIEW_COOKIE_SALT),
            max_age=max(1, int((link.expires_at - timezone.now()).total_seconds())),
            path=settings.MEDIA_URL,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response
