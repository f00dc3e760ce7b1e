from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Logging in to the admin: two steps for everyone who can reach it, and a password reset by email."""

    name = "velfaerd.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signals  # noqa: F401  (the log of enrolments, removals and recovery codes used)
