"""Who else has this open: "Rikke har også denne side åben".

While a change form is open, it pings its item's presence address every 20 seconds (and says goodbye when it is
closed). The answer names the other editors seen on the same item within the last 90 seconds. A light ping over
plain HTTP: no websockets, nothing running in the background, and any app instance can answer it.
"""

import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from velfaerd.drafts.drafts import content_type_of

from ..models import Presence

#: Seen within this long: still there. A form pings every 20 seconds (a browser may slow a hidden tab down to
#: once a minute).
FRESH = datetime.timedelta(seconds=90)
#: Older rows are removed.
FORGOTTEN = datetime.timedelta(minutes=5)


def others(obj, user, now=None):
    """The other editors with ``obj``'s form open, by name."""
    now = now or timezone.now()
    seen = Presence.objects.filter(
        content_type=content_type_of(obj), object_id=str(obj.pk), seen_at__gte=now - FRESH
    ).exclude(user=user)
    return [p.user.get_full_name() or p.user.get_username() for p in seen.select_related("user").order_by("seen_at")]


def describe(names):
    if not names:
        return ""
    return ngettext("%(names)s also has this page open.", "%(names)s also have this page open.", len(names)) % {
        "names": get_text_list(names, _("and"))
    }


def ping(obj, user, leaving=False, now=None):
    now = now or timezone.now()
    Presence.objects.filter(seen_at__lt=now - FORGOTTEN).delete()
    kwargs = {"content_type": content_type_of(obj), "object_id": str(obj.pk), "user": user}
    if leaving:
        Presence.objects.filter(**kwargs).delete()
    else:
        Presence.objects.update_or_create(**kwargs, defaults={"seen_at": now})
    return others(obj, user, now)


class PresenceMixin:
    """The presence address of each item (``<id>/tilstede/``), and its use on the change form."""

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(require_POST(self.presence_view))
        return [
            path("<path:object_id>/tilstede/", view, name=f"{opts.app_label}_{opts.model_name}_presence"),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        names = ping(obj, request.user, leaving=bool(request.POST.get("leaving")))
        response = JsonResponse({"others": names, "text": describe(names)})
        response["Cache-Control"] = "no-store"
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and obj.pk and self.has_change_permission(request, obj):
            opts = self.model._meta
            names = ping(obj, request.user)
            context["presence_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_presence", args=[obj.pk], current_app=self.admin_site.name
            )
            context["presence_text"] = describe(names)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
