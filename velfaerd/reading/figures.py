"""The reading figures editors see: an item's views over 7, 30 and 365 days, the most read pages, the searches that
found nothing, each over a period, and a small chart of views per day (SVG made here, with the same figures as a
table for screen readers)."""

import dataclasses
import datetime

from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from .counting import today
from .models import PageViews, SearchMiss

PERIODS = (7, 30, 365)
LISTED = 25


@dataclasses.dataclass
class Day:
    day: datetime.date
    views: int

    @property
    def label(self):
        return date_format(self.day, "j. F Y")


@dataclasses.dataclass
class Chart:
    days: list

    @property
    def total(self):
        return sum(day.views for day in self.days)

    def svg(self):
        """Bars, one a day, scaled to the busiest; hidden from screen readers, which read the table instead."""
        width, height, gap = 6, 40, 1
        most = max((day.views for day in self.days), default=0) or 1
        bars = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}"></rect>',
            (
                (i * width, height - round(day.views / most * height), width - gap, round(day.views / most * height))
                for i, day in enumerate(self.days)
            ),
        )
        return format_html(
            '<svg class="reading-chart" viewBox="0 0 {} {}" preserveAspectRatio="none" aria-hidden="true" '
            'focusable="false">{}</svg>',
            len(self.days) * width,
            height,
            bars,
        )


def _series(rows, days, until):
    by_day = dict(rows)
    first = until - datetime.timedelta(days=days - 1)
    return [
        Day(first + datetime.timedelta(days=n), by_day.get(first + datetime.timedelta(days=n), 0)) for n in range(days)
    ]


@dataclasses.dataclass
class ItemFigures:
    totals: dict  # {days: views}
    chart: Chart


def _since(days, until):
    """The first of the last ``days`` days up to ``until``."""
    return until - datetime.timedelta(days=days - 1)


def for_path(path, until=None):
    """An item's figures: one query, whatever the number of days."""
    until = until or today()
    rows = list(
        PageViews.objects.filter(path=path, day__gte=_since(max(PERIODS), until), day__lte=until)
        .values_list("day", "views")
        .order_by()
    )
    totals = {days: sum(v for d, v in rows if d >= _since(days, until)) for days in PERIODS}
    return ItemFigures(totals=totals, chart=Chart(_series(rows, 30, until)))


def daily(days, until=None):
    until = until or today()
    rows = (
        PageViews.objects.filter(day__gte=_since(days, until), day__lte=until)
        .values("day")
        .annotate(total=Sum("views"))
        .values_list("day", "total")
        .order_by()
    )
    return Chart(_series(rows, days, until))


def _most(model, key, counted, days, until, limit):
    """The ``limit`` values of ``key`` with the most ``counted`` over the last ``days`` days, most first."""
    until = until or today()
    rows = model.objects.filter(day__gte=_since(days, until), day__lte=until).values(key)
    return list(rows.annotate(total=Sum(counted)).order_by("-total", key).values_list(key, "total")[:limit])


def most_read(days, until=None, limit=LISTED):
    return _most(PageViews, "path", "views", days, until, limit)


def searches_that_found_nothing(days, until=None, limit=LISTED):
    return _most(SearchMiss, "query", "searches", days, until, limit)
