"""django-allauth as this site uses it: nobody signs up (users are made in the admin), and a login a few minutes
old counts as recent for changing one's second factors (enrolling right after the first login needs no second
password prompt)."""

import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

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
