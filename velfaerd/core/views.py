"""Views every app uses: the one rule for what a visitor may see, and the site's own small views (search, robots,
health, the Danish 400 page)."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

from . import search


class PublishedMixin:
    """The one place that decides what a visitor may see: published items only.

    Staff who may change an item also see it as a draft or before its time (a preview): with a "Kladde" banner,
    never cached and never indexed. Visitors get 404.
    """

    def can_preview(self):
        # Without a session cookie nobody is logged in: visitors' requests never touch the session, so their
        # responses stay the same for everyone (no "Vary: Cookie") and can be cached.
        if settings.SESSION_COOKIE_NAME not in self.request.COOKIES:
            return False
        user = self.request.user
        opts = self.model._meta
        return user.is_authenticated and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.can_preview() else queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_live()
        context["can_preview"] = self.can_preview()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if settings.SESSION_COOKIE_NAME in self.request.COOKIES and self.request.user.is_authenticated:
            # What staff see may differ from what visitors see: keep it out of every shared cache.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        if context.get("preview"):
            response["X-Robots-Tag"] = "noindex, nofollow"
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
    hits = []
    if form.is_valid():
        query = search.normalise(form.cleaned_data["q"])
        hits = search.search(query)
    return render(request, "velfaerd/search.html", {"form": form, "query": query, "hits": hits})


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /soeg/", f"Sitemap: {sitemap}", ""]
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


def bad_request(request, exception):
    """400 in Danish. A form too large to be read (too many fields or too much data) says that nothing was saved
    and how to get the editor's work back."""
    too_large = isinstance(exception, (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig))
    return render(request, "400.html", {"too_large": too_large}, status=400)


def bench_ceiling(request, size):
    """The benchmark's ceiling: a trivial page of ``size`` bytes through the same middleware (only when
    DJANGO_BENCHMARK is set)."""
    return HttpResponse(b"x" * min(size, 1_000_000), content_type="text/html; charset=utf-8")
