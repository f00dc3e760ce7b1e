"""What the editorial tools keep about content: the last check of each external address, and who has a form open."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkCheck(models.Model):
    """The last check of one external address the site shows, and where it is used."""

    class Status(models.TextChoices):
        OK = "ok", _("works")
        REDIRECT = "redirect", _("works, but has moved")
        BROKEN = "broken", _("broken")
        UNREACHABLE = "unreachable", _("no answer")
        INTERNAL = "internal", _("internal address – not checked")

    url = models.URLField(_("address"), max_length=2000, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("final address"), max_length=2000, blank=True)
    redirects = models.JSONField(_("redirects"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    checked_at = models.DateTimeField(_("checked"))
    usages = models.JSONField(_("used in"), default=list, blank=True)

    class Meta:
        db_table = "velfaerd_linkcheck"
        ordering = ["url"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        get_latest_by = "checked_at"

    def __str__(self):
        return self.url

    #: What counts as broken, and what an editor must look at (broken, or not checked since it is internal).
    BROKEN = (Status.BROKEN, Status.UNREACHABLE)
    NEEDS_AN_EDITOR = (*BROKEN, Status.INTERNAL)

    @property
    def is_broken(self):
        return self.status in self.BROKEN


class Presence(models.Model):
    """An editor has an item's change form open: the form says so every 20 seconds (``static/velfaerd/admin/
    presence.js``), so other editors of the item are told who else is working on it. Kept in the database, which
    every app instance shares; rows older than five minutes mean nothing and are removed on the next ping."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=255)
    seen_at = models.DateTimeField(_("seen"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="editorial_presence_once"),
        ]
        indexes = [models.Index(fields=["seen_at"])]
        verbose_name = _("editor with the form open")
        verbose_name_plural = _("editors with the form open")

    def __str__(self):
        return f"{self.user} ({self.seen_at:%H:%M})"


class HealthCheck(models.Model):
    """When one item's content was last checked for content health, and under which rules: one row per item an
    editor opens (a theme page with its sections and links is one). A change marks it (``rules`` = 0) in the
    same transaction, so no change can go unchecked; the check itself runs after the commit, or before the
    dashboard is read (``velfaerd/editorial/health.py``)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    #: The version of the rules it was checked under (health.RULES); 0: changed since, to be checked again.
    rules = models.PositiveSmallIntegerField(default=0)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="editorial_healthcheck_once"),
        ]
        indexes = [models.Index(fields=["rules"], name="editorial_healthcheck_rules")]
        verbose_name = _("content health check")
        verbose_name_plural = _("content health checks")

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class Finding(models.Model):
    """One thing content health found, stored when the content was checked: the dashboard and the admin index
    read these with SQL, a page at a time, whatever the size of the archive."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("review date")
        WEAK_LINK_TEXT = "weak_link_text", _("weak link text")
        MISSING_ALT_TEXT = "missing_alt_text", _("image without alt text")
        INACCESSIBLE_PDF = "inaccessible_pdf", _("PDF that is not accessible")
        GONE_LINK = "gone_link", _("link to a page visitors cannot see")
        READABILITY = "readability", _("readability")
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    label = models.CharField(_("where"), max_length=500)
    url = models.CharField(_("address"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    #: The sort key of its kind: LIX for readability (highest first) ...
    score = models.IntegerField(null=True, blank=True)
    #: ... the due date for a review (its owner's name in ``detail``) ...
    due_on = models.DateField(null=True, blank=True)
    #: ... the time for a draft (last changed) or a scheduled item (published from).
    at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "-score"], name="editorial_finding_score"),
            models.Index(fields=["kind", "due_on"], name="editorial_finding_due"),
            models.Index(fields=["kind", "at"], name="editorial_finding_at"),
        ]
        verbose_name = _("content health finding")
        verbose_name_plural = _("content health findings")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"


class Autosave(models.Model):
    """What one editor typed in one form and has not saved yet, kept every few seconds while they type
    (``static/velfaerd/admin/autosave.js``), so that a crashed browser loses seconds, not work. It is that
    editor's alone: never shown to another, never published; a save of the form or a discard removes it, and
    what is left is forgotten after ``FORGOTTEN_AFTER_DAYS``."""

    FORGOTTEN_AFTER_DAYS = 30
    MAX_BYTES = 2 * 1024 * 1024

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user"))
    path = models.CharField(_("form"), max_length=300)
    data = models.JSONField(_("what was typed"))
    saved_at = models.DateTimeField(_("kept"), db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "path"], name="editorial_autosave_once")]
        verbose_name = _("unsaved changes")
        verbose_name_plural = _("unsaved changes")

    def __str__(self):
        return f"{self.user} {self.path}"
