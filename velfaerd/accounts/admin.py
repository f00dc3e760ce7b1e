"""Second factors are the users' own: not listed in the admin (their secrets are in them). A superuser can only
reset another user's, from the user list (velfaerd/editorial/admin/shared.py)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin

admin.site.unregister(Authenticator)
admin.site.unregister(EmailAddress)  # a user's address is the one on the user
