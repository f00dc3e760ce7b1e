from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    """What readers do, counted without cookies or consent: page views per address and day, and the searches that
    found nothing. Aggregate counters only: no IP address, user agent or identifier of anyone is stored."""

    name = "velfaerd.reading"
    verbose_name = _("Reading")
    #: Editors see the figures (the "Læsning" screen and a line on each item's form).
    grants = {"Redaktør": ["view_pageviews", "view_searchmiss"]}

    def ready(self):
        import atexit

        from .counting import flush

        atexit.register(flush)  # a worker that stops writes what it has counted
