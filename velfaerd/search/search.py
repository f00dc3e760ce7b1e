"""Site search over published content, from an index kept up to date as content changes.

Each searchable item has one ``SearchDocument``: its title and its text as plain text, the text of its PDF, and the
Danish terms of each (danish.py: stemmed with the Snowball stemmer, æ/ø/å folded to ae/oe/aa), written in the same
transaction as the change (saves, deletes and changes in bulk); the terms go into the vocabulary (``SearchTerm``),
where a word finds the terms it starts and the compounds it ends. What visitors may
see is decided when they search, by each content type's published queryset, so a scheduled item is found from the
moment it is published.

Both databases index the same terms and are asked for the same terms, so they find the same items: every word typed
(as one of the terms it may mean, or a compound it ends), the last one also as the start of a term (both looked up
in the vocabulary and asked for as exact terms). On PostgreSQL: a
stored, weighted ``tsvector`` of the terms (title A, text B, PDF C; the ``simple`` configuration, as the terms are
made here) with a GIN index, ranked by ``ts_rank``. On SQLite: an FTS5 table over the same columns, kept in step by
triggers, ranked by BM25 with the same order of weights. Either way only a bounded set of candidates is ranked
(``_Hits``): the newest ``SEARCH_CANDIDATES`` matches and as many of the newest with the words in their title, so a
word in every document costs what a rare one does, and past the bound the count says "more than". One query finds,
ranks and counts them, one reads the texts of a page; then one query per kind on the page fetches what is shown.
Excerpts are cut from the text here, the words found marked, and say when they come from the PDF.
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
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from velfaerd.content.registry import Search, Subscriber, registry
from velfaerd.search import danish

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PER_PAGE = 20
TAG = re.compile(r"<[^>]+>")
FTS_TABLE = "core_searchdocument_fts"
#: The title's terms as PostgreSQL's index of them has them (migration search 0003): the same expression, or the
#: planner cannot use it.
TITLE_VECTOR = "to_tsvector('simple'::regconfig, title_terms)"
#: An excerpt: about this many words, cut from at most this many characters of the text (or of the PDF's).
EXCERPT_WORDS = 32
EXCERPT_SCAN = 20_000


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
    #: The text of the item's PDF (its first pages, settings.SEARCH_PDF_PAGES/_CHARS), and which file it is from.
    document_text = models.TextField(_("text of the PDF"), blank=True, default="")
    document_name = models.CharField(_("PDF file"), max_length=255, blank=True, default="")
    #: The Danish terms of each (danish.py), which the database's index holds.
    title_terms = models.TextField(blank=True, default="", editable=False)
    text_terms = models.TextField(blank=True, default="", editable=False)
    document_terms = models.TextField(blank=True, default="", editable=False)
    #: PostgreSQL only: the weighted tsvector of the terms (GIN index; migration core 0003).
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


class SearchTerm(models.Model):
    """The index's vocabulary: each term once, also with its letters reversed. A word typed last also asks for the
    terms that start with it, and a long word for the compounds that end with it, a few of each (the shortest: the
    closest), found as ranges of a B-tree (on PostgreSQL in the "C" collation, migration 0002) and asked for as
    exact terms, which the full-text index answers without reading a document. Terms of documents since deleted
    stay: they find nothing."""

    term = models.CharField(max_length=100, unique=True)
    reversed = models.CharField(max_length=100, db_index=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term


#: At most this many terms a word starts (the last word) or ends (a compound's last part) are asked for with it.
TERMS_PER_WORD = 30
#: A word shorter than this (as a term) is not taken as the start of others: "le" would ask for half the language.
PREFIX_LENGTH = 3


def _after(start):
    """The first string after all those that start with ``start``."""
    return start[:-1] + chr(ord(start[-1]) + 1)


def _expanded(asked):
    """Each word's terms, with the vocabulary's terms that start with the last word's and those that end with a long
    word's (compounds): one query, or none when there is nothing to look up."""
    ends = {t for alternatives in asked for t in alternatives if len(t) >= danish.PART_LENGTH}
    starts = {t for t in (asked[-1] if asked else []) if len(t) >= PREFIX_LENGTH}
    if not ends and not starts:
        return [list(alternatives) for alternatives in asked]
    ranges = Q()
    for end in ends:
        ranges |= Q(reversed__gte=end[::-1], reversed__lt=_after(end[::-1]))
    for start in starts:
        ranges |= Q(term__gte=start, term__lt=_after(start))
    rows = SearchTerm.objects.filter(ranges).order_by(Length("term"), "term").values_list("term", flat=True)
    known = list(rows[:5000])
    expanded = []
    for i, alternatives in enumerate(asked):
        terms = list(alternatives)
        for t in alternatives:
            if t in ends:
                terms += [k for k in known if k.endswith(t) and k != t][:TERMS_PER_WORD]
            if i == len(asked) - 1 and t in starts:
                terms += [k for k in known if k.startswith(t) and k != t][:TERMS_PER_WORD]
        expanded.append(list(dict.fromkeys(terms)))
    return expanded


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
    excerpt_from_document: bool = False  # the excerpt is from the item's PDF


