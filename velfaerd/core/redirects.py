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
import random
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import registry

#: Redirects followed at most, when serving one (chains are collapsed when made; this is a second guard).
MAX_HOPS = 5
#: Addresses never redirected nor counted.
SKIP_PREFIXES = ("/admin/", "/_nested_admin/", "/static/", "/media/", "/forhaandsvisning/")
MAX_PATH = 500
#: Not-found addresses unseen for this long are forgotten, checked now and then (about one 404 in this many).
FORGET_AFTER_DAYS, PRUNE_EVERY = 90, 200


def normalise(address):
    """The path of an address, as this site is asked for it: "/leder/gammel/" from "/leder/gammel/?x=1" or
    "https://gammelt.example/leder/gammel/" (an old site's full address). Addresses elsewhere: ``is_external``."""
    address = (address or "").strip()
    parts = urlsplit(address)
    path = unquote(parts.path) or "/"
    return path if path.startswith("/") else f"/{path}"


def is_external(address):
    return urlsplit((address or "").strip()).scheme in ("http", "https")


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
    automatic = models.BooleanField(
        _("made by the site"),
        default=False,
        editable=False,
        help_text=_("Made when an item's address changed."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        app_label = "core"
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
        self.old_path = normalise(self.old_path)
        if not is_external(self.new_path):
            self.new_path = normalise(self.new_path)
        if self.old_path.startswith(SKIP_PREFIXES):
            raise ValidationError({"old_path": _("The site's own addresses (admin, files) cannot be redirected.")})
        others = Redirect.objects.exclude(pk=self.pk)
        if others.final(self.new_path, stop=self.old_path) == self.old_path:
            raise ValidationError(
                {
                    "new_path": _("This would send visitors round in a loop back to %(address)s.")
                    % {"address": self.old_path}
                }
            )


class NotFound(models.Model):
    """An address visitors asked for that the site has no page for: how often, and when last."""

    path = models.CharField(_("address"), max_length=MAX_PATH, unique=True)
    hits = models.PositiveIntegerField(_("times asked for"), default=0)
    last_seen = models.DateTimeField(_("last asked for"))

    class Meta:
        app_label = "core"
        ordering = ["-hits", "path"]
        verbose_name = _("address not found")
        verbose_name_plural = _("addresses not found")

    def __str__(self):
        return self.path


def count_not_found(path, now=None):
    now = now or timezone.now()
    try:
        if not NotFound.objects.filter(path=path).update(hits=F("hits") + 1, last_seen=now):
            NotFound.objects.bulk_create([NotFound(path=path, hits=1, last_seen=now)], ignore_conflicts=True)
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
        if path.startswith(SKIP_PREFIXES) or len(path) > MAX_PATH:
            return response
        # The address as asked for first, then with or without its closing slash (old sites' addresses often
        # have none): one query.
        other = path.rstrip("/") if path.endswith("/") and path != "/" else f"{path}/"
        rows = {
            old: (new, permanent)
            for old, new, permanent in Redirect.objects.filter(old_path__in=[path, other]).values_list(
                "old_path", "new_path", "permanent"
            )
        }
        found = rows.get(path) or rows.get(other)
        if found is None:
            count_not_found(path)
            return response
        target, permanent = found
        target = Redirect.objects.final(target, stop=path)
        if target == path:
            return response  # a loop made outside the admin: the 404 stands
        if query := request.META.get("QUERY_STRING"):
            target += ("&" if "?" in target else "?") + query
        return (HttpResponsePermanentRedirect if permanent else HttpResponseRedirect)(target)


# The site's own redirects, when an item's address changes.
def addresses_of(obj):
    """{(model, pk): address} of ``obj`` and of the items whose address contains its own (a section's pages)."""
    found = {}
    if callable(getattr(obj, "get_absolute_url", None)) and was_public(obj):
        found[type(obj), obj.pk] = obj.get_absolute_url()
    for item in getattr(obj, "items_addressed_within", lambda: ())():
        if was_public(item):
            found[type(item), item.pk] = item.get_absolute_url()
    return found


def was_public(obj):
    """Visitors may have the address: the item has been published (``first_published_at`` has come)."""
    first = getattr(obj, "first_published_at", None)
    return first is not None and first <= timezone.now()


def remember_addresses(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or sender not in registry:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is not None:
        instance._addresses_before_save = addresses_of(old)


def follow_addresses(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_addresses_before_save", None)
    if raw or not before:
        return
    own = before.get((sender, instance.pk))
    if own is not None and own == instance.get_absolute_url():
        return  # its address is the same, and so are those that begin with it (no query)
    for key, new in addresses_of(instance).items():
        if (old := before.get(key)) and old != new:
            moved(old, new)


def moved(old, new):
    """Content at ``old`` is at ``new`` now: ``old`` answers 301, one hop, and ``new`` is no longer redirected."""
    Redirect.objects.filter(old_path=new).delete()
    redirect = Redirect.objects.filter(old_path=old).first() or Redirect(old_path=old)
    redirect.new_path, redirect.permanent, redirect.automatic = new, True, True
    redirect.save()


def connect():
    """Every content item's saves (the registry's models; filtered when saved, as apps register after this one)."""
    pre_save.connect(remember_addresses, dispatch_uid="redirects-before-save")
    post_save.connect(follow_addresses, dispatch_uid="redirects-after-save")
