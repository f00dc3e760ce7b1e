"""Content health: what needs an editor's attention, gathered for the dashboard and the admin index.

The content models are found from the app registry, so a new model with a rich-text or URL field is covered
without changes here.
"""

import dataclasses
import functools
import itertools
import logging
import operator
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, models, transaction
from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from velfaerd.content import changes, pdfreport
from velfaerd.content.changes import edited_on, edited_on_key, edited_on_model, edited_on_rows
from velfaerd.content.publishing import Publishable
from velfaerd.content.readability import Lix, is_weak_link_text, links, lix
from velfaerd.content.registry import Subscriber, registry
from velfaerd.content.reviewing import Reviewable
from velfaerd.content.richtext import RichTextField
from velfaerd.content.uploads import SafePDFField
from velfaerd.redirects import references
from velfaerd.redirects.redirects import NotFound

from .models import Finding, HealthCheck, LinkCheck

logger = logging.getLogger(__name__)


def content_models():
    return registry.models()


def admin_url(app_label, model_name, pk):
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


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
        "anchor": field_anchor(obj, field),  # the change form opens at the field
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


#: The version of the rules below. Raise it when what is checked changes: ``migrate`` then checks all content again.
RULES = 3  # 2: PDFs' accessibility; 3: links to items visitors cannot see
MIN_WORDS = 20  # texts shorter than this get no readability score
PER_PAGE = 25


def edited_models():
    """The content models an editor opens on their own (a page section is edited on its page)."""
    return [model for model in content_models() if not hasattr(model, "EDITED_ON")]


def parts_of(model):
    """(part model, lookup to ``model``) for the content edited on ``model``'s form."""
    return [
        (part, part.EDITED_ON)
        for part in content_models()
        if hasattr(part, "EDITED_ON") and edited_on_model(part) is model
    ]


# Marking changes: in the same transaction as the change, once per item and transaction.
class _Changed:
    """Run after the commit of a transaction that changed content: check what it changed."""

    def __init__(self):
        self.items = set()

    def __call__(self):
        try:
            check_changed()
        except DatabaseError:  # a save that was committed never fails here; the next read checks again
            logger.warning("Content health could not be checked after a change.", exc_info=True)


def mark_changed(model, pks):
    """Content of ``model`` with these pks changed (saved, deleted, updated in bulk): mark the items they are
    edited on, to be checked again."""
    mark_edited(edited_on_rows(model, pks))


def mark_instance(obj):
    if (key := edited_on_key(obj)) is not None:
        mark_edited({key})


def mark_edited(found):
    pending = changes.pending(_Changed)
    new = found - pending.items if pending else found
    if not new:
        return
    HealthCheck.objects.bulk_create(
        [HealthCheck(content_type=ContentType.objects.get_for_model(m), object_id=pk, rules=0) for m, pk in new],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["rules"],
    )
    if pending is None:
        pending = _Changed()
        transaction.on_commit(pending)
    pending.items |= new


#: What decides whether visitors see an item: a save that leaves these as they were leaves its referrers alone.
VISIBILITY = ("is_published", "publish_at", "expire_at")


def remember_visibility(sender, instance, raw=False, **kwargs):
    """Before an item with a page of its own is saved: whether visitors could see it (to compare after)."""
    if raw or instance.pk is None or not registry.get(sender).address or not registry.get(sender).publishable:
        return
    instance._visibility_before_save = sender._base_manager.filter(pk=instance.pk).values_list(*VISIBILITY).first()


def content_saved(sender, instance, **kwargs):
    mark_instance(instance)
    before = instance.__dict__.pop("_visibility_before_save", None)
    if before is not None and before != tuple(getattr(instance, name) for name in VISIBILITY):
        mark_referring(instance)  # taken off or put back (or rescheduled): the texts that link to it change


def content_deleted(sender, instance, **kwargs):
    mark_instance(instance)
    mark_referring(instance)


def mark_referring(item):
    """The items whose texts link to ``item`` (references.py) are checked again: it has gone from visitors, or come
    back. A search of every text, so only when that may be so: a delete, or a save that changed whether visitors see
    it (not a typo fixed)."""
    entry = registry.get(type(item))
    if not entry.address or item.pk is None:
        return
    ref = references.referring(item)
    for model in content_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, RichTextField)]
        if fields:
            condition = functools.reduce(operator.or_, (Q(**{f"{name}__contains": ref}) for name in fields))
            mark_changed(model, list(model._base_manager.filter(condition).values_list("pk", flat=True)))


def rows_changed(sender, pks, **kwargs):
    mark_changed(sender, sender._base_manager.values_list("pk", flat=True) if pks is None else pks)


def m2m_changed(sender, instance, **kwargs):
    if type(instance) in registry and kwargs.get("action", "").startswith("post_"):
        mark_instance(instance)


