"""Second factors are the users' own: not listed in the admin (their secrets are in them). A superuser can only
reset another user's, from the user list (velfaerd/editorial/admin/shared.py). Single sign-on is set by the
environment (DJANGO_OIDC_*), so allauth's lists of providers' apps (with their secrets) and tokens are not shown;
the users' links to the provider are, to see who signs on that way."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin

admin.site.unregister(Authenticator)
admin.site.unregister(EmailAddress)  # a user's address is the one on the user
admin.site.unregister(SocialApp)
admin.site.unregister(SocialToken)
