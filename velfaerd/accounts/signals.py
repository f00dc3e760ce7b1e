"""What the log keeps of two-step login: every enrolment, removal, reset and recovery code used, and each failed
second step, which django-axes counts as a failed login (the same lockout as for a wrong password)."""

import logging

from allauth.account.signals import user_logged_in
from allauth.mfa import signals as mfa
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from . import secondstep

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


@receiver(user_logged_in)
def provider_second_step(sender, request, user, sociallogin=None, **kwargs):
    """A single sign-on whose ID token says the provider did a second step itself (its "amr", e.g. Entra ID's
    "mfa") counts as this site's, if the site trusts those methods (DJANGO_OIDC_MFA_METHODS)."""
    if sociallogin is None or request is None:
        return
    methods = set(sociallogin.account.extra_data.get("id_token", {}).get("amr") or [])
    if methods & settings.OIDC_MFA_METHODS:
        secondstep.mark_passed(request)
        logger.info("Second step done by the identity provider (%s) for user %s.", ", ".join(sorted(methods)), user.pk)
