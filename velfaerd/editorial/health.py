"""Content health: what needs an editor's attention, gathered for the dashboard and the admin index.

The content models are found from the app registry, so a new model with a rich-text or URL field is covered
without changes here.
"""

import dataclasses
from operator import attrgetter

from django.db import models
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from velfaerd.core.readability import is_weak_link_text, links, lix
from velfaerd.core.registry import registry
from velfaerd.core.richtext import RichTextField

from .models import LinkCheck


def content_models():
    return registry.models()


def admin_url(app_label, model_name, pk):
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def edited_on(obj):
    """The object an editor opens to change ``obj`` (a page section is edited on its page)."""
    return obj.edited_on() if hasattr(obj, "edited_on") else obj


def describe(obj, field=None):
    """Where something is, for people: "Temaside “Velfærdsledelse”, afsnit “…”: tekst"."""
    edited = edited_on(obj)
    label = f"{edited._meta.verbose_name.capitalize()} “{edited}”"
    if edited is not obj:
        label += f", {obj._meta.verbose_name} “{obj}”"
    if field is not None:
        label += f": {field.verbose_name}"
    return label


def usage(obj, field=None):
    edited = edited_on(obj)
    return {
        "label": describe(obj, field),
        "app_label": edited._meta.app_label,
        "model_name": edited._meta.model_name,
        "pk": edited.pk,
    }


def iter_field_values(field_types):
    """(object, field, value) for every non-empty field of the given types in all content."""
    for model in content_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, field_types)]
        if not fields:
            continue
        queryset = model._default_manager.all()
        if hasattr(model, "EDITED_ON"):
            queryset = queryset.select_related(model.EDITED_ON)
        for obj in queryset:
            for field in fields:
                value = getattr(obj, field.attname)
                if value:
                    yield obj, field, value


@dataclasses.dataclass
class Row:
    """One thing to fix, and where to fix it."""

    label: str
    url: str
    detail: str = ""
    when: object = None
    who: object = None
    extra: list = dataclasses.field(default_factory=list)


def field_anchor(obj, field):
    """The id of ``field``'s input in the form ``obj`` is edited on: the change form opens the sections around
    it, scrolls to it, focuses and highlights it (static/velfaerd/admin/inlines.js)."""
    if field is None:
        return ""
    if edited_on(obj) is obj:
        return f"#id_{field.name}"
    prefix = obj.form_prefix() if hasattr(obj, "form_prefix") else None
    return f"#id_{prefix}-{field.name}" if prefix else ""


def _row(obj, field=None, **kwargs):
    u = usage(obj, field)
    url = admin_url(u["app_label"], u["model_name"], u["pk"])
    return Row(u["label"], url + field_anchor(obj, field) if url else url, **kwargs)


def review_due(today=None):
    today = today or timezone.localdate()
    due = []
    for entry in registry:
        if entry.reviewable:
            queryset = entry.model._default_manager.select_related("owner")
            due += [obj for obj in queryset if obj.is_review_due(today)]
    due.sort(key=attrgetter("review_due_on"))
    return [_row(obj, when=obj.review_due_on, who=obj.owner) for obj in due]


def broken_links():
    rows = []
    for check in LinkCheck.objects.filter(status__in=LinkCheck.NEEDS_AN_EDITOR):
        places = [Row(u["label"], admin_url(u["app_label"], u["model_name"], u["pk"])) for u in check.usages]
        internal = check.status == LinkCheck.Status.INTERNAL
        detail = check.get_status_display() if internal else str(check.status_code or check.error)
        rows.append(Row(check.url, check.url, detail=detail, when=check.checked_at, extra=places))
    return rows


def weak_link_texts():
    rows = []
    for obj, field, value in iter_field_values(RichTextField):
        for _href, text in links(value):
            if is_weak_link_text(text):
                rows.append(_row(obj, field, detail=text))
    for entry in registry:
        if not entry.link_texts:
            continue
        queryset = entry.model._default_manager.select_related(*entry.link_texts_select_related)
        if hasattr(entry.model, "EDITED_ON"):
            queryset = queryset.select_related(entry.model.EDITED_ON)
        fields = [entry.model._meta.get_field(name) for name in entry.link_texts]
        for obj in queryset:
            target = entry.link_target(obj) if entry.link_target else ""
            for field in fields:
                if is_weak_link_text(text := getattr(obj, field.attname), target):
                    rows.append(_row(obj, field, detail=text))
    return rows


def images_without_alt_text():
    rows = []
    for model in content_models():
        image_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.ImageField)]
        for field in image_fields:
            alt_name = f"{field.name}_alt"
            if not hasattr(model, alt_name):
                continue
            for obj in model._default_manager.exclude(**{field.name: ""}).filter(**{alt_name: ""}):
                rows.append(_row(obj, field))
    return rows


def hardest_to_read(limit=10, min_words=20):
    scored = []
    for obj, field, value in iter_field_values(RichTextField):
        score = lix(value)
        if score.words >= min_words:
            scored.append((score.value, _row(obj, field, detail=str(score))))
    scored.sort(key=lambda item: -item[0])
    return [row for _value, row in scored[:limit]]


def _publishable_models():
    return [entry.model for entry in registry if entry.publishable]


def drafts():
    rows = []
    for model in _publishable_models():
        rows += [_row(obj, when=obj.updated_at) for obj in model._default_manager.filter(is_published=False)]
    return sorted(rows, key=attrgetter("when"), reverse=True)


def scheduled(now=None):
    now = now or timezone.now()
    rows = []
    for model in _publishable_models():
        queryset = model._default_manager.filter(is_published=True, publish_at__gt=now)
        rows += [_row(obj, when=obj.publish_at) for obj in queryset]
    return sorted(rows, key=attrgetter("when"))


CHECKS = [
    ("review_due", review_due),
    ("broken_links", broken_links),
    ("weak_link_texts", weak_link_texts),
    ("images_without_alt_text", images_without_alt_text),
    ("hardest_to_read", hardest_to_read),
    ("drafts", drafts),
    ("scheduled", scheduled),
]


def report():
    return {
        **{name: build() for name, build in CHECKS},
        "links_checked_at": LinkCheck.objects.aggregate(last=Max("checked_at"))["last"],
    }


def summary():
    """Counts for the admin index: what needs attention now."""
    return {
        "review_due": len(review_due()),
        "broken_links": LinkCheck.objects.filter(status__in=LinkCheck.BROKEN).count(),
        "weak_link_texts": len(weak_link_texts()),
        "drafts": sum(m._default_manager.filter(is_published=False).count() for m in _publishable_models()),
    }
