"""django-allauth as this site uses it: nobody signs up (users are made in the admin), neither with a password nor
by single sign-on; a login a few minutes old counts as recent for changing one's second factors (enrolling right
after the first login needs no second password prompt); the last factor stays while two steps are required."""

import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model

from . import secondstep


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        records = get_authentication_records(self.request, self.request.user)
        return not (records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Where two steps are required, the last passkey or app cannot be removed: add another first."""
        user = authenticator.user
        if authenticator.type in secondstep.FACTORS and secondstep.required(user):
            others = Authenticator.objects.filter(user=user, type__in=secondstep.FACTORS).exclude(pk=authenticator.pk)
            return others.exists()
        return super().can_delete_authenticator(authenticator)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on logs in users the site already has, matched by an address the provider has verified;
    it never makes one (the admin does, with the user's groups)."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def authenticate_by_email(self, sociallogin):
        """The one active user whose address (as an administrator typed it, in any case) is one the provider says
        it has verified; none when no user, or more than one, has it."""
        for address in (email.email for email in sociallogin.email_addresses if email.verified):
            users = list(get_user_model().objects.filter(email__iexact=address, is_active=True)[:2])
            if len(users) == 1:
                # The address is the user's: recorded as verified, so allauth leaves the password as it is (it
                # would take it away from a user whose address nobody verified).
                EmailAddress.objects.update_or_create(
                    user=users[0], email__iexact=address, defaults={"email": address, "verified": True}
                )
                return users[0], address
        return None
