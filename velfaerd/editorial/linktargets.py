"""The rich-text editor's "Side på sitet": the site's pages an editor may link to, found by their title.

The link dialog (static/velfaerd/admin/link-picker.js) asks as the editor types; a page chosen puts its address in
the link, and the text's save makes the address a reference to the item (velfaerd/redirects/references.py), so the
link follows the item when it moves. Every kind with a page of its own (the registry's ``address``) is offered, as
far as the editor may see it in the admin; items visitors cannot see yet are offered too, said to be so (a link to
one is shown as plain text until it is out).

Each word typed must be in the title: as typed, with ae/oe/aa read as æ/ø/å ("velfaerd" finds "Velfærd"), and with
a capital first letter, since SQLite's LIKE ignores the case of ASCII letters only ("øko" finds "Økonomi").
"""

from django.apps import apps
from django.db.models import Q
from django.db.models.functions import Length
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from velfaerd.content.registry import registry
from velfaerd.search import danish

#: At most this many pages are offered; the editor types more to find one further down.
LIMIT = 10
#: Fewer letters than this find nothing (two letters are in most titles).
SHORTEST = 2
#: At most this many words of a query are asked for.
WORDS = 6


def forms(word):
    """The ways ``word`` may be written in a title."""
    unfolded = word
    for plain, letter in danish.UNFOLDED:
        unfolded = unfolded.replace(plain, letter)
    return {variant for each in {word, unfolded} for variant in (each, each.capitalize())}


def condition(field, words):
    wanted = Q()
    for word in words:
        either = Q()
        for form in forms(word):
            either |= Q(**{f"{field}__icontains": form})
        wanted &= either
    return wanted


def _rank(query):
    def rank(found):
        title = found["title"].casefold()
        return (not title.startswith(query), not found["live"], len(title), title)

    return rank


def targets(request, admin_site, query, labels=None):
    """The pages whose title has every word of ``query`` (up to ``LIMIT`` and whether there are more), of the
    kinds the user may see in the admin (of those ``labels`` name, when given): those that start with it first, then
    those visitors see, then the shortest titles."""
    words = danish.words(query)[:WORDS]
    if len("".join(words)) < SHORTEST:
        return [], False
    now = timezone.now()
    found = []
    more = False
    for entry in registry:
        model_admin = admin_site._registry.get(entry.model)
        if not entry.address or model_admin is None or not model_admin.has_view_permission(request):
            continue
        if labels is not None and entry.model._meta.label_lower not in labels:
            continue
        items = entry.model._base_manager.filter(condition(entry.title, words))
        if entry.sitemap_select_related:
            items = items.select_related(*entry.sitemap_select_related)
        items = list(items.order_by(Length(entry.title), "pk")[: LIMIT + 1])
        more = more or len(items) > LIMIT
        for item in items[:LIMIT]:
            live = item.is_live(now) if entry.publishable else True
            found.append(
                {
                    "id": f"{entry.model._meta.label_lower}:{item.pk}",
                    "title": getattr(item, entry.title),
                    "kind": str(entry.model._meta.verbose_name).capitalize(),
                    "address": item.get_absolute_url(),
                    "live": live,
                    "state": "" if live else _("not visible to visitors"),
                }
            )
    found.sort(key=_rank(query.strip().casefold()))
    return found[:LIMIT], more or len(found) > LIMIT


@never_cache
def link_targets_view(request, admin_site):
    query = request.GET.get("q", "")[:200]
    found, more = targets(request, admin_site, query)
    return JsonResponse({"results": found, "more": more})


def label(found):
    """How a page found is shown in a list to choose from: its kind, its title, and whether visitors see it."""
    text = f"{found['kind']}: {found['title']}"
    return f"{text} ({found['state']})" if found["state"] else text


@never_cache
def link_target_choices_view(request, admin_site):
    """The same pages for a link row's one control (a Select2 box, as Django's autocomplete answers it): each as
    "<kind>:<id>", of the kinds the model named by ``for`` can point at (its ``TARGET_FIELDS``)."""
    try:
        model = apps.get_model(request.GET.get("for", ""))
    except (LookupError, ValueError):
        return JsonResponse({"results": [], "pagination": {"more": False}}, status=400)
    fields = getattr(model, "TARGET_FIELDS", ())
    labels = {model._meta.get_field(name).related_model._meta.label_lower for name in fields}
    found, more = targets(request, admin_site, request.GET.get("term", "")[:200], labels)
    results = [{"id": each["id"], "text": label(each)} for each in found]
    if more:  # the list is the best few, not a first page: the editor narrows it by typing
        results.append({"id": "", "text": _("Type more of the title to find others."), "disabled": True})
    return JsonResponse({"results": results, "pagination": {"more": False}})
