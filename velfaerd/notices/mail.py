"""Mail to editors, in Danish, as plain text with a simple HTML version, each with links straight to where to act.

``notify`` records the mail in the transaction of the event it tells of and sends it once that commits: a save
rolled back sends nothing, an event is mailed once (the outbox is unique per kind, person and event), and a mail
server that fails never fails the editor's save; `send_notices` (a timer) sends what is left."""

import datetime
import logging

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Notice, Unsubscribed

logger = logging.getLogger(__name__)
CLAIM = datetime.timedelta(minutes=5)


def site_address(request=None):
    """The site's own address for links in mail: DJANGO_SITE_URL, or the request's when there is one."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return "http://localhost:8000"


def change_path(item):
    """Where an item is edited: the links in mail lead straight there."""
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(item.pk)])


def wants(user, kind):
    return (
        bool(user and user.is_active and user.email) and not Unsubscribed.objects.filter(user=user, kind=kind).exists()
    )


def notify(recipient, kind, key, template, context, request=None):
    """Mail ``recipient`` about the event ``key`` once, unless they chose not to get this kind; returns the new
    Notice, or None (not wanted, or already made for this event)."""
    if not wants(recipient, kind):
        return None
    context = {**context, "recipient": recipient, "site": site_address(request), "kind": kind}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"notices/mail/{template}_subject.txt", context).split())
        subject = f"{settings.EMAIL_SUBJECT_PREFIX}{subject}"
        text = render_to_string(f"notices/mail/{template}.txt", context)
        html = render_to_string(f"notices/mail/{template}.html", context)
    notice, made = Notice.objects.get_or_create(
        kind=kind, recipient=recipient, key=key[:200], defaults={"subject": subject, "text": text, "html": html}
    )
    if not made:
        return None
    transaction.on_commit(lambda: deliver(notice.pk))
    return notice


def _claim(pk, now):
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return Notice.objects.filter(free, pk=pk, sent_at__isnull=True).update(
        claimed_until=now + CLAIM, attempts=F("attempts") + 1
    )


def deliver(pk):
    """Send one mail unless it is sent or being sent; True if this call sent it. Never raises: a failing mail
    server is logged, and the mail waits for `send_notices`."""
    now = timezone.now()
    if not _claim(pk, now):
        return False
    notice = Notice.objects.select_related("recipient").get(pk=pk)
    message = EmailMultiAlternatives(notice.subject, notice.text, settings.DEFAULT_FROM_EMAIL, [notice.recipient.email])
    message.attach_alternative(notice.html, "text/html")
    try:
        message.send()
    except Exception as error:  # the mail server's refusal, or none answering
        logger.warning("Mail %s to user %s not sent (%s): it is tried again.", pk, notice.recipient_id, error)
        Notice.objects.filter(pk=pk).update(claimed_until=None, last_error=str(error)[:1000])
        return False
    Notice.objects.filter(pk=pk).update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def deliver_waiting():
    """Send every mail not sent yet (oldest first); returns (sent, still waiting)."""
    sent = waiting = 0
    for pk in Notice.objects.filter(sent_at__isnull=True).order_by("created_at").values_list("pk", flat=True):
        if deliver(pk):
            sent += 1
        else:
            waiting += 1
    return sent, waiting
