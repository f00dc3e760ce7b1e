"""`prune`: what the site keeps only for a while, removed when its time is up. Run daily (deploy/ has a timer).

Personal data first: sessions that have expired, and login records (django-axes keeps each login and failed attempt
with the user name, browser and IP address) older than ``LOGIN_RECORDS_DAYS`` (``DJANGO_LOGIN_RECORDS_DAYS``, 90 by
default): kept that long to look into a break-in attempt, not longer. Then what is no use any more: presence older
than a few minutes, text typed into a form and never saved past its days, addresses not found that nobody has asked
for in half a year, mail to editors sent 90 days ago, daily reading figures past ``READING_DAYS``
(``DJANGO_READING_DAYS``, two years by default), and the log of content changes past the page cache's reach."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from velfaerd.caching.versions import prune_changes
from velfaerd.editorial.admin.presence import FORGOTTEN
from velfaerd.editorial.models import Autosave, Presence
from velfaerd.notices.models import Notice
from velfaerd.reading.counting import forget_before, kept_since
from velfaerd.redirects.redirects import NotFound

#: A mail to an editor is kept this long after it was sent (what was sent, and that it is not sent twice).
SENT_MAIL_KEPT = datetime.timedelta(days=90)
#: An address not found that nobody has asked for in this long is no longer one to redirect.
NOT_FOUND_FORGOTTEN = datetime.timedelta(days=183)


def prune(now=None):
    """Remove what is past its time; returns {what: how many rows}."""
    now = now or timezone.now()
    login_cutoff = now - datetime.timedelta(days=settings.LOGIN_RECORDS_DAYS)
    removed = {}
    with transaction.atomic():
        removed["expired sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
        removed["login records"] = sum(
            model.objects.filter(attempt_time__lt=login_cutoff).delete()[1].get(model._meta.label, 0)
            for model in (AccessLog, AccessFailureLog, AccessAttempt)
        )
        removed["presence"] = Presence.objects.filter(seen_at__lt=now - FORGOTTEN).delete()[0]
        kept_for = datetime.timedelta(days=Autosave.FORGOTTEN_AFTER_DAYS)
        removed["unsaved form texts"] = Autosave.objects.filter(saved_at__lt=now - kept_for).delete()[0]
        removed["addresses not found"] = NotFound.objects.filter(last_seen__lt=now - NOT_FOUND_FORGOTTEN).delete()[0]
        removed["sent mails"] = Notice.objects.filter(sent_at__lt=now - SENT_MAIL_KEPT).delete()[0]
        removed["daily reading figures"] = forget_before(kept_since(now))
    prune_changes(now_ns=int(now.timestamp() * 10**9))
    return removed


class Command(BaseCommand):
    help = "Remove expired sessions, old login records and what else the site keeps only for a while."

    def handle(self, *args, **options):
        removed = prune()
        self.stdout.write("Removed " + ", ".join(f"{count} {what}" for what, count in removed.items()) + ".")
