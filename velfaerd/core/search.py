"""Site search over published content.

On PostgreSQL: full-text search with the ``danish`` configuration (stemming, so "leder" finds "ledere"), ranked,
with highlighted excerpts. Elsewhere (SQLite): every word must occur as a whole word; ranked by where it occurs,
with the same kind of excerpt. One query per kind of content, whatever the number of hits.
"""

import dataclasses
import html
import re

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import OperationalError, connection, transaction
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.safestring import mark_safe

from .registry import Search, registry

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
LIMIT_PER_KIND = 30
TAG = re.compile(r"<[^>]+>")
# Markers PostgreSQL puts around hits in excerpts; control characters that text never holds.
START, STOP = "\x02", "\x03"


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


def search(query):
    query = normalise(query)
    if not query:
        return []
    if connection.vendor == "postgresql":
        # Stopped by the database when it takes too long: a slow search never stalls the site.
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [f"{settings.SEARCH_TIMEOUT_MS}ms"])
                hits = [hit for source in sources() for hit in _search_postgresql(source, query)]
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise TooSlow from error
            raise
    else:
        hits = [hit for source in sources() for hit in _search_words(source, query)]
    return sorted(hits, key=lambda hit: -hit.rank)


class _StripTags(Func):
    """HTML to plain text in the database: tags become spaces."""

    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]+>', ' ', 'g')"
    output_field = TextField()


def _search_postgresql(source, query):
    search_query = SearchQuery(query, config="danish", search_type="websearch")
    vector = SearchVector(source.title, weight="A", config="danish") + SearchVector(
        *[_StripTags(F(field)) for field in source.texts], weight="B", config="danish"
    )
    text = Concat(
        *[item for field in source.texts for item in (_StripTags(F(field)), Value(" "))], output_field=TextField()
    )
    queryset = (
        source.queryset()
        .annotate(search=vector)
        .filter(search=search_query)
        .annotate(
            rank=SearchRank(F("search"), search_query),
            headline=SearchHeadline(
                text,
                search_query,
                config="danish",
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank")[:LIMIT_PER_KIND]
    )
    return [_hit(source, obj, _marked(obj.headline), obj.rank) for obj in queryset]


def _marked(headline):
    """PostgreSQL's excerpt as safe HTML: the text escaped (plain fields hold raw characters, rich text entities),
    then the hits marked where PostgreSQL put its markers."""
    text = html.escape(" ".join(html.unescape(headline).split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


def _words(query):
    return list(re.findall(r"\w+", query.casefold()))[:MAX_WORDS]


def _search_words(source, query):
    words = _words(query)
    if not words:
        return []
    condition = Q()
    for word in words:
        pattern = rf"\b{re.escape(word)}\b"
        condition &= Q(**{f"{source.title}__iregex": pattern}) | _any(source.texts, pattern)
    hits = []
    for obj in source.queryset().filter(condition)[:LIMIT_PER_KIND]:
        title = getattr(obj, source.title).casefold()
        text = " ".join(TAG.sub(" ", str(getattr(obj, field) or "")) for field in source.texts)
        rank = sum(2 for word in words if re.search(rf"\b{re.escape(word)}\b", title)) + 1
        hits.append(_hit(source, obj, excerpt(html.unescape(text), words), rank))
    return hits


def _any(fields, pattern):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__iregex": pattern})
    return condition


def excerpt(text, words, width=220):
    """About ``width`` characters of ``text`` around the first hit, escaped, with the words marked."""
    text = " ".join(text.split())
    found = [m.start() for word in words if (m := re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE))]
    start = max(0, min(found) - width // 3) if found else 0
    piece = text[start : start + width]
    if start > 0:
        piece = "… " + piece.split(" ", 1)[-1]
    if start + width < len(text):
        piece = piece.rsplit(" ", 1)[0] + " …"
    marked = html.escape(piece)
    for word in words:
        marked = re.sub(rf"\b({re.escape(html.escape(word))})\b", r"<mark>\1</mark>", marked, flags=re.IGNORECASE)
    return mark_safe(marked)  # noqa: S308 - escaped above; only <mark> is added
