from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    """Redirects from old addresses, made when an item's address changes, and the addresses not found."""

    name = "velfaerd.redirects"
    verbose_name = _("Redirects")

    def ready(self):
        from velfaerd.content.registry import registry
        from velfaerd.redirects import redirects

        registry.subscribe(redirects.SUBSCRIBER)  # an item whose address changes leaves a redirect at the old one

        from velfaerd.content import richtext
        from velfaerd.redirects import references

        # Links in rich text to the site's items are kept as references and shown at the item's address now.
        richtext.HOOKS.update(mark=references.mark, render=references.render, for_editing=references.for_editing)
