"""Dates as editors and visitors read them, written once: "05.01.2027" and "05.01.2027 kl. 09:00"."""

from django.utils import timezone
from django.utils.formats import date_format

DAY = "d.m.Y"
MOMENT = "d.m.Y \\k\\l. H:i"


def day_text(day):
    """A day: "05.01.2027" (of a moment, the day where the site is)."""
    if hasattr(day, "tzinfo") and timezone.is_aware(day):
        day = timezone.localtime(day)
    return date_format(day, DAY)


def moment_text(when):
    """A moment where the site is: "05.01.2027 kl. 09:00" (a naive moment is taken as it is)."""
    return date_format(timezone.localtime(when) if timezone.is_aware(when) else when, MOMENT)
