from velfaerd.core.sitemaps import NamedPagesSitemap

SITEMAPS = {"articles-lists": NamedPagesSitemap(["article-list"])}
