"""Site search over published content, from an index kept up to date as content changes.

Each searchable item has one ``SearchDocument``: its title and its text as plain text, written in the same
transaction as the change (saves, deletes and changes in bulk). What visitors may see is decided when they search,
by each content type's published queryset, so a scheduled item is found from the moment it is published.

On PostgreSQL: a stored, weighted ``tsvector`` (title A, text B) with the ``danish`` configuration (stemming, so
"leder" finds "ledere") and a GIN index; ranked, with highlighted excerpts. On SQLite: an FTS5 table over the same
documents (whole words, ranked by BM25 with the title weighted), kept in step by triggers. Either way one query
finds a page of hits and one counts them, whatever the size of the archive; then one query per kind on the page
fetches what is shown.
"""

import dataclasses
import html
import itertools
import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import OperationalError, connection, models, transaction
from django.db.models import F, Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from velfaerd.content.registry import Search, Subscriber, registry

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PER_PAGE = 20
TAG = re.compile(r"<[^>]+>")
# Markers put around hits in excerpts; control characters that text never holds.
START, STOP = "\x02", "\x03"
FTS_TABLE = "core_searchdocument_fts"


class VectorField(models.Field):
    """PostgreSQL's ``tsvector``. Not contrib.postgres's field: that imports the PostgreSQL driver into every
    worker (10 MB each), also on SQLite, where the column stays empty and FTS5 holds the index."""

    description = _("text search vector")

    def db_type(self, connection):
        return "tsvector"


@VectorField.register_lookup
class Matches(models.Lookup):
    """``vector__matches=SearchQuery(...)``: the ``@@`` operator, which the GIN index serves."""

    lookup_name = "matches"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", (*lhs_params, *rhs_params)


