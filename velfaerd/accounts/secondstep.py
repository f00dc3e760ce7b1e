"""Whether this session has passed the second step of the login.

A logged-in user who has a factor has passed it (allauth logs such a user in only after that step, or in a browser
they chose to remember) or has just enrolled one: the middleware finds the factor once and records it in the
session, which then needs no query; a single sign-on whose provider did a second step records it at login.
Removing a user's factors logs them out everywhere, so no session outlives what it was let in by."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.utils import timezone

SESSION_KEY = "velfaerd_second_step"
#: What counts as a second step; recovery codes are there to replace one, never alone.
FACTORS = [Authenticator.Type.WEBAUTHN, Authenticator.Type.TOTP]


def has_factor(user):
    return is_mfa_enabled(user, FACTORS)


def mark_passed(request):
    request.session[SESSION_KEY] = True


def passed(request):
    return bool(request.session.get(SESSION_KEY))


def required(user):
    """Everyone who can reach the admin, when the site requires it (DJANGO_REQUIRE_2FA)."""
    return settings.REQUIRE_2FA and user.is_authenticated and (user.is_staff or user.is_superuser)


def reset(user):
    """Remove every second factor of ``user`` and log them out everywhere: their next login leads to enrolment.
    Returns how many factors were removed. Nobody sees the secrets; they are deleted."""
    from django.contrib.auth import SESSION_KEY as USER_KEY
    from django.contrib.sessions.models import Session

    removed, _kinds = Authenticator.objects.filter(user=user).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(USER_KEY) == str(user.pk):
            session.delete()
    return removed
