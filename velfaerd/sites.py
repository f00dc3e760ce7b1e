from django.contrib import admin
from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import health


class AdminSite(admin.AdminSite):
    site_header = _("Velfærd: editing")
    site_title = _("Velfærd")
    index_title = _("Content")

    def get_urls(self):
        dashboard = permission_required("velfaerd.view_linkcheck", raise_exception=True)(self.health_view)
        return [path("indholdstjek/", self.admin_view(dashboard), name="content-health"), *super().get_urls()]

    def index(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("velfaerd.view_linkcheck"):
            extra_context["health"] = health.summary()
        return super().index(request, extra_context)

    def health_view(self, request):
        """The content health dashboard: everything that needs an editor, each row linking to where to fix it."""
        context = {**self.each_context(request), "title": _("Content health"), "report": health.report()}
        return TemplateResponse(request, "admin/velfaerd/health.html", context)
