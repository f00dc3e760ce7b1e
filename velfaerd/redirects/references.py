"""Links in rich text to the site's own items follow their target: each is kept as a reference to the item
(``data-ref="publications.publication:12"`` beside its address) and shown at the item's current address, so a moved
item's links are right without a redirect; one whose item visitors cannot see (deleted, taken off, not yet out) is
shown as plain text, never as a dead link.

A link becomes a reference when its text is saved (richtext.py calls ``mark``): an address on this site that is an
item's page (its URL pattern, declared in the registry as ``address``), or an old address of one (its redirect),
gets the item's reference. The editor types or pastes the address; the reference comes with it.

On a page, ``render`` puts each reference's current address in (one query per kind of item among the references it
has not met in this request: ``loaded`` gathers a page's texts first, so a theme page with fifty sections asks once).
"""

import contextlib
import contextvars
import html
import re
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.urls import Resolver404, resolve

from velfaerd.content.registry import registry

#: A reference as stored: app label, model name, primary key.
REFERENCE = re.compile(r"^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*):(\d{1,19})$")
ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
FOUND = re.compile(r'data-ref="([^"]+)"')

_seen = contextvars.ContextVar("velfaerd_references", default=None)


def reference(model, pk):
    return f"{model._meta.app_label}.{model._meta.model_name}:{pk}"


def item_at(address):
    """(model, pk) of the item whose page is at ``address`` (a path on this site), now or before it moved; or None."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is not None:
        for entry in registry:
            if entry.address and entry.address[0] == match.url_name:
                lookups = {lookup: match.kwargs.get(name) for name, lookup in entry.address[1].items()}
                pk = entry.model._base_manager.filter(**lookups).values_list("pk", flat=True).first()
                if pk is not None:
                    return entry.model, pk
    from .redirects import Redirect

    moved = Redirect.objects.filter(old_path=parts.path, content_type__isnull=False).select_related("content_type")
    if (row := moved.first()) is not None and (model := row.content_type.model_class()) in registry:
        return model, row.object_id
    return None


def _attributes(inside):
    return dict(ATTRIBUTE.findall(" " + inside))


def _anchor(attributes, text):
    inside = "".join(f' {name}="{value}"' for name, value in attributes.items())
    return f"<a{inside}>{text}</a>"


def mark(cleaned):
    """Sanitised rich text with each link to an item of the site carrying the item's reference."""
    if "<a" not in cleaned:
        return cleaned

    def marked(found):
        attributes = _attributes(found.group(1))
        address = html.unescape(attributes.get("href", ""))
        item = item_at(address) if address.startswith("/") else None
        if item is not None:
            attributes["data-ref"] = reference(*item)
        elif not (address.startswith("/") and REFERENCE.match(attributes.get("data-ref", ""))):
            attributes.pop("data-ref", None)  # only a link on this site whose item is not known now keeps its own
        return _anchor(attributes, found.group(2))

    return ANCHOR.sub(marked, cleaned)


def _load(references, visible=True):
    """{reference: the item's address now, or None when visitors cannot see it (``visible``) or it is no more}:
    one query per kind."""
    by_kind = {}
    for ref in references:
        if (match := REFERENCE.match(ref)) is not None:
            by_kind.setdefault((match[1], match[2]), []).append(int(match[3]))
    found = dict.fromkeys(references)
    for (app_label, model_name), pks in by_kind.items():
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if model not in registry:
            continue
        entry = registry.get(model)
        items = model._default_manager.published() if visible and entry.publishable else model._base_manager.all()
        if entry.sitemap_select_related:
            items = items.select_related(*entry.sitemap_select_related)
        for item in items.filter(pk__in=pks):
            found[reference(model, item.pk)] = item.get_absolute_url()
    return found


def _addresses(references):
    seen = _seen.get()
    if seen is None:
        return _load(references)
    missing = references - seen.keys()
    if missing:
        seen.update(_load(missing))
    return seen


def _at_address(text, addresses, for_visitors):
    """``text`` with each reference's link at the address in ``addresses``. Visitors get no reference, and a link
    whose item they cannot see (no address) as its words; for editors, such a link stays as it is."""

    def shown(found):
        attributes = _attributes(found.group(1))
        ref = attributes.pop("data-ref", None) if for_visitors else attributes.get("data-ref")
        if ref is None:
            return found.group(0)
        if (address := addresses.get(ref)) is None:
            return found.group(2) if for_visitors else found.group(0)
        # The item's address now, with the place in it the link was to (a section's "#afsnit-2", a page number).
        typed = urlsplit(html.unescape(attributes.get("href", "")))
        attributes["href"] = html.escape(urlunsplit(("", "", address, typed.query, typed.fragment)))
        return _anchor(attributes, found.group(2))

    return ANCHOR.sub(shown, text)


def for_editing(text):
    """Rich text as an editor opens it: each reference's link at its item's address now, whether visitors see the
    item yet or not, so the link dialog shows where the link goes and the next save knows the item by it."""
    references = set(FOUND.findall(text or ""))
    if not references:
        return text
    return _at_address(text, _load(references, visible=False), for_visitors=False)


def render(text):
    """Rich text as visitors get it: each reference at its item's address now, or plain text when gone."""
    references = set(FOUND.findall(text))
    if not references:
        return text
    return _at_address(text, _addresses(references), for_visitors=True)


def gone(text):
    """The words of each link in ``text`` whose item visitors cannot see now (for content health)."""
    found = FOUND.findall(text)
    if not found:
        return []
    addresses = _load(set(found))
    words = []
    for anchor in ANCHOR.finditer(text):
        ref = _attributes(anchor.group(1)).get("data-ref")
        if ref is not None and addresses.get(ref) is None:
            words.append(html.unescape(re.sub(r"<[^>]+>", "", anchor.group(2))).strip())
    return words


@contextlib.contextmanager
def loaded(*texts):
    """While a page is made: the references in ``texts`` looked up at once, and those met later once each."""
    token = _seen.set({})
    try:
        references = set()
        for text in texts:
            references.update(FOUND.findall(text or ""))
        if references:
            _addresses(references)
        yield
    finally:
        _seen.reset(token)


def referring(item):
    """The ``data-ref`` text that finds rich text referring to ``item`` (for a ``__contains`` lookup)."""
    return f'data-ref="{reference(type(item), item.pk)}"'