def _hit(source, obj, excerpt, rank):
    if source.how.present:
        title, url, kind = source.how.present(obj)
    else:
        title, url, kind = str(obj), obj.get_absolute_url(), obj._meta.verbose_name
    excerpt, from_document = excerpt
    kind = str(kind).capitalize()
    return Hit(title=title, url=url, kind=kind, excerpt=excerpt, rank=rank, excerpt_from_document=from_document)


def normalise(query):
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


class TooSlow(Exception):
    """A search took longer than SEARCH_TIMEOUT_MS and was stopped, so it cannot hold a worker or the database."""


def search(query, page=1):
    """A page of hits for ``query`` (a Django ``Page``: ``object_list`` holds ``Hit``s), or None for no query."""
    query = normalise(query)
    if not query:
        return None
    asked = danish.query(query, MAX_WORDS)
    if connection.vendor == "postgresql":
        # Stopped by the database when it takes too long: a slow search never stalls the site.
        # SET LOCAL lasts to the end of the transaction, not of the savepoint: inside a longer transaction (a
        # command's, a test's) the timeout before the search is put back, or the statements after it inherit it.
        nested = connection.in_atomic_block
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
                    [f"{settings.SEARCH_TIMEOUT_MS}ms"],
                )
                before = cursor.fetchone()[0]
                terms = _expanded(asked)
                found = _page(_PostgreSQLHits(terms), page, terms)
                if nested:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
                return found
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise TooSlow from error
            raise
    terms = _expanded(asked)
    return _page(_FTS5Hits(terms), page, terms)


def _page(hits, number, terms):
    page = Paginator(hits, PER_PAGE).get_page(number)
    page.more = hits.more  # more matches than were ranked: the count is "more than"
    # The words marked in an excerpt are those whose term the search asked for: exactly what it found.
    wanted = {term for alternatives in terms for term in alternatives}

    def match(word):
        return danish.term(word.casefold()) in wanted

    page.object_list = _present([(*row[:4], _excerpt(row[4], row[5], match)) for row in page.object_list])
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
    for app_label, model_name, object_id, rank, excerpt in rows:
        if (app_label, model_name, object_id) in found:  # gone between the two queries: left out
            source, obj = found[app_label, model_name, object_id]
            hits.append(_hit(source, obj, excerpt, rank))
    return hits


class _Hits:
    """The hits of a search, as the paginator counts and slices them, best first.

    Only candidates are ranked: the newest ``SEARCH_CANDIDATES`` documents that match (found in the order of the
    table's key, so a word in nearly every document is found in as many rows as it takes, and a rare one through the
    full-text index) and up to as many again that have the words in their title (their own index), so the best
    matches are among them whatever their age. ``more`` says the newest were cut off: there are more matches than
    the count. One query finds the candidates and ranks those visitors may see; one reads the texts of a page.
    """

    def __init__(self, terms):
        self.expression = self.expression_of(terms)
        self.more = False
        self._rows = None

    @property
    def rows(self):
        """(document id, app label, model name, object id, rank) of each visible candidate, best first."""
        if self._rows is None:
            self._rows = []
            if self.expression:
                found = self._ranked()
                self.more = bool(found) and found[0][-1] >= settings.SEARCH_CANDIDATES
                self._rows = [row[:-1] for row in found]
        return self._rows

    def count(self):
        return len(self.rows)

    def __getitem__(self, window):
        rows = self.rows[window]
        texts = {
            pk: (text, document_text)
            for pk, text, document_text in SearchDocument.objects.filter(pk__in=[row[0] for row in rows]).values_list(
                "pk", "text", "document_text"
            )
        }
        return [(*row[1:], *texts.get(row[0], ("", ""))) for row in rows]

    def _ranked(self):
        conditions, visible = [], []
        for app_label, model_name, pks in _visible():
            sql, params = pks.query.sql_with_params()
            conditions.append(f"(t.app_label = %s AND t.model = %s AND d.object_id IN ({sql}))")
            visible += [app_label, model_name, *params]
        limit = settings.SEARCH_CANDIDATES
        sql = (
            f"WITH newest AS ({self.newest}), titled AS ({self.titled}) "  # noqa: S608 - constants; terms are params
            f"SELECT d.id, t.app_label, t.model, d.object_id, {self.rank} AS rank, (SELECT count(*) FROM newest) "
            f"{self.source} JOIN django_content_type t ON t.id = d.content_type_id "
            f"WHERE {self.matches} d.id IN (SELECT id FROM newest UNION SELECT id FROM titled) "
            f"AND ({' OR '.join(conditions) or '1 = 0'}) ORDER BY rank DESC, d.id"
        )
        params = [self.expression, limit, self.title_expression, limit, *self.rank_params, *self.match_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *visible])
            return cursor.fetchall()


