"""Addresses that never break: an address that is gone answers with a redirect to where its content is now.

Redirects are kept as addresses, from → to (``Redirect``), and followed only when the site has no page at the
address (a 404), so a redirect can never hide a page. They are made three ways:

- by the site, when an item's address changes (a new slug, a theme page moved to another section, a section
  renamed with its pages): the old address answers 301 to the new one;
- by editors in the admin, one at a time (also offered when an item is deleted or taken off), or from a CSV file
  of an old site's addresses;

Chains are collapsed as they are made, so every redirect is one hop: when A → B exists and B moves on to C,
A → B becomes A → C; a redirect to an address that is itself redirected takes that one's target. A redirect that
would lead back to its own address (a loop) is refused. Addresses that are not found are counted (the address
only: no query string, cookie, IP address or browser), and the content-health page lists the most frequent, so
editors can redirect them.
"""

import datetime
import functools
import hashlib
import itertools
import random
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import F
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velfaerd.content.registry import Subscriber

#: Redirects followed at most, when serving one (chains are collapsed when made; this is a second guard).
MAX_HOPS = 5
#: Addresses an app above keeps for itself (``reserve``).
_reserved = []


def reserve(prefix):
    """Addresses beginning with ``prefix`` belong to the site: never redirected nor counted as not found (set
    once, at start-up)."""
    if prefix not in _reserved:
        _reserved.append(prefix)
        skipped_prefixes.cache_clear()


@functools.cache
def skipped_prefixes():
    """Addresses never redirected nor counted: the admin, static and uploaded files, and what apps reserve."""
    return (reverse("admin:index"), "/_nested_admin/", settings.STATIC_URL, settings.MEDIA_URL, *_reserved)


MAX_PATH = 500
#: Rows written per statement by a bulk save.
BATCH = 500
#: Not-found addresses unseen for this long are forgotten, checked now and then (about one 404 in this many).
FORGET_AFTER_DAYS, PRUNE_EVERY = 90, 200
#: Addresses not found: how many are kept at most, how long one asked for once is remembered (in the cache only),
#: and how often they must be asked for before editors see them.
MAX_NOT_FOUND = 1000
SEEN_ONCE_SECONDS = 7 * 24 * 3600
KEPT_ASKING_HITS = 3


def normalise(address):
    """The path of an address, as this site is asked for it: "/leder/gammel/" from "/leder/gammel/?x=1" or
    "https://gammelt.example/leder/gammel/" (an old site's full address). Addresses elsewhere: ``is_external``."""
    address = (address or "").strip()
    parts = urlsplit(address)
    path = unquote(parts.path) or "/"
    return path if path.startswith("/") else f"/{path}"


def is_external(address):
    return urlsplit((address or "").strip()).scheme in ("http", "https")


def is_own(address):
    """A full address on one of the site's own host names."""
    host = (urlsplit((address or "").strip()).hostname or "").rstrip(".")
    return host in {name.lstrip(".") for name in settings.ALLOWED_HOSTS if name != "*"}


def same_address(first, second):
    """The same address, with or without its closing slash."""
    return first.rstrip("/") == second.rstrip("/")


def reserved(path):
    """The site's own addresses, with or without a closing slash: its fixed pages (the front page, search, feeds,
    lists, the sitemap) and everything under the admin, static and uploaded files and preview links."""
    with_slash = path if path.endswith("/") else f"{path}/"
    if with_slash.startswith(skipped_prefixes()):
        return True
    for candidate in {path, with_slash}:
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if not match.captured_kwargs and not match.args:
            return True
    return False


class RedirectQuerySet(models.QuerySet):
    def final(self, address, stop=None):
        """Where ``address`` ends after the redirects from it (itself when there are none), or ``stop`` when the
        way leads there."""
        seen = {address}
        for _hop in range(MAX_HOPS):
            if address == stop or is_external(address):
                break
            found = self.filter(old_path=address).values_list("new_path", flat=True).first()
            if found is None or found in seen:
                break
            seen.add(found)
            address = found
        return address


