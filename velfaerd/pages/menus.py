"""The site's menus on every page: read once per page made (a page from the page cache reads nothing), with the
page cache told that the page shows them, so a menu change shows on every page at once. The addresses editors give
a menu link are checked when they save: one on this site must answer visitors."""

from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import Menu, MenuItem

#: The menus' first links, as the header and footer had them written in: made after `migrate` for a menu that is
#: not there yet (an upgraded site looks as before; a new one starts with them), and shown when the menus cannot be
#: read (the database is down: an error page still has its header).
DEFAULTS = {
    Menu.MAIN: [
        ("Leder", "/leder/"),
        ("Publikationer", "/publikationer/"),
        ("Rapporter", "/rapporter/"),
        ("Artikler", "/artikler/"),
        ("Temaer", "/temaer/"),
        ("Søg", "/soeg/"),
    ],
    Menu.FOOTER: [
        ("Hjem", "/"),
        ("Leder", "/leder/"),
        ("Tilgængelighedserklæring", "/om/tilgaengelighedserklaering/"),
        ("Nyhedsfeed (RSS)", "/feed/"),
    ],
}


def ensure(sender=None, using="default", **kwargs):
    """After `migrate` (and a test database's flush): each menu that is not there is made with its first links."""
    for key, links in DEFAULTS.items():
        if Menu.objects.using(using).filter(key=key).exists():
            continue
        now = timezone.now()
        menu = Menu.objects.using(using).create(key=key, publish_at=now)
        MenuItem.objects.using(using).bulk_create(
            [
                MenuItem(menu=menu, order=(n + 1) * 10, text=text, address=address)
                for n, (text, address) in enumerate(links)
            ]
        )


def _read():
    menus = {key: [] for key, _label in Menu.KEYS}
    try:
        links = MenuItem.objects.filter(menu__in=Menu.objects.published()).select_related("menu")
        for link in links.order_by("order", "pk"):
            menus[link.menu.key].append(link)
    except DatabaseError:
        return {
            key: [MenuItem(text=text, address=address) for text, address in pairs] for key, pairs in DEFAULTS.items()
        }
    return menus


def menus(request):
    """The context processor: ``menus.main`` and ``menus.footer``, read when a template first asks (one query)."""
    return {"menus": SimpleLazyObject(_read)}


def answer(address):
    """What a visitor gets at ``address`` on this site: (status, where it redirects to or None)."""
    # Imported here: django.test brings unittest and Jinja2, 10 MB of every worker, for an editor's save.
    from django.test import RequestFactory

    parts = urlsplit(address)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return 404, None
    request = RequestFactory().get(address, secure=True)
    request.user = AnonymousUser()
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except Http404:
        return 404, None
    except PermissionDenied:
        return 403, None
    return response.status_code, response.get("Location")