class _PostgreSQLHits(_Hits):
    """On PostgreSQL: the GIN indexes find (the vector's, and the title's terms'), ``ts_rank`` orders."""

    newest = "SELECT id FROM core_searchdocument WHERE vector @@ to_tsquery('simple', %s) ORDER BY id DESC LIMIT %s"
    titled = (
        f"SELECT id FROM core_searchdocument WHERE {TITLE_VECTOR} @@ to_tsquery('simple', %s) "  # noqa: S608
        "ORDER BY id DESC LIMIT %s"
    )
    rank = "ts_rank(d.vector, to_tsquery('simple', %s))"
    source = "FROM core_searchdocument d"
    matches = ""
    match_params = ()

    @staticmethod
    def expression_of(terms):
        return " & ".join("(" + " | ".join(f"'{t}'" for t in alternatives) + ")" for alternatives in terms)

    @property
    def title_expression(self):
        return self.expression

    @property
    def rank_params(self):
        return [self.expression]


class _FTS5Hits(_Hits):
    """On SQLite: FTS5 finds (its rows newest first, and in the title column), BM25 orders (title x 10, text x 1,
    PDF x 0.5)."""

    newest = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s"  # noqa: S608
    titled = newest  # the same query: the title's column is named in its expression (``title_expression``)
    rank = f"-bm25({FTS_TABLE}, 10.0, 1.0, 0.5)"
    source = f"FROM {FTS_TABLE} JOIN core_searchdocument d ON d.id = {FTS_TABLE}.rowid"
    matches = f"{FTS_TABLE} MATCH %s AND"
    rank_params = ()

    @staticmethod
    def expression_of(terms):
        return " AND ".join("(" + " OR ".join(f'"{t}"' for t in alternatives) + ")" for alternatives in terms)

    @property
    def title_expression(self):
        return f"{{title_terms}} : ({self.expression})"

    @property
    def match_params(self):
        return [self.expression]


def _excerpt(text, document_text, match):
    """(excerpt as safe HTML, whether it is from the PDF): around the first word found in the text, else in the
    PDF's text, else the text's beginning; escaped, the words found marked."""
    for source, from_document in ((text, False), (document_text, True)):
        if source and (excerpt := _cut(source, match)):
            return excerpt, from_document
    return _cut(text, None), False


def _cut(text, match):
    text = text[:EXCERPT_SCAN]
    spans = list(danish.WORD.finditer(text))
    first = 0
    if match is not None:
        first = next((i for i, word in enumerate(spans) if match(word.group())), None)
        if first is None:
            return ""
    if not spans:
        return ""
    begin = max(0, first - 6)
    shown = spans[begin : begin + EXCERPT_WORDS]
    start, end = shown[0].start(), shown[-1].end()
    if end < len(text) and text[end : end + 1] in ".!?":
        end += 1
    parts = ["… " if begin else ""]
    at = start
    for word in shown:
        if match is not None and match(word.group()):
            parts += [html.escape(text[at : word.start()]), "<mark>", html.escape(word.group()), "</mark>"]
            at = word.end()
    parts.append(html.escape(text[at:end]))
    if begin + EXCERPT_WORDS < len(spans):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the text escaped above


