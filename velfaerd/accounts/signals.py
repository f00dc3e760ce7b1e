"""What the log keeps of two-step login: every enrolment, removal, reset and recovery code used, and each failed
second step, which django-axes counts as a failed login (the same lockout as for a wrong password)."""

import logging

from allauth.mfa import signals as mfa
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("velfaerd.accounts")


@receiver(mfa.authenticator_added)
def enrolled(sender, request, user, authenticator, **kwargs):
    logger.info("Second factor added: %s for user %s.", authenticator.type, user.pk)


@receiver(mfa.authenticator_removed)
def removed(sender, request, user, authenticator, **kwargs):
    logger.info("Second factor removed: %s for user %s.", authenticator.type, user.pk)


@receiver(mfa.authenticator_reset)
def reset(sender, request, user, authenticator, **kwargs):
    logger.info("Second factor reset: %s for user %s.", authenticator.type, user.pk)


@receiver(mfa.authenticator_used)
def used(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        logger.warning("Recovery code used by user %s.", user.pk)


@receiver(mfa.authentication_failed)
def failed(sender, request, user, authenticator=None, **kwargs):
    logger.warning("Failed second step for user %s.", user.pk)
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
