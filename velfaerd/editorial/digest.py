"""The weekly mail to each owner: their items whose review date has passed or comes within 14 days, the broken
links, weak link texts and images without alt text in them — what the content-health page knows, filtered to
theirs, each with a link straight to the field (velfaerd/notices)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.content.reviewing import Reviewable
from velfaerd.notices.mail import notify
from velfaerd.notices.models import Kind

from . import health
from .models import Finding

SOON = datetime.timedelta(days=14)


def owned_items():
    """{owner id: {(app label, model name): set of pks}} for every content item that has an owner."""
    owned = {}
    for model in health.content_models():
        if not issubclass(model, Reviewable):
            continue
        key = (model._meta.app_label, model._meta.model_name)
        for pk, owner in model._default_manager.filter(owner__isnull=False).values_list("pk", "owner_id"):
            owned.setdefault(owner, {}).setdefault(key, set()).add(pk)
    return owned


def _findings(items, kind):
    where = Q(pk__in=[])
    for (app_label, model_name), pks in items.items():
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        where |= Q(health_check__content_type=content_type, health_check__object_id__in=pks)
    return Finding.objects.filter(where, kind=kind).order_by("label", "pk")


def sections_for(items, today, broken):
    review = _findings(items, Finding.Kind.REVIEW).filter(due_on__lte=today + SOON).order_by("due_on", "label")
    sections = [
        (
            _("Review date passed or within 14 days"),
            [health.Row(f.label, f.url, detail=f"{f.due_on:%d.%m.%Y}") for f in review],
        ),
        (_("Broken links"), [row for check in broken for row in _places(check, items)]),
        (
            _("Weak link texts"),
            [health.Row(f.label, f.url, detail=f.detail) for f in _findings(items, Finding.Kind.WEAK_LINK_TEXT)],
        ),
        (
            _("Images without alt text"),
            [health.Row(f.label, f.url) for f in _findings(items, Finding.Kind.MISSING_ALT_TEXT)],
        ),
    ]
    return [{"title": title, "rows": rows} for title, rows in sections if rows]


def _places(check, items):
    for place in check.usages:
        if place.get("pk") in items.get((place.get("app_label"), place.get("model_name")), ()):
            url = health.admin_url(place["app_label"], place["model_name"], place["pk"]) + place.get("anchor", "")
            yield health.Row(place["label"], url, detail=check.url)


def send_digests(today=None):
    """One mail per owner with anything to do, at most one a week (the week is the event). Returns how many."""
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    year, week, _day = today.isocalendar()
    health.check_changed()  # what changed since the last check is in the digest too
    broken = list(health.broken_links_found())
    owners = owned_items()
    sent = 0
    for user in get_user_model().objects.filter(pk__in=owners, is_active=True):
        sections = sections_for(owners[user.pk], today, broken)
        if not sections:
            continue
        total = sum(len(section["rows"]) for section in sections)
        if notify(user, Kind.DIGEST, f"digest:{year}-W{week:02}", "digest", {"sections": sections, "total": total}):
            sent += 1
    return sent
