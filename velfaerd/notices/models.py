"""Mail to editors: what was sent or is waiting (the outbox), what each editor chose not to get, and the requests to
read a draft with their answers."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DIGEST = "digest", _("Weekly: my items that need me (review dates, broken links, link texts, alt texts)")
    SCHEDULE_FAILED = "schedule_failed", _("At once: a change I scheduled could not be published")
    REVIEW_REQUEST = "review_request", _("At once: a colleague asks me to read a draft")
    REVIEW_ANSWER = "review_answer", _("At once: a colleague has read my draft")


class Notice(models.Model):
    """One mail to one person about one event (``key``): made in the event's transaction, so a rolled-back save
    sends nothing; unique, so an event is never mailed twice; sent after the commit, or by the next `send_notices`
    if the mail server failed."""

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("event"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"))
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    #: Being sent by one process until then: no other sends it meanwhile (one that died is retried after).
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        constraints = [
            models.UniqueConstraint(fields=["kind", "recipient", "key"], name="notices_notice_once_per_event")
        ]

    def __str__(self):
        return self.subject


class Unsubscribed(models.Model):
    """A kind of mail an editor chose not to get (their own page, /konto/mail/)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)

    class Meta:
        verbose_name = _("unsubscribed mail")
        verbose_name_plural = _("unsubscribed mails")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notices_unsubscribed_once")]

    def __str__(self):
        return self.get_kind_display()


class ReviewRequest(models.Model):
    """ "Bed om gennemlæsning": an editor asks colleagues to read an item's draft (or an item not yet published)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("asked by")
    )
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True)
    message = models.TextField(_("message"), blank=True)
    preview_url = models.URLField(_("preview link"), max_length=500)

    class Meta:
        verbose_name = _("request to read")
        verbose_name_plural = _("requests to read")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.requested_at:%Y-%m-%d}"


class ReviewAnswer(models.Model):
    """One colleague's answer to a request: waiting, "godkendt", or a comment."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="answers")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=43, unique=True, default=secrets.token_urlsafe, editable=False)
    approved = models.BooleanField(_("approved"), null=True)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["request", "reviewer"], name="notices_answer_once")]

    def __str__(self):
        return str(self.reviewer)
