"""The one place that says which models are the site's content, and what each offers.

Each app registers its content models here, once, in its AppConfig.ready(); every mechanism that concerns content
reads the registry and nothing else: the page cache's invalidation, search, the feed, the sitemap, content health
and link checking, and the editors' permissions. A new content type is one entry here (and its model, admin,
template and test).

It is also the one wiring point for what follows content changes: each feature (the content version, search,
redirects, content health, the page cache) subscribes here with a ``Subscriber``, and the registry connects each of
its hooks to each content model, for saves, deletes, many-to-many changes, changes in bulk and loads. Nothing
listens to every model of the project and filters.

Which pages link to an item is known only to the pages app, above every content app: it registers the function
that answers it (``register_referrer``), so that content below it can ask without importing it.
"""

import dataclasses

from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save

from velfaerd.content.changes import rows_changed
from velfaerd.content.publishing import ContentQuerySet, Publishable
from velfaerd.content.reviewing import Reviewable


def _published(model):
    return model.objects.published()


@dataclasses.dataclass(frozen=True)
class Search:
    """How a content type is searched: its title field, its text fields, what visitors may find."""

    title: str
    texts: tuple
    published: object = _published  # model -> queryset of what visitors may see
    select_related: tuple = ()
    present: object = None  # obj -> (title, address, kind) of a hit, when not str(obj), its address and model
    document: str = ""  # the name of a PDF file field whose text is searched too

    def queryset(self, model):
        queryset = self.published(model)
        return queryset.select_related(*self.select_related) if self.select_related else queryset


@dataclasses.dataclass(frozen=True)
class Themed:
    """How a content type tagged with leadership themes is shown on a theme's page: at ``/temaer/<tema>/<slug>/``
    under ``heading``, with these relations fetched."""

    slug: str
    heading: str
    select_related: tuple = ()
    prefetch_related: tuple = ()

    def queryset(self, model, theme):
        queryset = model._default_manager.published().filter(themes=theme)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.prefetch_related(*self.prefetch_related) if self.prefetch_related else queryset


@dataclasses.dataclass(frozen=True)
class Content:
    """One content type and what it offers."""

    model: type
    #: How it is searched (None: not searched).
    search: Search | None = None
    #: In the site's feed, with this field as the entry's summary (None: not in the feed).
    feed_summary: str | None = None
    #: In the sitemap (it has a public page of its own), with these relations fetched.
    sitemap: bool = False
    sitemap_select_related: tuple = ()
    #: Short texts that are link texts (checked like the links in rich text), the title of what they open
    #: (obj -> str: a text naming it is not weak), and the relations that title needs.
    link_texts: tuple = ()
    link_target: object = None
    link_texts_select_related: tuple = ()
    #: Tagged with leadership themes, and shown so on a theme's page (None: not tagged).
    themed: Themed | None = None
    #: Its public address as a URL pattern's name and {keyword argument: lookup}, so a link typed into rich text
    #: is known as a link to it (velfaerd/redirects/references.py). Empty: no page of its own.
    address: tuple = ()
    #: The field that names an item where editors choose one (the rich-text editor's links to the site's pages).
    title: str = "title"

    @property
    def publishable(self):
        return issubclass(self.model, Publishable)

    @property
    def reviewable(self):
        return issubclass(self.model, Reviewable)


@dataclasses.dataclass(frozen=True)
class Subscriber:
    """What one feature does when content changes. Each hook is a receiver of the Django signal it is named for
    (``rows_changed``: changes.py), connected to every content model and to nothing else."""

    name: str
    before_save: object = None  # pre_save
    saved: object = None  # post_save
    deleted: object = None  # post_delete
    m2m_changed: object = None  # m2m_changed of the model's own many-to-many fields (sender: the through model)
    rows_changed: object = None  # rows changed in bulk
    loaded: object = None  # post_init

    def connections(self, model):
        """(signal, receiver, sender, dispatch_uid) of each hook for ``model``."""
        label = model._meta.label
        for hook, signal in (
            ("before_save", pre_save),
            ("saved", post_save),
            ("deleted", post_delete),
            ("rows_changed", rows_changed),
            ("loaded", post_init),
        ):
            if (receiver := getattr(self, hook)) is not None:
                yield signal, receiver, model, f"{self.name}-{hook}-{label}"
        if self.m2m_changed is not None:
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                yield m2m_changed, self.m2m_changed, through, f"{self.name}-m2m-{through._meta.label}"


class Registry:
    def __init__(self):
        self._entries = {}
        self._subscribers = {}
        self._referrer = None

    def register(self, model, **facts):
        """Declare ``model`` content. Its changes move the page cache from now on, whatever makes them."""
        if model in self._entries:
            raise ImproperlyConfigured(f"{model._meta.label} is registered as content twice.")
        if not isinstance(model._default_manager.all(), ContentQuerySet):
            raise ImproperlyConfigured(
                f"{model._meta.label}'s default manager must make a ContentQuerySet, so that update() on it moves "
                "the page cache too."
            )
        entry = Content(model, **facts)
        self._entries[model] = entry
        for subscriber in self._subscribers.values():
            self._connect(subscriber, model)
        return entry

    def subscribe(self, subscriber):
        """Connect ``subscriber``'s hooks to every content model, those registered later included."""
        if subscriber.name in self._subscribers:
            raise ImproperlyConfigured(f"A subscriber named {subscriber.name!r} is connected already.")
        self._subscribers[subscriber.name] = subscriber
        for model in self._entries:
            self._connect(subscriber, model)

    def subscribers(self):
        return list(self._subscribers.values())

    @staticmethod
    def _connect(subscriber, model):
        for signal, receiver, sender, dispatch_uid in subscriber.connections(model):
            signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid, weak=False)

    def __iter__(self):
        return iter(self._entries.values())

    def __contains__(self, model):
        return model in self._entries

    def get(self, model):
        return self._entries[model]

    def models(self):
        return [entry.model for entry in self]

    def searchable(self):
        return [entry for entry in self if entry.search]

    def in_feed(self):
        return [entry for entry in self if entry.feed_summary]

    def in_sitemap(self):
        return [entry for entry in self if entry.sitemap]

    def themed(self):
        """The kinds tagged with leadership themes, in the order they were registered (the order a theme's page
        shows them)."""
        return [entry for entry in self if entry.themed]

    # Who links to an item.
    def register_referrer(self, function):
        """``function(item, published_only)`` returns a queryset of the pages that link to ``item``; it has a
        ``mark_updated(date)`` method, which moves their "Sidst opdateret"."""
        if self._referrer is not None:
            raise ImproperlyConfigured("Only one app may say which pages link to content.")
        self._referrer = function

    def pages_linking_to(self, item, published_only=False):
        if self._referrer is None:
            raise ImproperlyConfigured("No app says which pages link to content (the pages app registers it).")
        return self._referrer(item, published_only)


registry = Registry()
