from django.apps import apps as django_apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from velfaerd.reading import counting, figures
from velfaerd.redirects.redirects import NotFound

from . import dashboard, health, linkcheck
from .autosave import autosave_view
from .linktargets import link_target_choices_view, link_targets_view


class AutocompleteView(AutocompleteJsonView):
    """The admin's search boxes; the one for an item's owner is open to whoever may change the item, among the
    active staff, without the right to see the list of users."""

    def _choosing_a_user(self):
        return self.source_field.remote_field.model is get_user_model()

    def has_perm(self, request, obj=None):
        if self._choosing_a_user():
            source_admin = self.admin_site._registry.get(self.source_field.model)
            return source_admin is not None and source_admin.has_change_permission(request)
        return super().has_perm(request, obj)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.filter(is_staff=True, is_active=True) if self._choosing_a_user() else queryset


class AdminSite(admin.AdminSite):
    site_header = _("Velfærd: editing")
    site_title = _("Velfærd")
    index_title = _("Content")

    def get_urls(self):
        def health(view):  # the content-health page and what it does: for those who may see the link checks
            return self.admin_view(permission_required("editorial.view_linkcheck", raise_exception=True)(view))

        return [
            path("indholdstjek/", health(self.health_view), name="content-health"),
            path("indholdstjek/tjek-links/", health(self.check_links_view), name="check-links"),
            path("indholdstjek/tjek-links/status/", health(self.check_links_status_view), name="check-links-status"),
            path("ikke-gemt/", self.admin_view(autosave_view), name="autosave"),
            path("sider-til-links/", self.admin_view(self.link_targets_view), name="link-targets"),
            path("sider-til-links/valg/", self.admin_view(self.link_target_choices_view), name="link-target-choices"),
            path(
                "laesning/",
                self.admin_view(permission_required("reading.view_pageviews", raise_exception=True)(self.reading_view)),
                name="reading",
            ),
            path("r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"),
            *(url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"),
        ]

    def logout(self, request, extra_context=None):
        response = super().logout(request, extra_context)
        # What the editor typed and kept in this browser goes with them: the next person here never gets it.
        response["Clear-Site-Data"] = '"storage"'
        return response

    def autocomplete_view(self, request):
        return AutocompleteView.as_view(admin_site=self)(request)

    def link_targets_view(self, request):
        """The rich-text editor's "Side på sitet": the pages whose title has the words typed (JSON)."""
        return link_targets_view(request, self)

    def link_target_choices_view(self, request):
        """The same pages for a link row's one control: "<kind>:<id>" and a label each (Select2's JSON)."""
        return link_target_choices_view(request, self)

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "Vis på sitet" shortcut, for items the user may change only: it reveals where a draft will
        be published (its address carries its title), which other staff have no business knowing."""
        try:
            content_type = ContentType.objects.get_for_id(content_type_id)
            obj = content_type.get_object_for_this_type(pk=object_id)
        except (ObjectDoesNotExist, ValueError, ValidationError) as error:
            raise Http404 from error
        model_admin = self._registry.get(type(obj))
        if model_admin is None or not model_admin.has_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def get_app_list(self, request, app_label=None):
        """An app that says which of its models editors come for (its AppConfig's ``admin_index_first``, model
        names) comes first on the admin index, those models first in it."""
        apps_ = super().get_app_list(request, app_label)
        first = {
            config.label: config.admin_index_first
            for config in django_apps.get_app_configs()
            if getattr(config, "admin_index_first", None)
        }
        apps_.sort(key=lambda app: app["app_label"] not in first)
        for app in apps_:
            if (models_first := first.get(app["app_label"])) is not None:
                app["models"].sort(
                    key=lambda m: (
                        models_first.index(m["object_name"].lower())
                        if m["object_name"].lower() in models_first
                        else len(models_first)
                    )
                )
        return apps_

    def index(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("editorial.view_linkcheck"):
            extra_context["health"] = health.summary()
        return super().index(request, extra_context)

    @method_decorator(require_POST)
    def check_links_view(self, request):
        """ "Tjek links nu": the check runs beside the request, which answers at once; the page shows how far."""
        if linkcheck.start_in_background():
            messages.info(request, _("The links are being checked. The page shows how far it has come."))
        else:
            messages.info(request, _("The links are being checked already."))
        return HttpResponseRedirect(reverse("admin:content-health") + "#broken-links")

    @method_decorator(never_cache)
    def check_links_status_view(self, request):
        return JsonResponse(linkcheck.run_status() or {})

    def reading_view(self, request):
        """ "Læsning": what readers read, what they searched for and did not find, and today's addresses not found."""
        try:
            days = int(request.GET.get("dage", 30))
        except ValueError:
            days = 30
        if days not in figures.PERIODS:
            days = 30
        today = counting.today()
        context = {
            **self.each_context(request),
            "title": _("Reading"),
            "days": days,
            "periods": figures.PERIODS,
            "chart": figures.daily(days),
            "most_read": figures.most_read(days),
            "searches": figures.searches_that_found_nothing(days),
            "not_found": NotFound.objects.filter(last_seen__date=today).order_by("-hits", "path")[: figures.LISTED],
            "counting": settings.READING_COUNT,
            "search_min": settings.READING_SEARCH_MISS_MIN,
        }
        return TemplateResponse(request, "reading/reading.html", context)

    def health_view(self, request):
        """The content health dashboard: everything that needs an editor, each row linking to where to fix it."""
        pages = {name: request.GET.get(name, 1) for name in health.SECTIONS}
        report = health.report(pages)
        context = {
            **self.each_context(request),
            "title": _("Content health"),
            "report": report,
            "sections": dashboard.sections(report),
            "link_check": linkcheck.run_status(),
        }
        return TemplateResponse(request, "editorial/health.html", context)
