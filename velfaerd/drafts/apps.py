from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DraftsConfig(AppConfig):
    """Drafts of live items, preview links and scheduled publishing."""

    name = "velfaerd.drafts"
    verbose_name = _("Drafts")

    def ready(self):
        from velfaerd.caching import pagecache
        from velfaerd.caching.versions import ContentVersion
        from velfaerd.content.changes import changes_due
        from velfaerd.drafts import drafts, urls
        from velfaerd.redirects import redirects

        # The content version keeps the time the next scheduled change is due; when it has come, it says so.
        changes_due.connect(drafts.changes_due, sender=ContentVersion, dispatch_uid="drafts-publish-due")
        # A preview link that has ended answers 410 itself: never redirected, never counted as not found.
        redirects.reserve(f"/{urls.PREFIX}")
        pagecache.bypass(f"/{urls.PREFIX}")  # each link's page is for its holder only