#: Every content item's changes mark it to be checked again (connected by the registry).
SUBSCRIBER = Subscriber(
    "health",
    before_save=remember_visibility,
    saved=content_saved,
    deleted=content_deleted,
    m2m_changed=m2m_changed,
    rows_changed=rows_changed,
)


# Checking.
def _findings_of(obj, entry):
    """What is wrong in one object's own fields."""
    found = []
    model = type(obj)
    for field in model._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, RichTextField) and value:
            for _href, text in links(value):
                if is_weak_link_text(text):
                    found.append(_finding(obj, field, Finding.Kind.WEAK_LINK_TEXT, detail=text))
            for text in references.gone(value):
                found.append(_finding(obj, field, Finding.Kind.GONE_LINK, detail=text))
            score = lix(value)
            if score.words >= MIN_WORDS:
                found.append(_finding(obj, field, Finding.Kind.READABILITY, score=score.value))
        elif isinstance(field, models.ImageField) and value and getattr(obj, f"{field.name}_alt", None) == "":
            found.append(_finding(obj, field, Finding.Kind.MISSING_ALT_TEXT))
        elif isinstance(field, SafePDFField) and value and (problems := pdfreport.problems(obj.document_check)):
            found.append(_finding(obj, field, Finding.Kind.INACCESSIBLE_PDF, detail=", ".join(map(str, problems))))
    if entry.link_texts:
        target = entry.link_target(obj) if entry.link_target else ""
        for name in entry.link_texts:
            field = model._meta.get_field(name)
            if is_weak_link_text(text := getattr(obj, field.attname), target):
                found.append(_finding(obj, field, Finding.Kind.WEAK_LINK_TEXT, detail=text))
    return found


def _finding(obj, field=None, kind=None, **values):
    row = _row(obj, field)
    return Finding(kind=kind, label=row.label[:500], url=row.url[:500], **values)


def findings(item, now=None):
    """Everything content health finds in ``item`` and the parts edited on its form."""
    now = now or timezone.now()
    found = _findings_of(item, registry.get(type(item)))
    for part, lookup in parts_of(type(item)):
        entry = registry.get(part)
        queryset = part._default_manager.filter(**{lookup: item.pk}).select_related(
            *{lookup, *entry.link_texts_select_related}
        )
        for obj in queryset:
            found += _findings_of(obj, entry)
    if isinstance(item, Reviewable):
        owner = item.owner
        who = (owner.get_full_name() or owner.get_username()) if owner else ""
        found.append(_finding(item, kind=Finding.Kind.REVIEW, due_on=item.review_due_on, detail=who))
    if isinstance(item, Publishable):
        if not item.is_published:
            found.append(_finding(item, kind=Finding.Kind.DRAFT, at=item.updated_at))
        elif item.publish_at and item.publish_at > now:
            found.append(_finding(item, kind=Finding.Kind.SCHEDULED, at=item.publish_at))
    return found


def check(health_check):
    """Check one item again and store what is found, unless another process is checking it right now."""
    model = health_check.content_type.model_class()
    with transaction.atomic():
        locked = HealthCheck.objects.select_for_update(skip_locked=True).filter(pk=health_check.pk)
        if not locked.exists():
            return
        item = model._default_manager.filter(pk=health_check.object_id).first() if model else None
        if item is None:
            HealthCheck.objects.filter(pk=health_check.pk).delete()
            return
        with translation.override(settings.LANGUAGE_CODE):
            found = findings(item)
        Finding.objects.filter(health_check_id=health_check.pk).delete()
        for finding in found:
            finding.health_check_id = health_check.pk
        Finding.objects.bulk_create(found)
        HealthCheck.objects.filter(pk=health_check.pk).update(rules=RULES, checked_at=timezone.now())


def check_changed():
    """Check every item changed since it was last checked (or checked under other rules). Run after each change's
    commit and before the dashboard is read, so it is nearly always nothing."""
    for func in changes.all_pending(_Changed):
        func.items.clear()  # checked now: a later change in this transaction marks them again
    count = 0
    for health_check in HealthCheck.objects.exclude(rules=RULES).select_related("content_type"):
        check(health_check)
        count += 1
    return count


def check_all():
    """Check all content again (``migrate`` does it when the rules change, and for content never checked)."""
    for model in edited_models():
        content_type = ContentType.objects.get_for_model(model)
        checked = HealthCheck.objects.filter(content_type=content_type, rules=RULES).values("object_id")
        unchecked = model._default_manager.exclude(pk__in=checked).values_list("pk", flat=True)
        for pks in itertools.batched(unchecked.iterator(), 500):
            HealthCheck.objects.bulk_create(
                [HealthCheck(content_type=content_type, object_id=pk, rules=0) for pk in pks],
                update_conflicts=True,
                unique_fields=["content_type", "object_id"],
                update_fields=["rules"],
            )
    return check_changed()


