"""Unsaved changes kept on the server as well as in the browser: what an editor types is sent every few seconds
and offered back when they open the form again, in this browser or another, after a crash or a closed tab.

Only the editor who typed it ever gets it back (keyed by the user and the form's address); a save that goes
through removes it (``forget``), and logging out clears the browser's copy (``Clear-Site-Data``).
"""

import datetime
import json

from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .models import Autosave


def forget(user, path):
    """The form at ``path`` was saved: what was kept of it is not needed any more."""
    Autosave.objects.filter(user=user, path=path).delete()


@never_cache
def autosave_view(request):
    """GET ?path=: what the editor kept of that form (204: nothing). POST (JSON): keep it, or forget it."""
    if request.method == "GET":
        kept = Autosave.objects.filter(user=request.user, path=request.GET.get("path", "")).first()
        return JsonResponse(kept.data) if kept is not None else HttpResponse(status=204)
    if request.method != "POST":
        return HttpResponse(status=405)
    if len(request.body) > Autosave.MAX_BYTES:
        return HttpResponse(status=413)
    try:
        state = json.loads(request.body)
        path = state["path"]
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest()
    if not isinstance(path, str) or not path.startswith(reverse("admin:index")) or len(path) > 300:
        return HttpResponseBadRequest()
    if state.get("forget"):
        forget(request.user, path)
        return HttpResponse(status=204)
    now = timezone.now()
    Autosave.objects.update_or_create(
        user=request.user,
        path=path,
        defaults={"data": {k: v for k, v in state.items() if k != "path"}, "saved_at": now},
    )
    Autosave.objects.filter(saved_at__lt=now - datetime.timedelta(days=Autosave.FORGOTTEN_AFTER_DAYS)).delete()
    return HttpResponse(status=204)
