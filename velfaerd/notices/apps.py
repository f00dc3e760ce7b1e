from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """Mail that tells editors what needs them: a weekly digest, a scheduled change that failed, a colleague's
    request to read a draft and its answer. Each is sent after its transaction commits, once, and retried by
    `send_notices` when the mail server fails."""

    name = "velfaerd.notices"
    verbose_name = _("Mail to editors")
    #: An outbox of sent mail is no use after a restore; the editors' choices and reviews are content.
    not_backed_up = ("notice",)

    def ready(self):
        from velfaerd.drafts.drafts import schedule_failed

        from .schedules import tell_the_editor

        schedule_failed.connect(tell_the_editor, dispatch_uid="velfaerd.notices.schedule_failed")
