"""Lists a page at a time by their keys, so the last page costs what the first does.

A list's first ``NUMBERED`` pages are reached by number (``?page=2``: "Side 2 af 4.168"); from there "Næste side"
goes on from the last item shown (``?efter=<its id>``: the items after it in the list's order), "Forrige side" back
from the first (``?foer=<id>``), and "Sidste side" (``?page=last``) reads the list from its other end. Each is one
query that the list's index answers from where it starts, however far into the archive: no OFFSET. A page from an
item names an item of the site, so the pages one can ask for (and the page cache can hold) are bounded by the
content; the item's place is read from its row, so a page from an item that has since left the list still works
and one that was deleted is not found. A page number past the numbered ones (an old link) is still answered, by
OFFSET; none is made any more.
"""

import copy

from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import F, OrderBy, Q
from django.http import Http404
from django.utils.translation import gettext as _

#: Pages reached by number; the rest by an item of the list.
NUMBERED = 5
#: The largest id a page may start from (the page cache accepts no longer value).
ID = r"[1-9][0-9]{0,18}"


class Key:
    """One column of a list's order."""

    def __init__(self, model, ordering):
        self.name = ordering.lstrip("-")
        self.descending = ordering.startswith("-")
        field = model._meta.pk if self.name == "pk" else model._meta.get_field(self.name)
        self.nullable = field.null

    def expression(self, reverse=False):
        descending = self.descending != reverse
        if not self.nullable:
            return f"-{self.name}" if descending else self.name
        # Empty values last whichever way the list is read, on either database.
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        return F(self.name).desc(**nulls) if descending else F(self.name).asc(**nulls)

    def beyond(self, value, reverse):
        """Rows strictly beyond ``value`` on this key in the list's order (read backwards when ``reverse``)."""
        lookup = "lt" if self.descending != reverse else "gt"
        if not self.nullable:
            return Q(**{f"{self.name}__{lookup}": value})
        if value is None:  # empty values come last: beyond them only more of them, when read backwards
            return Q(**{f"{self.name}__isnull": False}) if reverse else Q(pk__in=[])
        beyond = Q(**{f"{self.name}__{lookup}": value})
        return beyond if reverse else beyond | Q(**{f"{self.name}__isnull": True})

    def equal(self, value):
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})

    def bound(self, value, reverse):
        """The first key's range from ``value`` on, which an index on it reads from there (redundant otherwise)."""
        if self.nullable:
            return Q()
        return Q(**{f"{self.name}__{'lte' if self.descending != reverse else 'gte'}": value})


class ListOrderIndex(models.Index):
    """An index in a list's order as its pages read it (``Key.expression``: a nullable key's empty values last), so
    a page from anywhere in the list, from either end, is read from the index. PostgreSQL must be told ``DESC NULLS
    LAST`` (its DESC puts empty values first); SQLite's DESC puts them last already, and an index there has no words
    for it."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite":
            plain = copy.copy(self)
            plain.expressions = tuple(
                OrderBy(e.expression, descending=True) if isinstance(e, OrderBy) and e.descending else e
                for e in self.expressions
            )
            return super(ListOrderIndex, plain).create_sql(model, schema_editor, using, **kwargs)
        return super().create_sql(model, schema_editor, using, **kwargs)


def keys_of(queryset):
    model = queryset.model
    ordering = list(queryset.query.order_by or model._meta.ordering)
    keys = [Key(model, name) for name in ordering if isinstance(name, str)]
    if not any(key.name in ("pk", model._meta.pk.name) for key in keys):
        keys.append(Key(model, "pk"))
    return keys


def beyond(keys, values, reverse=False):
    """The rows after ``values`` in the order of ``keys`` (before them, when ``reverse``)."""
    condition = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        condition |= equal & key.beyond(value, reverse)
        equal &= key.equal(value)
    return keys[0].bound(values[0], reverse) & condition


class KeysetPage:
    """A page of a list, as templates use Django's ``Page``: ``number`` only when it is one of the numbered."""

    def __init__(self, object_list, number=None, paginator=None, previous_query="", next_query="", last_query=""):
        self.object_list = object_list
        self.number = number
        self.paginator = paginator
        self.previous_query = previous_query
        self.next_query = next_query
        self.last_query = last_query

    def __len__(self):
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_previous(self):
        return bool(self.previous_query)

    def has_next(self):
        return bool(self.next_query)

    def has_other_pages(self):
        return self.has_previous() or self.has_next()


class KeysetPaginationMixin:
    """For a ``ListView`` with ``paginate_by``: its pages by number first, then by keys (see the module)."""

    numbered_pages = NUMBERED

    def paginate_queryset(self, queryset, page_size):
        keys = keys_of(queryset)
        forwards = queryset.order_by(*(key.expression() for key in keys))
        backwards = queryset.order_by(*(key.expression(reverse=True) for key in keys))
        query = self.request.GET
        if "efter" in query or "foer" in query:
            after = "efter" in query
            values = self._values_at(queryset.model, query.get("efter" if after else "foer"), keys)
            if after:
                rows = list(forwards.filter(beyond(keys, values))[: page_size + 1])
                page = self._page(rows[:page_size], more_before=True, more_after=len(rows) > page_size)
            else:
                rows = list(backwards.filter(beyond(keys, values, reverse=True))[: page_size + 1])
                if len(rows) <= page_size:  # back at the start: the first page, numbered
                    return self._numbered(forwards, page_size, 1)
                page = self._page(rows[:page_size][::-1], more_before=True, more_after=True)
        elif query.get(self.page_kwarg) == "last":
            rows = list(backwards[: page_size + 1])[::-1]
            page = self._page(rows[-page_size:], more_before=len(rows) > page_size, more_after=False)
        else:
            return self._numbered(forwards, page_size, query.get(self.page_kwarg) or 1)
        # The whole list's paginator, for a template that says how many items it has (counted only if asked).
        page.paginator = Paginator(forwards, page_size)
        return (page.paginator, page, page.object_list, page.has_other_pages())

    @staticmethod
    def _values_at(model, value, keys):
        """The list's keys of the item a page starts from."""
        try:
            pk = int(value)
        except (TypeError, ValueError) as error:
            raise Http404(_("There is no such page.")) from error
        found = model._base_manager.filter(pk=pk).values_list(*(key.name for key in keys)).first()
        if found is None:
            raise Http404(_("There is no such page."))
        return found

    def _page(self, rows, more_before, more_after):
        return KeysetPage(
            rows,
            previous_query=f"foer={rows[0].pk}" if more_before and rows else "",
            next_query=f"efter={rows[-1].pk}" if more_after and rows else "",
        )

    def _numbered(self, queryset, page_size, number):
        paginator = Paginator(queryset, page_size, allow_empty_first_page=self.get_allow_empty())
        try:
            found = paginator.page(paginator.validate_number(number))
        except InvalidPage as error:
            raise Http404(_("There is no such page.")) from error
        rows = list(found.object_list)
        n = found.number
        if not found.has_next():
            following = ""
        elif n < self.numbered_pages:
            following = f"{self.page_kwarg}={n + 1}"
        else:
            following = f"efter={rows[-1].pk}"
        if not found.has_previous():
            preceding = ""
        elif n <= self.numbered_pages:
            preceding = f"{self.page_kwarg}={n - 1}"
        else:
            preceding = f"foer={rows[0].pk}"
        last = f"{self.page_kwarg}=last" if paginator.num_pages > self.numbered_pages and found.has_next() else ""
        page = KeysetPage(rows, n, paginator, preceding, following, last)
        return (paginator, page, rows, paginator.num_pages > 1)
