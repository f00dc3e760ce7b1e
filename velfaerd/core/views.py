"""Views every app uses: the one rule for what a visitor may see, and the site's own small views (search, robots,
health, the Danish 400 page)."""

import copy
import logging
import sys
import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

from . import media, search
from .drafts import Draft, PreviewLink

logger = logging.getLogger(__name__)


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
        response = render(request, "velfaerd/preview_gone.html", status=410)
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
        # Its files (a draft's new cover or PDF) are shown to this browser too (velfaerd/core/media.py).
        response.set_cookie(
            media.PREVIEW_COOKIE,
            signing.dumps(link.pk, salt=media.PREVIEW_COOKIE_SALT),
            max_age=max(1, int((link.expires_at - timezone.now()).total_seconds())),
            path=settings.MEDIA_URL,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=search.MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": _("The search can be at most %(limit_value)d characters long.")},
    )


def search_view(request):
    form = SearchForm(request.GET or None)
    query = ""
    page = None
    too_slow = False
    if form.is_valid():
        query = search.normalise(form.cleaned_data["q"])
        try:
            page = search.search(query, request.GET.get("page", 1))
        except search.TooSlow:
            too_slow = True
    context = {
        "form": form,
        "query": query,
        "hits": page.object_list if page else [],
        "page_obj": page,
        "paginator": page.paginator if page else None,
        "is_paginated": bool(page and page.has_other_pages()),
        "query_string": urlencode({"q": query}),
        "too_slow": too_slow,
    }
    return render(request, "velfaerd/search.html", context, status=503 if too_slow else 200)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The search page is not disallowed: it says noindex itself, which a crawler kept out could never read.
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not. The cache is
    reported too; the site serves without it (more slowly), so a cache that is down does not make it unhealthy."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError:
        database = "down"
    cache_state = "ok" if _cache_answers() else "down"
    body = f"database: {database}\ncache: {cache_state}\n"
    return HttpResponse(body, status=200 if database == "ok" else 503, content_type="text/plain")


def _cache_answers():
    if hasattr(cache, "is_available"):
        return cache.is_available()
    probe = "velfaerd:probe"
    cache.set(probe, 1, timeout=10)
    return cache.get(probe) == 1


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page says: to the static file (its hashed name in production)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


#: A database that does not answer is said in the log once per process in this many seconds, not per request;
#: visitors are asked to come back after this many.
DATABASE_DOWN_LOG_SECONDS = 10
DATABASE_DOWN_RETRY_SECONDS = 30
_database_down_logged = {"at": -DATABASE_DOWN_LOG_SECONDS}


def server_error(request):
    """500 in Danish; 503 with Retry-After when the database does not answer (an outage, not a fault of the page),
    logged once per process every few seconds instead of a traceback per request."""
    # Rendered without the request: its context processors could ask the database that just failed.
    error = sys.exception()
    if not isinstance(error, OperationalError | InterfaceError):
        return HttpResponseServerError(render_to_string("500.html"))
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_DOWN_RETRY_SECONDS)
    add_never_cache_headers(response)
    response._has_been_logged = True  # Django would log a traceback for each request
    now = time.monotonic()
    if now - _database_down_logged["at"] >= DATABASE_DOWN_LOG_SECONDS:
        _database_down_logged["at"] = now
        logger.error("The database does not answer; visitors get 503 meanwhile: %s", error)
    return response


def bad_request(request, exception):
    """400 in Danish. A form too large to be read (too many fields or too much data) says that nothing was saved
    and how to get the editor's work back."""
    too_large = isinstance(exception, (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig))
    return render(request, "400.html", {"too_large": too_large}, status=400)


def _in_the_admin(request):
    return request.path.startswith(reverse("admin:index"))


def _refused(request, admin_title, **context):
    """A 403 in Danish: in the admin's look for editors (with the way back), else in the site's."""
    if _in_the_admin(request):
        return render(
            request, "admin/403.html", {**admin.site.each_context(request), "title": admin_title, **context}, status=403
        )
    return render(request, "403.html", context, status=403)


def permission_denied(request, exception=None):
    return _refused(request, _("You may not open this page"))


def csrf_failure(request, reason=""):
    """A form sent from a page that was open too long, or from another login (Django's own page is English): what
    happened, that nothing was saved, and what to do."""
    return _refused(request, _("The form could not be sent"), csrf_failure=True)


def bench_ceiling(request, size):
    """The benchmark's ceiling: a trivial page of ``size`` bytes through the same middleware (only when
    DJANGO_BENCHMARK is set)."""
    return HttpResponse(b"x" * min(size, 1_000_000), content_type="text/html; charset=utf-8")