class Redirect(models.Model):
    old_path = models.CharField(
        _("from address"),
        max_length=MAX_PATH,
        unique=True,
        help_text=_(
            "The address visitors may still arrive at, e.g. /leder/gammel-side/ (a full address is cut to its path)."
        ),
    )
    new_path = models.CharField(
        _("to address"),
        max_length=MAX_PATH,
        help_text=_(
            "Where they are sent: an address on this site, e.g. /publikationer/maskinrummet/, or a full address "
            "elsewhere (https://…)."
        ),
    )
    permanent = models.BooleanField(
        _("permanent"),
        default=True,
        help_text=_("Permanent (301) for an address that has moved for good; untick for a temporary one (302)."),
    )
    external = models.BooleanField(
        _("leads outside the site"),
        default=False,
        help_text=_("Tick to send visitors to another website. Only addresses on this site are accepted otherwise."),
    )
    automatic = models.BooleanField(
        _("made by the site"),
        default=False,
        editable=False,
        help_text=_("Made when an item's address changed."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: For the site's own redirects, the item whose address moved: followed only while visitors may see it, so a
    #: taken-off item's new address (a draft's) never leaks through its old one.
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, editable=False, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True, editable=False)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        db_table = "core_redirect"  # its name from before it had an app of its own
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            others = Redirect.objects.exclude(pk=self.pk)
            # One hop: to where the target address leads now, and those that led here lead on at once.
            self.new_path = others.final(self.new_path, stop=self.old_path)
            super().save(*args, **kwargs)
            others.filter(new_path=self.old_path).update(new_path=self.new_path)
            NotFound.objects.filter(path=self.old_path).delete()  # found now: off the list of addresses not found

    def clean(self):
        super().clean()
        self.clean_addresses()
        others = Redirect.objects.exclude(pk=self.pk)
        # Django's closing slash redirect joins an address with and without it: /a/ → /a is a loop too.
        if same_address(others.final(self.new_path, stop=self.old_path), self.old_path):
            raise ValidationError({"new_path": loop_message(self.old_path)})

    def clean_addresses(self):
        """The checks that need no other redirect: both addresses normalised, the site's own addresses and other
        websites refused (the latter unless ticked)."""
        self.old_path = normalise(self.old_path)
        if not is_external(self.new_path) or is_own(self.new_path):
            self.new_path = normalise(self.new_path)
        if reserved(self.old_path):
            raise ValidationError(
                {
                    "old_path": _(
                        "This is one of the site's own addresses (admin, search, feeds, files); it cannot be "
                        "redirected."
                    )
                }
            )
        if is_external(self.new_path) and not self.external:
            raise ValidationError(
                {"new_path": _("This address is on another website. Tick “leads outside the site” if that is meant.")}
            )
        if same_address(self.new_path, self.old_path):
            raise ValidationError({"new_path": loop_message(self.old_path)})


def loop_message(address):
    return _("This would send visitors round in a loop back to %(address)s.") % {"address": address}


def save_many(redirects):
    """Save ``redirects`` (each cleaned, each from another address) in a few bulk statements, chains collapsed as
    one save would: returns the addresses that would lead round in a loop, and then saves nothing."""
    table = dict(Redirect.objects.values_list("old_path", "new_path"))
    table.update((r.old_path, r.new_path) for r in redirects)

    def final(address, stop):
        seen = {address}
        for _hop in range(MAX_HOPS):
            if same_address(address, stop) or is_external(address) or address not in table:
                break
            if table[address] in seen:
                break
            address = table[address]
            seen.add(address)
        return address

    loops = [r.old_path for r in redirects if same_address(final(r.new_path, r.old_path), r.old_path)]
    if loops:
        return loops
    for redirect in redirects:
        redirect.new_path = final(redirect.new_path, redirect.old_path)
    lead_on = {r.old_path: r.new_path for r in redirects}
    with transaction.atomic():
        Redirect.objects.bulk_create(
            redirects,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["new_path", "permanent", "external", "automatic", "content_type", "object_id"],
        )
        for batch in itertools.batched(lead_on, BATCH):
            leading = list(Redirect.objects.filter(new_path__in=batch).only("pk", "new_path"))
            for row in leading:
                row.new_path = lead_on[row.new_path]
            Redirect.objects.bulk_update(leading, ["new_path"], batch_size=BATCH)
            NotFound.objects.filter(path__in=batch).delete()
    return []


class NotFoundQuerySet(models.QuerySet):
    def kept_asking(self):
        """The addresses visitors keep asking for: several times, on more than one day (not one client's burst)."""
        return self.filter(hits__gte=KEPT_ASKING_HITS, last_seen__date__gt=F("first_seen__date"))


class NotFound(models.Model):
    """An address visitors asked for that the site has no page for: how often, and when first and last.

    Bounded whatever the traffic: an address asked for once is only remembered in the cache (for a week); from
    the second time it has a row, and the table keeps at most ``MAX_NOT_FOUND`` rows, the least asked for going
    first when it is full."""

    path = models.CharField(_("address"), max_length=MAX_PATH, unique=True)
    hits = models.PositiveIntegerField(_("times asked for"), default=0)
    first_seen = models.DateTimeField(_("first asked for"))
    last_seen = models.DateTimeField(_("last asked for"))

    objects = NotFoundQuerySet.as_manager()

    class Meta:
        db_table = "core_notfound"  # its name from before it had an app of its own
        ordering = ["-hits", "path"]
        verbose_name = _("address not found")
        verbose_name_plural = _("addresses not found")
        indexes = [models.Index(fields=["hits", "last_seen"], name="core_notfound_weakest")]

    def __str__(self):
        return self.path


def count_not_found(path, now=None):
    now = now or timezone.now()
    try:
        if NotFound.objects.filter(path=path).update(hits=F("hits") + 1, last_seen=now):
            return
        key = f"velfaerd:not-found:{hashlib.blake2b(path.encode(), digest_size=16).hexdigest()}"
        if cache.add(key, 1, timeout=SEEN_ONCE_SECONDS):
            return  # the first time: a typo, most likely, and nothing is written
        cache.delete(key)
        with transaction.atomic():
            over = NotFound.objects.count() - MAX_NOT_FOUND + 1
            if over > 0:  # full: the least asked for, longest unseen, make room
                weakest = NotFound.objects.order_by("hits", "last_seen").values_list("pk", flat=True)[:over]
                NotFound.objects.filter(pk__in=list(weakest)).delete()
            NotFound.objects.bulk_create(
                [NotFound(path=path, hits=2, first_seen=now, last_seen=now)], ignore_conflicts=True
            )
        if random.randrange(PRUNE_EVERY) == 0:  # noqa: S311 (when to tidy, not a secret)
            NotFound.objects.filter(last_seen__lt=now - datetime.timedelta(days=FORGET_AFTER_DAYS)).delete()
    except DatabaseError:
        pass  # counting must never turn a 404 into a 500


class RedirectMiddleware:
    """A request the site has no page for is redirected when a redirect says where its content went."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path
        if f"{path.rstrip('/')}/".startswith(skipped_prefixes()) or len(path) > MAX_PATH:
            return response
        # The address as asked for first, then with or without its closing slash (old sites' addresses often
        # have none): one query.
        other = path.rstrip("/") if path.endswith("/") and path != "/" else f"{path}/"
        rows = {
            old: (new, permanent, item)
            for old, new, permanent, *item in Redirect.objects.filter(old_path__in=[path, other]).values_list(
                "old_path", "new_path", "permanent", "content_type", "object_id"
            )
        }
        found = rows.get(path) or rows.get(other)
        if found is None:
            count_not_found(path)
            return response
        target, permanent, item = found
        if not visible(*item):
            return response  # the item is not visible now: nor is where it went
        target = Redirect.objects.final(target, stop=path)
        if same_address(target, path):
            return response  # a loop made outside the admin: the 404 stands
        if query := request.META.get("QUERY_STRING"):
            target += ("&" if "?" in target else "?") + query
        return (HttpResponsePermanentRedirect if permanent else HttpResponseRedirect)(target)


# The site's own redirects, when an item's address changes.
def addresses_of(obj):
    """{(model, pk): (item, address)} of ``obj`` and of the items whose address contains its own (a section's
    pages)."""
    found = {}
    if callable(getattr(obj, "get_absolute_url", None)) and was_public(obj):
        found[type(obj), obj.pk] = (obj, obj.get_absolute_url())
    for item in getattr(obj, "items_addressed_within", lambda: ())():
        if was_public(item):
            found[type(item), item.pk] = (item, item.get_absolute_url())
    return found


def was_public(obj):
    """Visitors may have the address: the item has been published (``first_published_at`` has come)."""
    first = getattr(obj, "first_published_at", None)
    return first is not None and first <= timezone.now()


def remember_addresses(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is not None:
        instance._addresses_before_save = addresses_of(old)


def follow_addresses(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_addresses_before_save", None)
    if raw or not before:
        return
    own = before.get((sender, instance.pk))
    if own is not None and own[1] == instance.get_absolute_url():
        return  # its address is the same, and so are those that begin with it (no query)
    for key, (item, new) in addresses_of(instance).items():
        if (old := before.get(key)) and old[1] != new:
            moved(old[1], new, item)


def moved(old, new, item):
    """``item`` at ``old`` is at ``new`` now: ``old`` answers 301 (while ``item`` is visible), one hop, and
    ``new`` is no longer redirected."""
    Redirect.objects.filter(old_path=new).delete()
    redirect = Redirect.objects.filter(old_path=old).first() or Redirect(old_path=old)
    redirect.new_path, redirect.permanent, redirect.automatic = new, True, True
    redirect.content_type, redirect.object_id = ContentType.objects.get_for_model(type(item)), item.pk
    redirect.save()


def visible(content_type_id, object_id):
    """Whether visitors may see the item a redirect was made for (True for an editor's redirect, which has none)."""
    if content_type_id is None:
        return True
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return False
    manager = model._default_manager
    queryset = manager.published() if hasattr(manager, "published") else manager.all()
    return queryset.filter(pk=object_id).exists()


#: Every content item's saves: its address before and after (connected by the registry).
SUBSCRIBER = Subscriber("redirects", before_save=remember_addresses, saved=follow_addresses)
