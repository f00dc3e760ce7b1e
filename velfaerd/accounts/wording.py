"""django-allauth's words that this site says its own way, in Danish: "totrinslogin" for its two-factor
authentication, "adgangsnøgle" for its security keys, and "husk" for its trust. Marked here so that the site's
catalogue (locale/da) keeps them; the site's catalogue comes before allauth's."""

from django.utils.translation import gettext_noop

WORDS = [
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Authenticator App"),
    gettext_noop("An authenticator app is not active."),
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("Security Keys"),
    gettext_noop("No security keys have been added."),
    gettext_noop("Add Security Key"),
    gettext_noop("Trust this Browser?"),
    gettext_noop("Don't Trust"),
    gettext_noop("Trust for %(period)s"),
    gettext_noop(
        "If you choose to trust this browser, you will not be asked for a verification code the next time you sign in."
    ),
]