def check_after_migrate(using=None, **kwargs):
    """After ``migrate``: content the current rules have not checked is checked (once, when the rules change)."""
    if using not in (None, "default"):
        return
    check_all()


# Reading: SQL over what was found, a page at a time.
def _rows(queryset, request_page, make):
    page = Paginator(queryset, PER_PAGE).get_page(request_page)
    page.rows = [make(finding) for finding in page]
    return page


def _detail_row(finding):
    return Row(finding.label, finding.url, detail=finding.detail)


def review_due(today=None):
    today = today or timezone.localdate()
    return Finding.objects.filter(kind=Finding.Kind.REVIEW, due_on__lte=today).order_by("due_on", "label", "pk")


def weak_link_texts_found():
    return Finding.objects.filter(kind=Finding.Kind.WEAK_LINK_TEXT).order_by("label", "pk")


def images_without_alt_text_found():
    return Finding.objects.filter(kind=Finding.Kind.MISSING_ALT_TEXT).order_by("label", "pk")


def gone_links_found():
    return Finding.objects.filter(kind=Finding.Kind.GONE_LINK).order_by("label", "pk")


def inaccessible_pdfs_found():
    return Finding.objects.filter(kind=Finding.Kind.INACCESSIBLE_PDF).order_by("label", "pk")


def hardest_to_read_found():
    return Finding.objects.filter(kind=Finding.Kind.READABILITY).order_by("-score", "label", "pk")


def drafts_found():
    return Finding.objects.filter(kind=Finding.Kind.DRAFT).order_by("-at", "pk")


def scheduled_found(now=None):
    return Finding.objects.filter(kind=Finding.Kind.SCHEDULED, at__gt=now or timezone.now()).order_by("at", "pk")


def broken_links_found():
    return LinkCheck.objects.filter(status__in=LinkCheck.NEEDS_AN_EDITOR).order_by("url")


def _link_row(check):
    places = [
        Row(u["label"], admin_url(u["app_label"], u["model_name"], u["pk"]) + u.get("anchor", "")) for u in check.usages
    ]
    internal = check.status == LinkCheck.Status.INTERNAL
    detail = check.get_status_display() if internal else str(check.status_code or check.error)
    return Row(check.url, check.url, detail=detail, when=check.checked_at, extra=places)


def not_found_often():
    """Addresses with no page asked for more than once (one-off typos and probes left out), most asked first."""
    return NotFound.objects.kept_asking().order_by("-hits", "path")


def _not_found_row(found):
    url = reverse("admin:redirects_redirect_add") + "?" + urlencode({"old_path": found.path})
    return Row(found.path, url, detail=str(found.hits), when=found.last_seen)


SECTIONS = {
    "review_due": (review_due, lambda f: Row(f.label, f.url, when=f.due_on, who=f.detail)),
    "broken_links": (broken_links_found, _link_row),
    "weak_link_texts": (weak_link_texts_found, _detail_row),
    "images_without_alt_text": (images_without_alt_text_found, _detail_row),
    "inaccessible_pdfs": (inaccessible_pdfs_found, _detail_row),
    "gone_links": (gone_links_found, _detail_row),
    "hardest_to_read": (hardest_to_read_found, lambda f: Row(f.label, f.url, detail=Lix.describe(f.score))),
    "drafts": (drafts_found, lambda f: Row(f.label, f.url, when=f.at)),
    "scheduled": (scheduled_found, lambda f: Row(f.label, f.url, when=f.at)),
    "not_found": (not_found_often, _not_found_row),
}


def report(pages=None):
    """The dashboard: each section a page of rows (``pages``: {section: page number}, from the address)."""
    check_changed()
    pages = pages or {}
    return {
        **{name: _rows(query(), pages.get(name, 1), make) for name, (query, make) in SECTIONS.items()},
        "links_checked_at": LinkCheck.objects.aggregate(last=Max("checked_at"))["last"],
    }


def all_rows(name):
    """Every row of one section (for tests and commands; the dashboard shows them a page at a time)."""
    query, make = SECTIONS[name]
    return [make(finding) for finding in query()]


def weak_link_texts():
    check_changed()
    return all_rows("weak_link_texts")


def summary():
    """Counts for the admin index: what needs attention now (two queries, whatever the size)."""
    check_changed()
    kinds = Finding.Kind
    counts = Finding.objects.aggregate(
        review_due=Count("pk", filter=Q(kind=kinds.REVIEW, due_on__lte=timezone.localdate())),
        weak_link_texts=Count("pk", filter=Q(kind=kinds.WEAK_LINK_TEXT)),
        drafts=Count("pk", filter=Q(kind=kinds.DRAFT)),
    )
    counts["broken_links"] = LinkCheck.objects.filter(status__in=LinkCheck.BROKEN).count()
    return counts
