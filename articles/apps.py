from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from velfaerd.core.registry import Search, registry

        from .models import Article

        registry.register(
            Article,
            search=Search("title", ("standfirst", "body", "author")),
            feed_summary="standfirst",
            sitemap=True,
        )
