"""The second step refuses a user whom django-axes has locked out, as the first step does, before it looks at the
code or the passkey."""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.webauthn.forms import AuthenticateWebAuthnForm
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.utils.translation import gettext_lazy as _


def refuse_when_locked_out(user):
    if AxesProxyHandler.is_locked(context.request, credentials={"username": user.get_username()}):
        raise forms.ValidationError(
            _("Too many failed attempts. Wait a quarter of an hour, then log in again."), code="locked_out"
        )


class LockedOutAuthenticateForm(AuthenticateForm):
    def clean_code(self):
        refuse_when_locked_out(self.user)
        return super().clean_code()


class LockedOutAuthenticateWebAuthnForm(AuthenticateWebAuthnForm):
    def clean_credential(self):
        refuse_when_locked_out(self.user)
        return super().clean_credential()