class SearchDocument(models.Model):
    """One searchable item as the search index holds it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    #: PostgreSQL only: the weighted tsvector of title and text (GIN index; migration core 0003).
    vector = VectorField(null=True, editable=False)

    class Meta:
        db_table = "core_searchdocument"  # its name from before it had an app of its own
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="core_searchdocument_once"),
        ]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title


@dataclasses.dataclass(frozen=True)
class Source:
    """One kind of searchable content, as the registry declares it."""

    model: type
    how: Search

    @property
    def title(self):
        return self.how.title

    @property
    def texts(self):
        return self.how.texts

    def queryset(self):
        return self.how.queryset(self.model)


def sources():
    return [Source(entry.model, entry.search) for entry in registry.searchable()]


@dataclasses.dataclass
class Hit:
    title: str
    url: str
    kind: str
    excerpt: str
    rank: float


def _hit(source, obj, excerpt, rank):
    if source.how.present:
        title, url, kind = source.how.present(obj)
    else:
        title, url, kind = str(obj), obj.get_absolute_url(), obj._meta.verbose_name
    return Hit(title=title, url=url, kind=str(kind).capitalize(), excerpt=excerpt, rank=rank)


def normalise(query):
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


class TooSlow(Exception):
    """A search took longer than SEARCH_TIMEOUT_MS and was stopped, so it cannot hold a worker or the database."""


def search(query, page=1):
    """A page of hits for ``query`` (a Django ``Page``: ``object_list`` holds ``Hit``s), or None for no query."""
    query = normalise(query)
    if not query:
        return None
    if connection.vendor == "postgresql":
        # Stopped by the database when it takes too long: a slow search never stalls the site.
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [f"{settings.SEARCH_TIMEOUT_MS}ms"])
                return _page(_PostgreSQLHits(query), page)
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise TooSlow from error
            raise
    return _page(_FTS5Hits(query), page)


def _page(hits, number):
    page = Paginator(hits, PER_PAGE).get_page(number)
    page.object_list = _present(list(page.object_list))
    return page


def _visible():
    """What visitors may see now: (app label, model name, its published pks as a subquery) per kind."""
    return [
        (source.model._meta.app_label, source.model._meta.model_name, source.queryset().order_by().values("pk"))
        for source in sources()
    ]


def _present(rows):
    """Hits for (app label, model name, object id, rank, excerpt) rows: one query per kind among them."""
    by_kind = {}
    for app_label, model_name, object_id, _rank, _excerpt in rows:
        by_kind.setdefault((app_label, model_name), []).append(object_id)
    found = {}
    for kind, ids in by_kind.items():
        model = apps.get_model(*kind)
        source = Source(model, registry.get(model).search)
        found |= {(*kind, obj.pk): (source, obj) for obj in source.queryset().filter(pk__in=ids)}
    hits = []
    for app_label, model_name, object_id, rank, excerpt_html in rows:
        if (app_label, model_name, object_id) in found:  # gone between the two queries: left out
            source, obj = found[app_label, model_name, object_id]
            hits.append(_hit(source, obj, excerpt_html, rank))
    return hits


class _PostgreSQLHits:
    """The hits on PostgreSQL, counted and sliced by the paginator: the GIN index finds, the rank orders."""

    def __init__(self, query):
        from django.contrib.postgres.search import SearchQuery

        self.search_query = SearchQuery(query, config="danish", search_type="websearch")
        visible = Q()
        for app_label, model_name, pks in _visible():
            visible |= Q(content_type__app_label=app_label, content_type__model=model_name, object_id__in=pks)
        self.queryset = SearchDocument.objects.filter(vector__matches=self.search_query).filter(visible)

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        from django.contrib.postgres.search import SearchHeadline, SearchRank

        rows = (
            self.queryset.annotate(
                rank=SearchRank(F("vector"), self.search_query),
                headline=SearchHeadline(
                    "text",
                    self.search_query,
                    config="danish",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "pk")
            .values_list("content_type__app_label", "content_type__model", "object_id", "rank", "headline")[window]
        )
        return [(*row[:4], _marked(row[4])) for row in rows]


class _FTS5Hits:
    """The hits on SQLite: FTS5 finds the words (each a whole word, all of them), BM25 orders (title x 10)."""

    def __init__(self, query):
        words = _words(query)
        self.match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        conditions, self.params = [], [self.match]
        for app_label, model_name, pks in _visible():
            sql, params = pks.query.sql_with_params()
            conditions.append(f"(t.app_label = %s AND t.model = %s AND d.object_id IN ({sql}))")
            self.params += [app_label, model_name, *params]
        self.where = f"{FTS_TABLE} MATCH %s AND ({' OR '.join(conditions) or '0'})"
        self.join = (
            f"FROM {FTS_TABLE} JOIN core_searchdocument d ON d.id = {FTS_TABLE}.rowid "
            "JOIN django_content_type t ON t.id = d.content_type_id"
        )

    def count(self):
        if not self.match:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {self.join} WHERE {self.where}", self.params)
            return cursor.fetchone()[0]

    def __getitem__(self, window):
        if not self.match:
            return []
        limit = window.stop - window.start
        sql = (
            f"SELECT t.app_label, t.model, d.object_id, -bm25({FTS_TABLE}, 10.0, 1.0) AS rank, "
            f"snippet({FTS_TABLE}, 1, %s, %s, ' … ', 32) {self.join} WHERE {self.where} "
            "ORDER BY rank DESC, d.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [START, STOP, *self.params, limit, window.start])
            return [(*row[:4], _marked(row[4])) for row in cursor.fetchall()]


def _marked(headline):
    """An excerpt as safe HTML: the text escaped, then the hits marked where the database put its markers."""
    text = html.escape(" ".join(html.unescape(headline or "").split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


def _words(query):
    return list(re.findall(r"\w+", query.casefold()))[:MAX_WORDS]


# Keeping the index.
def plain_text(value):
    """Rich text or plain text as the words a visitor reads: tags become spaces, entities characters."""
    return " ".join(html.unescape(TAG.sub(" ", str(value or ""))).split())


def document_for(source, obj):
    title = plain_text(getattr(obj, source.title))
    return title, " ".join(filter(None, (plain_text(getattr(obj, field)) for field in source.texts)))


def index(model, objs):
    """Write the documents of ``objs`` (all of ``model``, a searchable kind)."""
    source = Source(model, registry.get(model).search)
    content_type = ContentType.objects.get_for_model(model)
    documents = []
    for obj in objs:
        title, text = document_for(source, obj)
        documents.append(SearchDocument(content_type=content_type, object_id=obj.pk, title=title, text=text))
    if not documents:
        return
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["title", "text"],
        batch_size=500,
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(content_type=content_type, object_id__in=[obj.pk for obj in objs]).update(
            vector=_vector()
        )


def _vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config="danish") + SearchVector("text", weight="B", config="danish")


def unindex(model, pks):
    SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=pks).delete()


def _searchable(model):
    return registry.get(model).search is not None


def content_saved(sender, instance, **kwargs):
    if _searchable(sender):
        index(sender, [instance])


def content_deleted(sender, instance, **kwargs):
    if _searchable(sender):
        unindex(sender, [instance.pk])


def content_rows_changed(sender, pks, **kwargs):
    if _searchable(sender):
        rows = sender._default_manager.all() if pks is None else sender._default_manager.filter(pk__in=pks)
        found = list(rows)
        index(sender, found)
        if pks is not None:
            unindex(sender, set(pks) - {obj.pk for obj in found})


#: Every content item's changes (connected by the registry).
SUBSCRIBER = Subscriber("search", saved=content_saved, deleted=content_deleted, rows_changed=content_rows_changed)


def index_missing(using=None, **kwargs):
    """After ``migrate``: every searchable item without a document gets one (all of them, the first time)."""
    if using not in (None, "default"):
        return 0
    count = 0
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        indexed = SearchDocument.objects.filter(content_type=content_type).values("object_id")
        missing = source.model._default_manager.exclude(pk__in=indexed)
        for batch in itertools.batched(missing.iterator(chunk_size=500), 500):
            index(source.model, batch)
            count += len(batch)
    return count