# Keeping the index.
def plain_text(value):
    """Rich text or plain text as the words a visitor reads: tags become spaces, entities characters."""
    return " ".join(html.unescape(TAG.sub(" ", str(value or ""))).split())


def document_for(source, obj):
    title = plain_text(getattr(obj, source.title))
    return title, " ".join(filter(None, (plain_text(getattr(obj, field)) for field in source.texts)))


def index(model, objs, extract=True):
    """Write the documents of ``objs`` (all of ``model``, a searchable kind), with their terms.

    A kind with a PDF (``Search.document``) keeps its text with the file it came from: the text read when the file
    was uploaded (``obj.document_text``, set by the save that stored it and used by that save only), else the text
    already indexed for that file, else (a file that came another way: a draft published, a restore) read now,
    bounded (pdfcheck.py), when ``extract``; when not (changes in bulk, after ``migrate``), the document waits for
    ``check_pdfs``, which fills it.
    """
    objs = list(objs)
    source = Source(model, registry.get(model).search)
    content_type = ContentType.objects.get_for_model(model)
    field = source.how.document
    indexed = {}
    if field:
        indexed = {
            row[0]: row[1:]
            for row in SearchDocument.objects.filter(
                content_type=content_type, object_id__in=[obj.pk for obj in objs]
            ).values_list("object_id", "document_name", "document_text", "document_terms")
        }
    documents = []
    vocabulary = set()
    for obj in objs:
        title, text = document_for(source, obj)
        document = SearchDocument(content_type=content_type, object_id=obj.pk, title=title, text=text)
        document.title_terms, document.text_terms = danish.terms(title), danish.terms(text)
        if field:
            _with_document_text(document, getattr(obj, field), obj, indexed.get(obj.pk), extract)
        vocabulary |= danish.vocabulary(document.title_terms, document.text_terms, document.document_terms)
        documents.append(document)
    if not documents:
        return
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=[
            "title",
            "text",
            "document_name",
            "document_text",
            "title_terms",
            "text_terms",
            "document_terms",
        ],
        batch_size=500,
    )
    remember(vocabulary)
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(content_type=content_type, object_id__in=[obj.pk for obj in objs]).update(
            vector=VECTOR
        )


def _with_document_text(document, file, obj, indexed, extract):
    name = (file.name or "") if file else ""
    if not name:
        return
    text = obj.__dict__.pop("document_text", None)  # read with this save's upload: used once
    if text is None and indexed and indexed[0] == name:
        document.document_name, document.document_text, document.document_terms = indexed
        return
    if text is None and extract:
        text = document_text(file)
    if text is None:
        return  # for check_pdfs
    document.document_name, document.document_text, document.document_terms = name, text, danish.terms(text)


def document_text(file):
    """The text of a stored PDF as the index keeps it, read in the bounded process; "" when it cannot be read."""
    from velfaerd.content import pdfcheck

    try:
        with file.storage.open(file.name, "rb") as stored:
            return pdfcheck.check(stored).get("text", "")
    except OSError:
        return ""


def remember(vocabulary):
    """Add terms to the vocabulary (those there already are left)."""
    terms = sorted(term for term in vocabulary if len(term) <= SearchTerm._meta.get_field("term").max_length)
    if terms:
        rows = [SearchTerm(term=term, reversed=term[::-1]) for term in terms]
        SearchTerm.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


#: The weighted vector of the terms, as both kinds of index rank them (title, text, PDF).
VECTOR = RawSQL(
    "setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', text_terms), 'B') || "
    "setweight(to_tsvector('simple', document_terms), 'C')",
    [],
    output_field=VectorField(),
)


def unindex(model, pks):
    SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=pks).delete()


def _searchable(model):
    return registry.get(model).search is not None


def content_saved(sender, instance, raw=False, **kwargs):
    if _searchable(sender):
        # Loading data (a restore) does not read PDFs one by one in its transaction: `check_pdfs` reads them after.
        index(sender, [instance], extract=not raw)


def content_deleted(sender, instance, **kwargs):
    if _searchable(sender):
        unindex(sender, [instance.pk])


def content_rows_changed(sender, pks, **kwargs):
    if _searchable(sender):
        rows = sender._default_manager.all() if pks is None else sender._default_manager.filter(pk__in=pks)
        found = list(rows)
        index(sender, found, extract=False)
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
            index(source.model, batch, extract=False)
            count += len(batch)
    return count
