from velfaerd.seo.sitemaps import NamedPagesSitemap

from .models import Article

SITEMAPS = {"articles-lists": NamedPagesSitemap({"article-list": [Article]})}
